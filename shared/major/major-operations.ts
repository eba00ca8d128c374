import type { OperationHandlers, ReportDocument } from '../contract.js';
import { incidentId, unitId } from '../domain/ids.js';
import type { JournalEvent, JournalRecord } from '../events.js';
import { assembleDebrief, buildTimeline, type DebriefPack } from './debrief.js';
import { majorDesk } from './major-desk.js';
import { type MajorIncident, majorIncidentId } from './major-incident.js';
import { majorView, type MethaneMessage, methaneMessage, methanePayload, methaneTopic } from './view.js';
import { fail, ok, type Result } from '../result.js';
import type { ConsoleService } from '../services/console-service.js';

type MajorOperationName =
  | 'listMajorIncidents'
  | 'declareMajorIncident'
  | 'getMajorIncident'
  | 'updateMethane'
  | 'getMethane'
  | 'logDecision'
  | 'acknowledgeReview'
  | 'commitUnitToMajor'
  | 'drawMajorScene'
  | 'standDownMajorIncident'
  | 'getMajorTimeline'
  | 'getMajorDebrief';

export interface MajorDeps {
  service: ConsoleService;
  /** The camera registry as it stands: views of cameras near the scene go in the debrief's evidence. */
  cameras?: () => readonly { id: string; name: string; lat: number; lon: number }[];
  /** The journal's last committed event and its hash, for exports. */
  chainHead: () => { seq: number; hash: string | null };
  /** Partner control rooms: the METHANE message as JSON over MQTT (retained: a late subscriber gets the current one). */
  publish?: (topic: string, payload: string, opts: { qos: 1; retain: true }) => Promise<void>;
  prefix: string;
  /** Keeps the debrief pack as it stood at stand-down (the host writes it beside the journal); none in bare tests. */
  keepDebrief?: (id: string, pack: DebriefPack) => void;
  /** The printable report of a pack (HTML and PDF) and of a METHANE message; without it only JSON is offered. */
  report?: { html(p: DebriefPack): string; pdf(p: DebriefPack): Uint8Array; methaneHtml?(m: MethaneMessage): string };
  log?: (s: string) => void;
}

const UNIT_TYPES: JournalEvent['type'][] = ['unit.status', 'unit.manual', 'unit.emergency', 'unit.bwv'];
/** How long before the declaration a camera view may have started and still run into it. */
const VIEW_LOOKBACK_MS = 60 * 60_000;

/** Every journal record that belongs in the major incident's timeline. */
function recordsFor(service: ConsoleService, m: MajorIncident): JournalRecord[] {
  const j = service.journal;
  const end = (m.stoodDownAt ?? service.now()) + 1;
  const records = j.readRange(0, Number.MAX_SAFE_INTEGER, { incidentId: m.id });
  if (m.incidentId) records.push(...j.readRange(0, end, { incidentId: m.incidentId }));
  // A unit's own events count while it was committed.
  for (const c of m.commitments) records.push(...j.readRange(c.committedAt, (c.releasedAt ?? end) + 1, { unitId: c.unitId, types: UNIT_TYPES }));
  return records;
}

/**
 * Camera views while the major incident ran (the debrief keeps those near the scene), and the
 * last hour before it: a view already running at the declaration is paired with its start.
 */
function cameraViews(service: ConsoleService, m: MajorIncident): JournalRecord[] {
  const end = (m.stoodDownAt ?? service.now()) + 1;
  const before = service.journal.readRange(m.declaredAt - VIEW_LOOKBACK_MS, m.declaredAt, { types: ['camera.viewed'] });
  // Only the views still open at the declaration matter from before it.
  const open = new Map<string, JournalRecord>();
  for (const r of before) {
    if (r.event.type !== 'camera.viewed') continue;
    const key = JSON.stringify([r.event.cameraId, r.event.by, r.event.where]);
    if (r.event.started) open.set(key, r);
    else open.delete(key);
  }
  return [...open.values(), ...service.journal.readRange(m.declaredAt, end, { types: ['camera.viewed'] })];
}

/** Major incidents: the coordinator's half of the contract. */
export function createMajorHandlers(deps: MajorDeps): Pick<OperationHandlers, MajorOperationName> {
  const { service } = deps;
  const view = (id: string) => majorView(service.state.majors.get(majorIncidentId(id))!, service.now());
  const publishMethane = (id: string) => {
    const m = service.state.majors.get(majorIncidentId(id));
    if (!m || !deps.publish) return;
    // Queued while the broker is away and sent in order when it is back; the journal already has it.
    deps.publish(methaneTopic(deps.prefix, m.id), methanePayload(m), { qos: 1, retain: true }).catch((err: Error) => deps.log?.(`METHANE ${m.id} not published: ${err.message}`));
  };
  const debrief = (m: MajorIncident): DebriefPack => {
    service.flush();
    const cameras = new Map((deps.cameras?.() ?? []).map((c) => [c.id, c]));
    return assembleDebrief(m, [...recordsFor(service, m), ...cameraViews(service, m)], service.state.units, deps.chainHead(), service.now(), cameras);
  };
  const act = async (decide: () => Result<JournalEvent[]>, id: () => string | undefined, methane = false) => {
    let made: string | undefined;
    const r = await service.decide(() => {
      const d = decide();
      if (d.ok) made = (d.value[0] as { majorId: string }).majorId;
      return d;
    });
    if (!r.ok) return r;
    const which = made ?? id()!;
    if (methane) publishMethane(which);
    return ok(view(which));
  };
  return {
    listMajorIncidents: async () => ok([...service.state.majors.values()].sort((a, b) => b.declaredAt - a.declaredAt).map((m) => majorView(m, service.now()))),
    getMajorIncident: async ({ id }) => (service.state.majors.has(majorIncidentId(id)) ? ok(view(id)) : fail(`No major incident ${id}.`, 'not_found')),
    declareMajorIncident: async ({ operator, ...input }) =>
      act(() => majorDesk.declare(service.state, { ...input, ...(input.incidentId && { incidentId: incidentId(input.incidentId) }) }, service.now(), operator), () => undefined, true),
    updateMethane: async ({ id, operator, ...input }) => act(() => majorDesk.updateMethane(service.state, id, input, service.now(), operator), () => id, true),
    getMethane: async ({ id, version, format }): Promise<Result<MethaneMessage | ReportDocument>> => {
      const m = service.state.majors.get(majorIncidentId(id));
      if (!m) return fail(`No major incident ${id}.`, 'not_found');
      const v = version === undefined ? m.methane.at(-1) : m.methane[version - 1];
      if (!v) return fail(`${id} has no METHANE version ${version}; the latest is ${m.methane.length}.`, 'not_found');
      const message = methaneMessage(m, v);
      if (format === 'json') return ok(message);
      if (!deps.report?.methaneHtml) return fail('This console cannot print reports; ask for the JSON message.', 'unavailable');
      return ok({ document: { contentType: 'text/html; charset=utf-8', filename: `methane-${id}-v${v.version}.html`, encoding: 'utf8', body: deps.report.methaneHtml(message) } });
    },
    logDecision: async ({ id, operator, ...input }) => act(() => majorDesk.logDecision(service.state, id, input, service.now(), operator), () => id),
    acknowledgeReview: async ({ id, operator, ...input }) => act(() => majorDesk.acknowledgeReview(service.state, id, input, service.now(), operator), () => id),
    commitUnitToMajor: async ({ id, unitId: uid, committed, operator }) => act(() => majorDesk.commitment(service.state, id, unitId(uid), committed, service.now(), operator), () => id),
    drawMajorScene: async ({ id, operator, ...input }) => act(() => majorDesk.drawScene(service.state, id, input, service.now(), operator), () => id),
    standDownMajorIncident: async ({ id, operator }) => {
      const r = await act(() => majorDesk.standDown(service.state, id, service.now(), operator), () => id, true);
      // The pack as it stood at stand-down, kept beside the journal.
      if (r.ok && deps.keepDebrief) deps.keepDebrief(id, debrief(service.state.majors.get(majorIncidentId(id))!));
      return r;
    },
    getMajorTimeline: async ({ id }) => {
      const m = service.state.majors.get(majorIncidentId(id));
      if (!m) return fail(`No major incident ${id}.`, 'not_found');
      service.flush();
      const cameras = new Map((deps.cameras?.() ?? []).map((c) => [c.id, c]));
      return ok(buildTimeline([...recordsFor(service, m), ...cameraViews(service, m)], (u) => service.state.units.get(unitId(u))?.callsign ?? u, { m, cameras }));
    },
    getMajorDebrief: async ({ id, format }): Promise<Result<DebriefPack | ReportDocument>> => {
      const m = service.state.majors.get(majorIncidentId(id));
      if (!m) return fail(`No major incident ${id}.`, 'not_found');
      const pack = debrief(m);
      if ((format === 'html' || format === 'pdf') && !deps.report) return fail('This console cannot print reports; ask for the JSON pack.', 'unavailable');
      if (format === 'html') return ok({ document: { contentType: 'text/html; charset=utf-8', filename: `debrief-${id}.html`, encoding: 'utf8', body: deps.report!.html(pack) } });
      if (format === 'pdf') return ok({ document: { contentType: 'application/pdf', filename: `debrief-${id}.pdf`, encoding: 'base64', body: base64(deps.report!.pdf(pack)) } });
      return ok(pack);
    },
  };
}

/** Bytes as base64, in chunks so a long report never overflows the argument list. */
function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
