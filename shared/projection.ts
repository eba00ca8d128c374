import { isAccessEvent } from './auth/audit.js';
import type { Alarm } from './domain/alarms.js';
import type { AlarmId, IncidentId, UnitId } from './domain/ids.js';
import { alarmId } from './domain/ids.js';
import type { Incident } from './domain/incidents.js';
import { type Unit, unitFromRoster } from './domain/units.js';
import type { JournalEvent } from './events.js';
import type { PspoZoneCollection } from './dispatch/pspo.js';
import { applyMajorEvent, isMajorEvent, type MajorIncident, type MajorIncidentId } from './major/major-incident.js';
import type { Camera } from './cctv/registry.js';
import { placeCamera, type WallLayout } from './cctv/layouts.js';

/** The console's current state: a projection of the journal, nothing more. */
export interface ConsoleState {
  seq: number;
  units: Map<UnitId, Unit>;
  incidents: Map<IncidentId, Incident>;
  alarms: Map<AlarmId, Alarm>;
  /** The PSPO zones a supervisor last loaded; null = the bundled defaults. */
  pspoZones?: PspoZoneCollection | null;
  /** Major incidents, open and stood down. */
  majors: Map<MajorIncidentId, MajorIncident>;
  /** Cameras imported into the registry, by id (the bundled list lies under them). */
  cameras?: Map<string, Camera>;
  /** Cameras taken out of the registry, bundled ones included. */
  removedCameras?: Set<string>;
  /** What the video wall shows; absent until an operator first sends it a camera. */
  wall?: WallLayout;
}

export interface Changes {
  units: Set<UnitId>;
  /**
   * Units that got a new fix (unit.location). Only those not also in `units` are position-only
   * changes (see `positionOnly`): any other change sends the unit whole, fix included.
   */
  fixes: Set<UnitId>;
  incidents: Set<IncidentId>;
  alarms: Set<AlarmId>;
  majors: Set<MajorIncidentId>;
}

export const emptyState = (): ConsoleState => ({ seq: 0, units: new Map(), incidents: new Map(), alarms: new Map(), majors: new Map() });
export const emptyChanges = (): Changes => ({ units: new Set(), fixes: new Set(), incidents: new Set(), alarms: new Set(), majors: new Set() });

/** Units whose only change is their position: they can travel as a compact fix row. */
export function positionOnly(c: Changes): UnitId[] {
  const ids: UnitId[] = [];
  for (const id of c.fixes) if (!c.units.has(id)) ids.push(id);
  return ids;
}

export interface StateSnapshot {
  seq: number;
  units: Unit[];
  incidents: Incident[];
  alarms: Alarm[];
  pspoZones?: PspoZoneCollection | null;
  majors?: MajorIncident[];
  cameras?: Camera[];
  removedCameras?: string[];
  wall?: WallLayout;
}

export const toSnapshot = (s: ConsoleState): StateSnapshot => ({
  seq: s.seq,
  units: [...s.units.values()],
  incidents: [...s.incidents.values()],
  alarms: [...s.alarms.values()],
  ...(s.pspoZones && { pspoZones: s.pspoZones }),
  ...(s.majors.size && { majors: [...s.majors.values()] }),
  ...(s.cameras?.size && { cameras: [...s.cameras.values()] }),
  ...(s.removedCameras?.size && { removedCameras: [...s.removedCameras] }),
  ...(s.wall && { wall: s.wall }),
});

export const fromSnapshot = (snap: StateSnapshot): ConsoleState => ({
  seq: snap.seq,
  units: new Map(snap.units.map((u) => [u.id, u])),
  incidents: new Map(snap.incidents.map((i) => [i.id, i])),
  alarms: new Map(snap.alarms.map((a) => [a.id, a])),
  ...(snap.pspoZones && { pspoZones: snap.pspoZones }),
  majors: new Map((snap.majors ?? []).map((m) => [m.id, m])),
  ...(snap.cameras && { cameras: new Map(snap.cameras.map((c) => [c.id, c])) }),
  ...(snap.removedCameras && { removedCameras: new Set(snap.removedCameras) }),
  ...(snap.wall && { wall: snap.wall }),
});

export const openAlarmFor = (s: ConsoleState, unit: UnitId): Alarm | undefined => {
  for (const a of s.alarms.values()) if (a.unitId === unit && a.stoodDownAt === null) return a;
  return undefined;
};

/**
 * Applies one journaled event. Mutates in place because telemetry arrives tens of thousands of
 * times a second; callers that need immutability (the renderer) copy what `changes` names.
 * Events about things the state does not know are ignored, so a replay never throws.
 */
export function applyEvent(state: ConsoleState, seq: number, e: JournalEvent, changes?: Changes): void {
  state.seq = seq;
  if (isMajorEvent(e)) {
    changes?.majors.add(e.majorId);
    return applyMajorEvent(state.majors, e);
  }
  // Sign-ins, refusals and reads are the audit's: they change nothing on the console's picture.
  if (isAccessEvent(e)) return;
  switch (e.type) {
    case 'unit.added': {
      const existing = state.units.get(e.entry.id);
      state.units.set(e.entry.id, existing ? { ...existing, ...e.entry } : unitFromRoster(e.entry));
      changes?.units.add(e.entry.id);
      return;
    }
    case 'unit.location': {
      const u = state.units.get(e.unitId);
      if (!u || (u.fix && u.fix.ts > e.fix.ts)) return;
      u.fix = e.fix;
      heard(u, e.fix.ts);
      if (e.bat !== undefined) u.battery = e.bat;
      changes?.fixes.add(u.id);
      return;
    }
    case 'unit.status': {
      const u = state.units.get(e.unitId);
      if (!u || u.statusTs > e.ts) return;
      heard(u, e.ts);
      u.status = e.status;
      u.statusTs = e.ts;
      delete u.statusBy;
      if (e.incidentId !== undefined) u.incidentId = e.incidentId;
      else if (e.status === 'available' || e.status === 'off_duty') u.incidentId = null;
      changes?.units.add(u.id);
      return;
    }
    case 'unit.manual': {
      const u = state.units.get(e.unitId);
      if (!u) return;
      // The same rule as telemetry: what is older than what the console holds does not replace it.
      if (e.status && u.statusTs <= e.at) {
        u.status = e.status;
        u.statusTs = e.at;
        u.statusBy = e.by;
        if (e.status === 'available' || e.status === 'off_duty') u.incidentId = null;
      }
      if (e.position && !(u.fix && u.fix.ts > e.at)) u.fix = { ts: e.at, lat: e.position.lat, lon: e.position.lon, by: e.by };
      // Sent whole, not as a fix row: the mark "by hand" travels with it.
      changes?.units.add(u.id);
      return;
    }
    case 'unit.emergency': {
      const u = state.units.get(e.unitId);
      if (!u) return;
      u.emergency = { active: e.active, ts: e.ts, lat: e.lat, lon: e.lon };
      if (e.source !== 'dispatcher') heard(u, e.ts);
      changes?.units.add(u.id);
      const open = openAlarmFor(state, u.id);
      if (e.active && !open) {
        const id = alarmId(`${u.id}@${e.ts}`);
        state.alarms.set(id, {
          id,
          unitId: u.id,
          source: e.source,
          raisedAt: e.ts,
          raisedBy: e.by,
          lat: e.lat ?? u.fix?.lat,
          lon: e.lon ?? u.fix?.lon,
          acknowledgedAt: null,
          acknowledgedBy: null,
          stoodDownAt: null,
          stoodDownBy: null,
        });
        changes?.alarms.add(id);
      } else if (e.active && open && e.lat !== undefined && e.lon !== undefined) {
        open.lat = e.lat;
        open.lon = e.lon;
        changes?.alarms.add(open.id);
      }
      return;
    }
    case 'unit.bwv': {
      const u = state.units.get(e.unitId);
      if (!u) return;
      u.bwv = { recording: e.recording, ts: e.ts };
      heard(u, e.ts);
      changes?.units.add(u.id);
      return;
    }
    case 'unit.accreditation': {
      const u = state.units.get(e.unitId);
      if (!u) return;
      const rest = u.withdrawnPowers.filter((p) => p !== e.power);
      u.withdrawnPowers = e.withdrawn ? [...rest, e.power] : rest;
      changes?.units.add(u.id);
      return;
    }
    case 'incident.created': {
      state.incidents.set(e.incident.id, structuredClone(e.incident));
      changes?.incidents.add(e.incident.id);
      return;
    }
    case 'incident.transition': {
      const i = state.incidents.get(e.incidentId);
      if (!i) return;
      i.state = e.to;
      i.updatedAt = e.at;
      i.history.push({ action: e.action, state: e.to, at: e.at, by: e.by, ...(e.note ? { note: e.note } : {}) });
      changes?.incidents.add(i.id);
      if (e.to === 'resolved' || e.to === 'closed' || e.to === 'cancelled') releaseUnits(state, i, e.at, changes);
      return;
    }
    case 'incident.report_linked': {
      const i = state.incidents.get(e.incidentId);
      if (!i) return;
      i.reports += 1;
      i.updatedAt = e.at;
      i.lastReportAt = Math.max(i.lastReportAt ?? i.createdAt, e.at);
      if (e.source === 'open311') i.open311Reports = (i.open311Reports ?? 0) + 1;
      changes?.incidents.add(i.id);
      return;
    }
    case 'allocation.created': {
      const i = state.incidents.get(e.incidentId);
      const u = state.units.get(e.unitId);
      if (!i || !u) return;
      i.allocations.push({ unitId: u.id, at: e.at, by: e.by, ackedAt: null });
      if (i.state === 'received' || i.state === 'triaged') {
        i.state = 'allocated';
        i.history.push({ action: 'allocated', state: 'allocated', at: e.at, by: e.by, note: `${u.callsign} allocated` });
      }
      i.updatedAt = e.at;
      u.status = 'en_route';
      delete u.statusBy;
      u.statusTs = Math.max(u.statusTs, e.at);
      u.incidentId = i.id;
      changes?.incidents.add(i.id);
      changes?.units.add(u.id);
      return;
    }
    case 'incident.note': {
      const i = state.incidents.get(e.incidentId);
      if (!i) return;
      i.updatedAt = e.at;
      i.notes = (i.notes ?? 0) + 1;
      changes?.incidents.add(i.id);
      return;
    }
    case 'incident.amended': {
      const i = state.incidents.get(e.incidentId);
      if (!i) return;
      if (e.priority !== undefined) i.priority = e.priority;
      if (e.category !== undefined) i.category = e.category;
      i.updatedAt = e.at;
      changes?.incidents.add(i.id);
      return;
    }
    case 'allocation.withdrawn': {
      const i = state.incidents.get(e.incidentId);
      const a = i?.allocations.findLast((x) => x.unitId === e.unitId && !x.withdrawnAt);
      if (!i || !a) return;
      a.withdrawnAt = e.at;
      a.withdrawnBy = e.by;
      i.updatedAt = e.at;
      const u = state.units.get(e.unitId);
      if (u && u.incidentId === i.id) {
        u.incidentId = null;
        u.status = 'available';
        u.statusTs = Math.max(u.statusTs, e.at);
        changes?.units.add(u.id);
      }
      // With nobody left on it, the incident waits in the queue for an officer again.
      if ((i.state === 'allocated' || i.state === 'en_route') && !i.allocations.some((x) => !x.withdrawnAt)) {
        i.state = 'triaged';
        i.history.push({ action: 'triaged', state: 'triaged', at: e.at, by: e.by, note: `${u?.callsign ?? e.unitId} de-allocated` });
      }
      changes?.incidents.add(i.id);
      return;
    }
    case 'allocation.acknowledged':
    case 'allocation.escalated': {
      const i = state.incidents.get(e.incidentId);
      const a = i?.allocations.findLast((x) => x.unitId === e.unitId);
      if (!i || !a) return;
      if (e.type === 'allocation.acknowledged') a.ackedAt = a.ackedAt ?? e.at;
      else a.escalatedAt = a.escalatedAt ?? e.at;
      changes?.incidents.add(i.id);
      return;
    }
    case 'allocation.sent': {
      const a = state.incidents.get(e.incidentId)?.allocations.findLast((x) => x.unitId === e.unitId && x.at === e.allocatedAt);
      if (a) a.sentAt = a.sentAt ?? e.at;
      return;
    }
    case 'pspo.zones_loaded': {
      state.pspoZones = e.zones;
      return;
    }
    case 'camera.registry_imported': {
      state.cameras ??= new Map();
      for (const c of e.cameras) {
        state.cameras.set(c.id, c);
        state.removedCameras?.delete(c.id);
      }
      return;
    }
    case 'camera.changed': {
      (state.cameras ??= new Map()).set(e.camera.id, e.camera);
      return;
    }
    case 'camera.removed': {
      state.cameras?.delete(e.cameraId);
      (state.removedCameras ??= new Set()).add(e.cameraId);
      return;
    }
    case 'wall.tile_set':
      state.wall = placeCamera(state.wall ?? { size: 4, tiles: [] }, e.tile - 1, e.cameraId);
      return;
    // Audit records: they change who watched what, not the console's state.
    case 'camera.viewed':
    case 'camera.ptz':
      return;
    case 'alarm.acknowledged': {
      const a = state.alarms.get(e.alarmId);
      if (!a || a.acknowledgedAt !== null) return;
      a.acknowledgedAt = e.at;
      a.acknowledgedBy = e.by;
      changes?.alarms.add(a.id);
      return;
    }
    case 'alarm.stood_down': {
      const a = state.alarms.get(e.alarmId);
      if (!a || a.stoodDownAt !== null) return;
      a.stoodDownAt = e.at;
      a.stoodDownBy = e.by;
      changes?.alarms.add(a.id);
      return;
    }
  }
}

/** Only the officer's own devices count as hearing from them (see `neverHeardFrom`). */
function heard(u: Unit, ts: number) {
  u.heardAt = Math.max(u.heardAt ?? ts, ts);
}

function releaseUnits(state: ConsoleState, i: Incident, at: number, changes?: Changes) {
  for (const a of i.allocations) {
    const u = state.units.get(a.unitId);
    if (u && u.incidentId === i.id) {
      u.incidentId = null;
      u.status = 'available';
      delete u.statusBy;
      u.statusTs = Math.max(u.statusTs, at);
      changes?.units.add(u.id);
    }
  }
}
