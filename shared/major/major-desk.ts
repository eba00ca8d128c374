import type { IncidentId, UnitId } from '../domain/ids.js';
import { incidentId as toIncidentId, unitId as toUnitId } from '../domain/ids.js';
import type { JournalEvent } from '../events.js';
import type { ConsoleState } from '../projection.js';
import { fail, ok, type Result } from '../result.js';
import { decisionRefusal, type DecisionInput, nextReviewAt, reviewRefusal } from './decisions.js';
import { type MajorIncident, type MajorIncidentId, majorIncidentId, openCommitment } from './major-incident.js';
import { type Methane, methaneProblems } from './methane.js';
import { buildScene, sceneRefusal, type SceneInput } from './scene.js';

export interface MethaneInput extends Methane {
  location: { lat: number; lon: number };
}

const methaneOf = (i: MethaneInput): Methane => ({
  majorIncidentDeclared: i.majorIncidentDeclared,
  exactLocation: i.exactLocation,
  type: i.type,
  hazards: i.hazards,
  access: i.access,
  casualties: i.casualties,
  emergencyServices: i.emergencyServices,
});

const checkMethane = (i: MethaneInput): Result<Methane> => {
  const problems = methaneProblems(i);
  return problems.length ? fail(`The METHANE message is incomplete: ${problems.join(' ')}`) : ok(methaneOf(i));
};

/** Today's next major incident id, e.g. MI-20261130-01. */
function nextMajorId(state: ConsoleState, now: number): MajorIncidentId {
  const day = new Date(now).toISOString().slice(0, 10).replaceAll('-', '');
  let n = 0;
  for (const id of state.majors.keys()) if (id.startsWith(`MI-${day}-`)) n = Math.max(n, Number(id.slice(12)));
  return majorIncidentId(`MI-${day}-${String(n + 1).padStart(2, '0')}`);
}

const find = (state: ConsoleState, id: string): Result<MajorIncident> => {
  const m = state.majors.get(majorIncidentId(id));
  return m ? ok(m) : fail(`No major incident ${id}.`, 'not_found');
};
const open = (state: ConsoleState, id: string): Result<MajorIncident> => {
  const m = find(state, id);
  if (m.ok && m.value.stoodDownAt !== null) return fail(`${id} was stood down; its record is closed.`, 'conflict');
  return m;
};

/**
 * The rules of running a major incident, as decisions over the state that return the events to
 * journal: the host commits them (through `decide`, so two coordinators never act on the same
 * moment twice) and applies them from the journal.
 */
export const majorDesk = {
  declare(state: ConsoleState, input: MethaneInput & { incidentId?: string }, at: number, by: string): Result<JournalEvent[]> {
    const methane = checkMethane(input);
    if (!methane.ok) return methane;
    let incident: IncidentId | null = null;
    if (input.incidentId !== undefined) {
      const i = state.incidents.get(toIncidentId(input.incidentId));
      if (!i) return fail(`No incident ${input.incidentId}.`, 'not_found');
      for (const m of state.majors.values())
        if (m.incidentId === i.id && m.stoodDownAt === null) return fail(`Incident ${i.ref} is already part of major incident ${m.id}.`, 'conflict');
      incident = i.id;
    }
    return ok([{ type: 'major.declared', majorId: nextMajorId(state, at), incidentId: incident, location: input.location, methane: methane.value, at, by }]);
  },

  updateMethane(state: ConsoleState, id: string, input: MethaneInput, at: number, by: string): Result<JournalEvent[]> {
    const m = open(state, id);
    if (!m.ok) return m;
    const methane = checkMethane(input);
    if (!methane.ok) return methane;
    return ok([{ type: 'major.methane', majorId: m.value.id, version: m.value.methane.length + 1, location: input.location, methane: methane.value, at, by }]);
  },

  logDecision(state: ConsoleState, id: string, input: DecisionInput, at: number, by: string): Result<JournalEvent[]> {
    const m = open(state, id);
    if (!m.ok) return m;
    const refusal = decisionRefusal(m.value.decisions, input, at);
    if (refusal) return fail(refusal, 'conflict');
    const decision = {
      id: `D${m.value.decisions.length + 1}`,
      situation: input.situation,
      assessment: input.assessment,
      powers: input.powers,
      options: input.options,
      decision: input.decision,
      rationale: input.rationale,
      ...(input.reviewAt !== undefined && { reviewAt: input.reviewAt }),
      ...(input.supersedes !== undefined && { supersedes: input.supersedes }),
      at,
      by,
    };
    return ok([{ type: 'major.decision', majorId: m.value.id, decision }]);
  },

  /** The coordinator looked at a decision whose review fell due, and it stands (perhaps until a next review). */
  acknowledgeReview(state: ConsoleState, id: string, input: { decisionId: string; note?: string; nextReviewAt?: number }, at: number, by: string): Result<JournalEvent[]> {
    const m = open(state, id);
    if (!m.ok) return m;
    const refusal = reviewRefusal(m.value.decisions, input.decisionId, at, input.nextReviewAt);
    if (refusal) return fail(refusal, 'conflict');
    const d = m.value.decisions.find((x) => x.id === input.decisionId)!;
    const note = input.note?.trim();
    return ok([
      {
        type: 'major.review_acknowledged',
        majorId: m.value.id,
        decisionId: d.id,
        dueAt: nextReviewAt(d)!,
        at,
        by,
        ...(note && { note }),
        ...(input.nextReviewAt !== undefined && { nextReviewAt: input.nextReviewAt }),
      },
    ]);
  },

  commitment(state: ConsoleState, id: string, unit: string, committed: boolean, at: number, by: string): Result<JournalEvent[]> {
    const m = open(state, id);
    if (!m.ok) return m;
    const u = state.units.get(toUnitId(unit));
    if (!u) return fail(`No unit ${unit} on the roster.`, 'not_found');
    const current = openCommitment(m.value, u.id as UnitId);
    if (committed) {
      if (current) return fail(`${u.callsign} is already committed to ${id}.`, 'conflict');
      for (const other of state.majors.values())
        if (other.id !== m.value.id && other.stoodDownAt === null && openCommitment(other, u.id)) return fail(`${u.callsign} is committed to ${other.id}; release it there first.`, 'conflict');
      return ok([{ type: 'major.unit_committed', majorId: m.value.id, unitId: u.id, at, by }]);
    }
    if (!current) return fail(`${u.callsign} is not committed to ${id}.`, 'conflict');
    return ok([{ type: 'major.unit_released', majorId: m.value.id, unitId: u.id, at, by }]);
  },

  drawScene(state: ConsoleState, id: string, input: SceneInput, at: number, by: string): Result<JournalEvent[]> {
    const m = open(state, id);
    if (!m.ok) return m;
    const refusal = sceneRefusal(input, m.value.location);
    if (refusal) return fail(refusal);
    return ok([{ type: 'major.scene', majorId: m.value.id, scene: buildScene(m.value.location, input), at, by }]);
  },

  standDown(state: ConsoleState, id: string, at: number, by: string): Result<JournalEvent[]> {
    const m = open(state, id);
    if (!m.ok) return m;
    return ok([{ type: 'major.stood_down', majorId: m.value.id, at, by }]);
  },
};
