import type { OperationHandlers } from '../contract.js';
import { alarmId, incidentId, unitId, type UnitId } from '../domain/ids.js';
import type { JournalEvent } from '../events.js';
import { openAlarmFor } from '../projection.js';
import { fail, ok } from '../result.js';
import type { Camera } from './cameras.js';
import { alarmSurroundings } from './nearby.js';
import { type BwvLogEntry, thin, type Track } from './tracks.js';
import { REPLAY_FIX_WINDOW_S } from '../domain/freshness.js';
import type { ConsoleService } from '../services/console-service.js';

type SafetyOperationName =
  | 'raiseEmergency'
  | 'acknowledgeAlarm'
  | 'standDownAlarm'
  | 'getAlarmSurroundings'
  | 'getTrack'
  | 'replayAt'
  | 'listBwvEvents';

export interface SafetyDeps {
  service: ConsoleService;
  /** The camera registry as it stands when asked (imports change it). */
  cameras: () => readonly Camera[];
}

const TRACK_DEFAULT_MS = 30 * 60_000;
const when = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** Alarms, cameras, tracks, replay and body-worn video evidence: the officer-safety half of the contract. */
export function createSafetyHandlers({ service, cameras }: SafetyDeps): Pick<OperationHandlers, SafetyOperationName> {
  const alarm = (id: string) => service.state.alarms.get(alarmId(id));
  return {
    raiseEmergency: async ({ id, operator }) => {
      const u = service.unit(unitId(id));
      if (!u) return fail(`No unit ${id} on the roster.`, 'not_found');
      const open = openAlarmFor(service.state, u.id);
      if (open) return fail(`${u.callsign} already has an open alarm, raised at ${when(open.raisedAt)} by ${open.raisedBy}.`, 'conflict');
      const r = await service.commit({
        type: 'unit.emergency',
        unitId: u.id,
        ts: Math.max(service.now(), (u.emergency?.ts ?? 0) + 1),
        active: true,
        ...(u.fix && { lat: u.fix.lat, lon: u.fix.lon }),
        source: 'dispatcher',
        by: operator,
      });
      if (!r.ok) return r;
      const raised = openAlarmFor(service.state, u.id);
      return raised ? ok(raised) : fail(`The alarm for ${u.callsign} was journaled but is not open; check the journal.`, 'conflict');
    },

    acknowledgeAlarm: async ({ id, operator }) => {
      const a = alarm(id);
      if (!a) return fail(`No alarm ${id}.`, 'not_found');
      if (a.stoodDownAt !== null) return fail(`That alarm was stood down at ${when(a.stoodDownAt)} by ${a.stoodDownBy}.`, 'conflict');
      if (a.acknowledgedAt !== null) return fail(`Already acknowledged at ${when(a.acknowledgedAt)} by ${a.acknowledgedBy}.`, 'conflict');
      const r = await service.commit({ type: 'alarm.acknowledged', alarmId: a.id, at: service.now(), by: operator });
      return r.ok ? ok(service.state.alarms.get(a.id)!) : r;
    },

    standDownAlarm: async ({ id, operator }) => {
      const a = alarm(id);
      if (!a) return fail(`No alarm ${id}.`, 'not_found');
      if (a.stoodDownAt !== null) return fail(`Already stood down at ${when(a.stoodDownAt)} by ${a.stoodDownBy}.`, 'conflict');
      if (a.acknowledgedAt === null) return fail('Acknowledge the alarm before standing it down: someone must have taken it on.', 'conflict');
      const at = service.now();
      const u = service.unit(a.unitId);
      const events: JournalEvent[] = [{ type: 'alarm.stood_down', alarmId: a.id, at, by: operator }];
      // The unit's emergency flag goes with the alarm; a device still pressing its button raises a new one.
      if (u?.emergency?.active)
        events.push({ type: 'unit.emergency', unitId: u.id, ts: Math.max(at, u.emergency.ts + 1), active: false, source: 'dispatcher', by: operator });
      const r = await service.commitAll(events);
      return r.ok ? ok(service.state.alarms.get(a.id)!) : r;
    },

    getAlarmSurroundings: async ({ id, units, cameras: nCameras }) => {
      const a = alarm(id);
      if (!a) return fail(`No alarm ${id}.`, 'not_found');
      return ok(alarmSurroundings(a, service.state.units.values(), cameras(), service.now(), { units, cameras: nCameras }));
    },

    getTrack: async ({ id, from, to, maxPoints }) => {
      const u = service.unit(unitId(id));
      if (!u) return fail(`No unit ${id} on the roster.`, 'not_found');
      const end = to ?? service.now() + 1;
      const start = from ?? end - TRACK_DEFAULT_MS;
      if (start >= end) return fail('The track must start before it ends.');
      service.flush();
      const points = service.journal
        .readRange(start, end, { types: ['unit.location'], unitId: u.id })
        .flatMap((r) => (r.event.type === 'unit.location' ? [r.event.fix] : []))
        .sort((a, b) => a.ts - b.ts);
      const max = maxPoints ?? 2000;
      const track: Track = { unitId: u.id, from: start, to: end, points: thin(points, max), thinned: points.length > max };
      return ok(track);
    },

    replayAt: async ({ at, windowS }) => {
      const windowMs = (windowS ?? REPLAY_FIX_WINDOW_S) * 1000;
      service.flush();
      const ids = [...service.state.units.keys()];
      const statuses = new Map<UnitId, Extract<JournalEvent, { type: 'unit.status' }>['status']>();
      for (const r of service.journal.latestPerUnit('unit.status', ids, at, 0))
        if (r.event.type === 'unit.status') statuses.set(r.event.unitId, r.event.status);
      const positions = service.journal.latestPerUnit('unit.location', ids, at, at - windowMs).flatMap((r) => {
        if (r.event.type !== 'unit.location') return [];
        const u = service.unit(r.event.unitId);
        if (!u) return [];
        return [{ unitId: u.id, callsign: u.callsign, agency: u.agency, fix: r.event.fix, status: statuses.get(u.id) ?? null }];
      });
      return ok({ at, windowMs, positions });
    },

    listBwvEvents: async ({ id }) => {
      const i = service.incident(incidentId(id));
      if (!i) return fail(`No incident ${id}.`, 'not_found');
      service.flush();
      const entries: BwvLogEntry[] = service.journal.readRange(0, Number.MAX_SAFE_INTEGER, { types: ['unit.bwv'], incidentId: i.id }).flatMap((r) =>
        r.event.type === 'unit.bwv'
          ? [
              {
                seq: r.seq,
                recordedAt: r.recordedAt,
                ts: r.event.ts,
                unitId: r.event.unitId,
                callsign: service.unit(r.event.unitId)?.callsign ?? r.event.unitId,
                recording: r.event.recording,
                incidentId: r.event.incidentId,
              },
            ]
          : [],
      );
      return ok(entries);
    },
  };
}
