import { describe, expect, it } from 'vitest';
import { eo01, pc01 } from '../../test/fixtures/roster.js';
import type { JournalEvent, JournalRecord } from '../events.js';
import { applyEvent, type ConsoleState, emptyState, fromSnapshot, toSnapshot } from '../projection.js';
import type { Result } from '../result.js';
import { assembleDebrief } from './debrief.js';
import { dueReviews } from './decisions.js';
import { majorDesk, type MethaneInput } from './major-desk.js';
import { compareMethane, radioWording } from './methane.js';
import { cordonAt } from './scene.js';
import { majorView } from './view.js';
import { auditEntries } from '../auth/audit.js';

const T = Date.parse('2026-11-30T09:00:00Z');
const methane = (over: Partial<MethaneInput> = {}): MethaneInput => ({
  location: { lat: 52.5739, lon: -0.2406 },
  majorIncidentDeclared: true,
  exactLocation: 'Queensgate bus station, Westgate entrance',
  type: 'Building collapse',
  hazards: 'Unstable structure, gas leak suspected',
  access: 'From Bourges Boulevard; RVP Westgate car park',
  casualties: '3 P1, 10 P3',
  emergencyServices: 'Police, fire on scene; ambulance HART requested',
  ...over,
});

/** A console where every committed event is applied, as the host does after the journal commits. */
function desk() {
  const state: ConsoleState = emptyState();
  const records: JournalRecord[] = [];
  const apply = (r: Result<JournalEvent[]>, at: number) => {
    if (!r.ok) return r;
    for (const e of r.value) {
      const seq = records.length + 1;
      records.push({ seq, recordedAt: at, event: e });
      applyEvent(state, seq, e);
    }
    return r;
  };
  apply({ ok: true, value: [{ type: 'unit.added', entry: pc01 }, { type: 'unit.added', entry: eo01 }] }, T);
  return { state, records, apply };
}

describe('METHANE', () => {
  it('refuses a message with a line left out, naming the line', () => {
    const d = desk();
    const r = majorDesk.declare(d.state, methane({ hazards: ' ', casualties: '' }), T, 'coord');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/H \(hazards\) must be given.*N \(number and severity of casualties\) must be given/);
  });

  it('is worded for the radio in the standard order, M E T H A N E', () => {
    const lines = radioWording('MI-20261130-01', { version: 2, methane: methane(), location: { lat: 52.5739, lon: -0.2406 }, at: T, by: 'coord' });
    expect(lines[0]).toBe('METHANE MESSAGE MI-20261130-01, VERSION 2, 09:00 UTC, FROM COORD');
    expect(lines.slice(1, 8).map((l) => l.split(':')[0])).toEqual([
      'M — MAJOR INCIDENT DECLARED',
      'E — EXACT LOCATION',
      'T — TYPE OF INCIDENT',
      'H — HAZARDS',
      'A — ACCESS',
      'N — NUMBER AND SEVERITY OF CASUALTIES',
      'E — EMERGENCY SERVICES',
    ]);
    expect(lines[1]).toBe('M — MAJOR INCIDENT DECLARED: YES — MAJOR INCIDENT DECLARED');
    expect(lines[6]).toBe('N — NUMBER AND SEVERITY OF CASUALTIES: 3 P1, 10 P3');
    expect(lines.at(-1)).toBe('POSITION 52.57390, -0.24060. ENDS.');
    // Not declared: an ETHANE message, without the M line.
    const ethane = radioWording('MI-1', { version: 1, methane: methane({ majorIncidentDeclared: false }), location: { lat: 0, lon: 0 }, at: T, by: 'c' });
    expect(ethane[0]).toMatch(/^ETHANE MESSAGE/);
    expect(ethane[1]).toMatch(/^E — EXACT LOCATION/);
  });

  it('keeps every version and compares each with the last', () => {
    const d = desk();
    d.apply(majorDesk.declare(d.state, methane(), T, 'coord'), T);
    const id = [...d.state.majors.keys()][0]!;
    expect(id).toBe('MI-20261130-01');
    d.apply(majorDesk.updateMethane(d.state, id, methane({ casualties: '4 P1, 12 P3, 1 dead' }), T + 60_000, 'coord'), T + 60_000);
    const m = d.state.majors.get(id)!;
    expect(m.methane.map((v) => v.version)).toEqual([1, 2]);
    expect(m.methane[0]!.methane.casualties).toBe('3 P1, 10 P3');
    expect(compareMethane(m.methane[0]!.methane, m.methane[1]!.methane)).toEqual([
      { field: 'casualties', letter: 'N', words: 'NUMBER AND SEVERITY OF CASUALTIES', before: '3 P1, 10 P3', after: '4 P1, 12 P3, 1 dead' },
    ]);
  });
});

describe('the decision log', () => {
  const decision = (text: string, over: object = {}) => ({
    situation: 'Crowd building at the cordon',
    assessment: 'Risk of crush at the east gate',
    powers: 'Section 14 Public Order Act considered',
    options: 'Widen the cordon; hold the line',
    decision: text,
    rationale: 'Keeps the access route clear for ambulances',
    ...over,
  });

  it('never edits a decision: a later one supersedes it and both stay', () => {
    const d = desk();
    d.apply(majorDesk.declare(d.state, methane(), T, 'coord'), T);
    const id = [...d.state.majors.keys()][0]!;
    d.apply(majorDesk.logDecision(d.state, id, decision('Widen the outer cordon by 100 m'), T + 1000, 'coord'), T + 1000);
    d.apply(majorDesk.logDecision(d.state, id, decision('Widen the outer cordon by 200 m', { supersedes: 'D1' }), T + 2000, 'gold'), T + 2000);
    const log = d.state.majors.get(id)!.decisions;
    expect(log.map((x) => [x.id, x.decision, x.supersedes, x.supersededBy])).toEqual([
      ['D1', 'Widen the outer cordon by 100 m', undefined, 'D2'],
      ['D2', 'Widen the outer cordon by 200 m', 'D1', undefined],
    ]);
    expect(log[1]!.by).toBe('gold');
    const again = majorDesk.logDecision(d.state, id, decision('x', { supersedes: 'D1' }), T + 3000, 'coord');
    expect(!again.ok && again.error).toMatch(/D1 was already superseded by D2/);
    expect(majorDesk.logDecision(d.state, id, decision('x', { supersedes: 'D9' }), T + 3000, 'coord').ok).toBe(false);
  });

  it('raises a reminder when a review falls due, until a later decision supersedes it', () => {
    const d = desk();
    d.apply(majorDesk.declare(d.state, methane(), T, 'coord'), T);
    const id = [...d.state.majors.keys()][0]!;
    d.apply(majorDesk.logDecision(d.state, id, decision('Hold the line', { reviewAt: T + 30 * 60_000 }), T + 1000, 'coord'), T + 1000);
    const log = () => d.state.majors.get(id)!.decisions;
    expect(dueReviews(log(), T + 29 * 60_000)).toEqual([]);
    expect(dueReviews(log(), T + 30 * 60_000).map((x) => x.id)).toEqual(['D1']);
    d.apply(majorDesk.logDecision(d.state, id, decision('Hold the line for another hour', { supersedes: 'D1' }), T + 31 * 60_000, 'coord'), T + 31 * 60_000);
    expect(dueReviews(log(), T + 40 * 60_000)).toEqual([]);
    expect(majorDesk.logDecision(d.state, id, decision('late', { reviewAt: T }), T + 1, 'coord').ok).toBe(false);
  });

  it('stops the reminder when a coordinator acknowledges the review, journaled and attributed, and raises it again at the next review', () => {
    const d = desk();
    d.apply(majorDesk.declare(d.state, methane(), T, 'coord'), T);
    const id = [...d.state.majors.keys()][0]!;
    const due = T + 30 * 60_000;
    d.apply(majorDesk.logDecision(d.state, id, decision('Hold the line', { reviewAt: due }), T + 1000, 'coord'), T + 1000);
    const m = () => d.state.majors.get(id)!;
    // Not due yet: there is nothing to acknowledge.
    expect(majorDesk.acknowledgeReview(d.state, id, { decisionId: 'D1' }, due - 1, 'coord')).toMatchObject({ ok: false, error: /not due yet/ });
    expect(majorDesk.acknowledgeReview(d.state, id, { decisionId: 'D7' }, due, 'coord')).toMatchObject({ ok: false, error: /no decision D7/ });
    expect(majorView(m(), due).reviewsDue).toEqual(['D1']);
    expect(majorDesk.acknowledgeReview(d.state, id, { decisionId: 'D1', nextReviewAt: due }, due + 1, 'coord')).toMatchObject({ ok: false, error: /must be in the future/ });

    const ackAt = due + 5 * 60_000;
    const next = ackAt + 60 * 60_000;
    d.apply(majorDesk.acknowledgeReview(d.state, id, { decisionId: 'D1', note: ' Still needed: crowd remains ', nextReviewAt: next }, ackAt, 'insp.ward'), ackAt);
    expect(majorView(m(), ackAt + 1).reviewsDue).toEqual([]);
    expect(m().decisions[0]!.reviews).toEqual([{ at: ackAt, by: 'insp.ward', dueAt: due, note: 'Still needed: crowd remains', nextReviewAt: next }]);
    // The decision itself is not edited: its own review time stays as logged.
    expect(m().decisions[0]!.reviewAt).toBe(due);
    expect(majorView(m(), next).reviewsDue).toEqual(['D1']);

    // Journaled and attributed: the audit and the timeline both name who acknowledged it.
    const audit = auditEntries(d.records, { incident: id, limit: 100 });
    expect(audit.at(-1)).toMatchObject({ operator: 'insp.ward', action: 'major.review_acknowledged', summary: expect.stringMatching(/review of D1: it stands/) });
    const pack = assembleDebrief(m(), d.records, d.state.units, { seq: 0, hash: null }, next);
    expect(pack.timeline.at(-1)).toMatchObject({ kind: 'decision', by: 'insp.ward', text: 'Review of D1 acknowledged, due 09:30 UTC: it stands (Still needed: crowd remains); next review 10:35 UTC' });

    // Acknowledged with no next review: no more reminders; and it survives a snapshot.
    d.apply(majorDesk.acknowledgeReview(d.state, id, { decisionId: 'D1' }, next + 1, 'coord'), next + 1);
    const restored = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(d.state)))).majors.get(id)!;
    expect(majorView(restored, next + 99 * 60_000).reviewsDue).toEqual([]);
    expect(restored.decisions[0]!.reviews).toHaveLength(2);
    expect(majorDesk.acknowledgeReview(d.state, id, { decisionId: 'D1' }, next + 2, 'coord')).toMatchObject({ ok: false, error: /no review set/ });
  });
});

describe('committed units, stand-down and the debrief pack', () => {
  it('commits and releases units, closes the record at stand-down and assembles the pack from the journal', () => {
    const d = desk();
    d.apply(majorDesk.declare(d.state, methane(), T, 'coord'), T);
    const id = [...d.state.majors.keys()][0]!;
    d.apply(majorDesk.commitment(d.state, id, 'pc01', true, T + 1000, 'coord'), T + 1000);
    expect(majorDesk.commitment(d.state, id, 'pc01', true, T + 1500, 'coord').ok).toBe(false);
    d.apply(majorDesk.commitment(d.state, id, 'eo01', true, T + 2000, 'coord'), T + 2000);
    d.apply({ ok: true, value: [{ type: 'unit.bwv', unitId: pc01.id, ts: T + 2500, recording: true, incidentId: null }] }, T + 2500);
    d.apply(majorDesk.commitment(d.state, id, 'eo01', false, T + 3000, 'coord'), T + 3000);
    d.apply(majorDesk.standDown(d.state, id, T + 4000, 'coord'), T + 4000);
    expect(majorDesk.updateMethane(d.state, id, methane(), T + 5000, 'coord')).toMatchObject({ ok: false, code: 'conflict' });

    // Survives a snapshot and restore.
    const m = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(d.state)))).majors.get(id)!;
    expect(m.commitments.map((c) => [c.unitId, c.releasedAt])).toEqual([
      ['pc01', T + 4000],
      ['eo01', T + 3000],
    ]);
    const pack = assembleDebrief(m, d.records, d.state.units, { seq: 9, hash: 'ab'.repeat(32) }, T + 6000);
    expect(pack.committedUnits.map((u) => [u.callsign, u.agency])).toEqual([
      ['EO01', 'Council prevention & enforcement'],
      ['PC01', 'Police constable'],
    ]);
    expect(pack.timeline.map((e) => e.kind)).toEqual(['declaration', 'commitment', 'commitment', 'evidence', 'commitment', 'stand-down']);
    expect(pack.evidence).toEqual([{ kind: 'body-worn video', unitId: 'pc01', callsign: 'PC01', from: T + 2500, to: null, seqs: [6] }]);
    expect(pack.chain).toEqual({ seq: 9, hash: 'ab'.repeat(32) });
    expect(pack.methane[0]!.radio[0]).toMatch(/^METHANE MESSAGE MI-20261130-01, VERSION 1/);
  });
});

describe('the scene', () => {
  it('draws cordons about the scene and the points the coordinator places, and says which cordon a unit is in', () => {
    const d = desk();
    d.apply(majorDesk.declare(d.state, methane(), T, 'coord'), T);
    const id = [...d.state.majors.keys()][0]!;
    expect(majorDesk.drawScene(d.state, id, { innerRadiusM: 300, outerRadiusM: 200 }, T, 'coord')).toMatchObject({ ok: false, error: /outer cordon must lie outside/ });
    expect(majorDesk.drawScene(d.state, id, { accessRoute: [{ lat: 52.57, lon: -0.24 }] }, T, 'coord')).toMatchObject({ ok: false, error: /two points or more/ });
    const route = [
      { lat: 52.577, lon: -0.245 },
      { lat: 52.574, lon: -0.241 },
    ];
    d.apply(majorDesk.drawScene(d.state, id, { innerRadiusM: 100, outerRadiusM: 400, rvp: { lat: 52.577, lon: -0.245 }, accessRoute: route }, T + 1, 'coord'), T + 1);
    const scene = d.state.majors.get(id)!.scene!;
    expect(scene.features.map((f) => f.properties.kind)).toEqual(['outer-cordon', 'inner-cordon', 'rvp', 'access-route']);
    expect(scene.features[3]!.geometry).toEqual({ type: 'LineString', coordinates: [[-0.245, 52.577], [-0.241, 52.574]] });
    const at = (m: number) => ({ lat: 52.5739 + m / 111_320, lon: -0.2406 });
    expect(cordonAt(scene, at(50))).toBe('inner-cordon');
    expect(cordonAt(scene, at(250))).toBe('outer-cordon');
    expect(cordonAt(scene, at(600))).toBeNull();
  });

  it('draws cordons freehand as polygons, refuses ones that cannot be a cordon, and says who is inside by the polygon, not a circle', () => {
    const d = desk();
    d.apply(majorDesk.declare(d.state, methane(), T, 'coord'), T);
    const id = [...d.state.majors.keys()][0]!;
    const draw = (input: Parameters<typeof majorDesk.drawScene>[2]) => majorDesk.drawScene(d.state, id, input, T + 1, 'coord');
    // An L round the scene (52.5739, -0.2406): the block to the north-east is not cordoned.
    const inner = [
      { lat: 52.5730, lon: -0.2420 },
      { lat: 52.5730, lon: -0.2390 },
      { lat: 52.5745, lon: -0.2390 },
      { lat: 52.5745, lon: -0.2400 },
      { lat: 52.5760, lon: -0.2400 },
      { lat: 52.5760, lon: -0.2420 },
    ];
    const outer = [
      { lat: 52.5700, lon: -0.2460 },
      { lat: 52.5700, lon: -0.2350 },
      { lat: 52.5790, lon: -0.2350 },
      { lat: 52.5790, lon: -0.2460 },
    ];
    expect(draw({ innerCordon: inner, innerRadiusM: 100 })).toMatchObject({ ok: false, error: 'The inner cordon is a circle or a polygon, not both.' });
    expect(draw({ innerCordon: inner.slice(0, 2) })).toMatchObject({ ok: false, error: /three corners or more/ });
    expect(draw({ outerCordon: [outer[0]!, outer[2]!, outer[1]!, outer[3]!] })).toMatchObject({ ok: false, error: /edges cross/ });
    expect(draw({ innerCordon: [inner[0]!, { lat: 52.574, lon: -0.241 }, { lat: 52.575, lon: -0.240 }] })).toMatchObject({ ok: false, error: /encloses no area/ });
    // The outer must hold the inner, whichever way each is drawn.
    expect(draw({ innerCordon: outer, outerCordon: inner })).toMatchObject({ ok: false, error: /outer cordon must lie outside/ });
    expect(draw({ innerCordon: inner, outerRadiusM: 150 })).toMatchObject({ ok: false, error: /outer cordon must lie outside/ });
    expect(draw({ innerRadiusM: 100, outerCordon: outer }).ok).toBe(true);

    d.apply(draw({ innerCordon: inner, outerCordon: outer }), T + 1);
    const scene = d.state.majors.get(id)!.scene!;
    expect(scene.features.map((f) => [f.properties.kind, f.properties.freehand])).toEqual([
      ['outer-cordon', true],
      ['inner-cordon', true],
    ]);
    // Closed as GeoJSON wants, corners in the order drawn.
    expect(scene.features[1]!.geometry).toEqual({ type: 'Polygon', coordinates: [[...inner, inner[0]!].map((p) => [p.lon, p.lat])] });
    expect(cordonAt(scene, { lat: 52.5735, lon: -0.2410 })).toBe('inner-cordon');
    // In the notch of the L: inside any circle about the scene that reaches the L's far corner, but outside this cordon.
    expect(cordonAt(scene, { lat: 52.5752, lon: -0.2395 })).toBe('outer-cordon');
    expect(cordonAt(scene, { lat: 52.5800, lon: -0.2400 })).toBeNull();
  });
});

describe('the evidence manifest', () => {
  it('lists CCTV views of cameras near the scene or inside a cordon while the major incident ran, with who watched and where', () => {
    const d = desk();
    d.apply(majorDesk.declare(d.state, methane(), T, 'coord'), T);
    const id = [...d.state.majors.keys()][0]!;
    // The outer cordon runs 1 km east along the river: a camera there is evidence though far from the scene.
    const outer = [
      { lat: 52.572, lon: -0.245 },
      { lat: 52.572, lon: -0.225 },
      { lat: 52.576, lon: -0.225 },
      { lat: 52.576, lon: -0.245 },
    ];
    d.apply(majorDesk.drawScene(d.state, id, { outerCordon: outer }, T + 1, 'coord'), T + 1);
    const cameras = new Map([
      ['cam-sq', { name: 'Cathedral Square', lat: 52.5727, lon: -0.2421 }],
      ['cam-river', { name: 'Embankment', lat: 52.5740, lon: -0.2280 }],
      ['cam-far', { name: 'Bretton', lat: 52.5900, lon: -0.2900 }],
    ]);
    const viewed = (cameraId: string, started: boolean, at: number, by = 'cctv1', where = 'tile 1'): JournalEvent => ({ type: 'camera.viewed', cameraId, at, by, started, where });
    d.apply({ ok: true, value: [viewed('cam-sq', false, T + 500, 'cctv2', 'wall')] }, T + 500);
    d.apply({ ok: true, value: [viewed('cam-sq', true, T + 1000), viewed('cam-far', true, T + 1000), viewed('cam-river', true, T + 2000, 'cctv2', 'wall')] }, T + 2000);
    d.apply({ ok: true, value: [viewed('cam-sq', false, T + 3000), viewed('cam-far', false, T + 3000)] }, T + 3000);
    const m = d.state.majors.get(id)!;
    const pack = assembleDebrief(m, d.records, d.state.units, { seq: 0, hash: null }, T + 4000, cameras);
    expect(pack.evidence.map((e) => (e.kind === 'CCTV view' ? [e.camera, e.by, e.where, e.from, e.to, e.distanceM] : e.kind))).toEqual([
      // Already watched on the wall when the major incident was declared.
      ['Cathedral Square', 'cctv2', 'wall', null, T + 500, 168],
      ['Cathedral Square', 'cctv1', 'tile 1', T + 1000, T + 3000, 168],
      ['Embankment', 'cctv2', 'wall', T + 2000, null, 852],
    ]);
    expect(pack.evidence[1]!.seqs).toEqual([6, 9]);
    // The same views in the timeline, in order; the far camera's are no part of it.
    expect(pack.timeline.filter((t) => t.kind === 'evidence').map((t) => t.text)).toEqual([
      'cctv2 stopped watching Cathedral Square (wall)',
      'cctv1 started watching Cathedral Square (tile 1)',
      'cctv2 started watching Embankment (wall)',
      'cctv1 stopped watching Cathedral Square (tile 1)',
    ]);
  });
});
