import fs from 'node:fs';
import path from 'node:path';
import { debriefHtml, debriefPdf } from '../../../adapters/report/debrief-report.js';
import type { OperationHandlers, ReportDocument } from '../../../shared/contract.js';
import { incidentId, unitId } from '../../../shared/domain/ids.js';
import type { JournalEvent, JournalRecord } from '../../../shared/events.js';
import { assembleDebrief, type DebriefPack } from '../../../shared/major/debrief.js';
import { majorDesk } from '../../../shared/major/major-desk.js';
import { type MajorIncident, majorIncidentId } from '../../../shared/major/major-incident.js';
import { majorView, methanePayload, methaneTopic } from '../../../shared/major/view.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import type { ConsoleService } from '../console-service.js';

type MajorOperationName =
  | 'listMajorIncidents'
  | 'declareMajorIncident'
  | 'getMajorIncident'
  | 'updateMethane'
  | 'logDecision'
  | 'commitUnitToMajor'
  | 'drawMajorScene'
  | 'standDownMajorIncident'
  | 'getMajorDebrief';

export interface MajorDeps {
  service: ConsoleService;
  /** The journal's last committed event and its hash, for exports. */
  chainHead: () => { seq: number; hash: string | null };
  /** Partner control rooms: the METHANE message as JSON over MQTT (retained: a late subscriber gets the current one). */
  publish?: (topic: string, payload: string, opts: { qos: 1; retain: true }) => Promise<void>;
  prefix: string;
  /** Where stand-down writes the debrief pack (JSON and HTML); none in bare tests. */
  debriefDir?: string;
  log?: (s: string) => void;
}

const UNIT_TYPES: JournalEvent['type'][] = ['unit.status', 'unit.manual', 'unit.emergency', 'unit.bwv'];

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
    return assembleDebrief(m, recordsFor(service, m), service.state.units, deps.chainHead(), service.now());
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
    logDecision: async ({ id, operator, ...input }) => act(() => majorDesk.logDecision(service.state, id, input, service.now(), operator), () => id),
    commitUnitToMajor: async ({ id, unitId: uid, committed, operator }) => act(() => majorDesk.commitment(service.state, id, unitId(uid), committed, service.now(), operator), () => id),
    drawMajorScene: async ({ id, operator, ...input }) => act(() => majorDesk.drawScene(service.state, id, input, service.now(), operator), () => id),
    standDownMajorIncident: async ({ id, operator }) => {
      const r = await act(() => majorDesk.standDown(service.state, id, service.now(), operator), () => id, true);
      if (r.ok && deps.debriefDir) {
        // The pack as it stood at stand-down, kept beside the journal.
        const pack = debrief(service.state.majors.get(majorIncidentId(id))!);
        const dir = path.join(deps.debriefDir, id);
        try {
          fs.mkdirSync(dir, { recursive: true });
          fs.writeFileSync(path.join(dir, 'debrief.json'), JSON.stringify(pack, null, 2));
          fs.writeFileSync(path.join(dir, 'debrief.html'), debriefHtml(pack));
        } catch (err) {
          deps.log?.(`The debrief pack for ${id} could not be written to ${dir}: ${(err as Error).message}`);
        }
      }
      return r;
    },
    getMajorDebrief: async ({ id, format }): Promise<Result<DebriefPack | ReportDocument>> => {
      const m = service.state.majors.get(majorIncidentId(id));
      if (!m) return fail(`No major incident ${id}.`, 'not_found');
      const pack = debrief(m);
      if (format === 'html') return ok({ document: { contentType: 'text/html; charset=utf-8', filename: `debrief-${id}.html`, encoding: 'utf8', body: debriefHtml(pack) } });
      if (format === 'pdf') return ok({ document: { contentType: 'application/pdf', filename: `debrief-${id}.pdf`, encoding: 'base64', body: Buffer.from(debriefPdf(pack)).toString('base64') } });
      return ok(pack);
    },
  };
}
