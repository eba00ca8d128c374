import { describe, expect, it } from 'vitest';
import type { Health, StreamMessage } from '../contract.js';
import { unitId } from '../domain/ids.js';
import type { JournalEvent } from '../events.js';
import { applyEvent, type Changes, emptyChanges, emptyState } from '../projection.js';
import { pc01 } from '../../test/fixtures/roster.js';
import { readFix } from '../wire/fix.js';
import { ChangeFeed } from './change-feed.js';
import { majorDesk } from '../major/major-desk.js';
import type { ConsoleService } from './console-service.js';

const T = Date.parse('2026-11-24T12:00:00Z');
const pc02 = { ...pc01, id: unitId('pc02'), callsign: 'PC02' };

/** The two things the feed reads from the service: the state and the changes since last tick. */
function fakeService() {
  const state = emptyState();
  let changes: Changes = emptyChanges();
  let seq = 0;
  const clock = { now: T };
  return {
    state,
    clock,
    now: () => clock.now,
    apply(e: JournalEvent) {
      applyEvent(state, ++seq, e, changes);
    },
    takeChanges() {
      const c = changes;
      changes = emptyChanges();
      return c;
    },
  };
}

describe('change feed', () => {
  it('sends units that only moved as compact fix rows and every other changed unit whole', () => {
    const service = fakeService();
    const feed = new ChangeFeed(service as unknown as ConsoleService, () => ({ now: T }) as Health);
    const sent: StreamMessage[] = [];
    feed.subscribe((m) => sent.push(m));
    service.apply({ type: 'unit.added', entry: pc01 });
    service.apply({ type: 'unit.added', entry: pc02 });
    service.apply({ type: 'unit.location', unitId: pc01.id, fix: { ts: T, lat: 52.5, lon: -0.2 } });
    feed.tick();
    // Just added: whole, although it also moved.
    expect(sent[0]).toMatchObject({ type: 'changes', fixes: [] });
    expect(sent[0]!.units.map((u) => u.id).sort()).toEqual([pc01.id, pc02.id]);

    service.apply({ type: 'unit.location', unitId: pc01.id, fix: { ts: T + 1000, lat: 52.51, lon: -0.21, hdg: 90, acc: 5 }, bat: 77 });
    service.apply({ type: 'unit.location', unitId: pc02.id, fix: { ts: T + 1000, lat: 52.6, lon: -0.3 } });
    service.apply({ type: 'unit.status', unitId: pc02.id, ts: T + 1000, status: 'busy' });
    feed.tick();
    const m = sent[1]!;
    expect(m.type).toBe('changes');
    if (m.type !== 'changes') return;
    expect(m.fixes).toEqual([[pc01.id, T + 1000, 52.51, -0.21, 5, 90, null, 77]]);
    // Read back as the consoles read it, it is the fix the unit reported.
    expect(readFix(m.fixes![0]!.slice(1) as number[])).toEqual({ fix: { ts: T + 1000, lat: 52.51, lon: -0.21, hdg: 90, acc: 5 }, bat: 77 });
    expect(m.units.map((u) => [u.id, u.status, u.fix?.lat])).toEqual([[pc02.id, 'busy', 52.6]]);
    feed.stop();
  });

  it('sends a major incident whole when it changes, and again when a review falls due with no event behind it', () => {
    const service = fakeService();
    const feed = new ChangeFeed(service as unknown as ConsoleService, () => ({ now: T }) as Health);
    const sent: StreamMessage[] = [];
    feed.subscribe((m) => sent.push(m));
    const methane = { location: { lat: 52.57, lon: -0.24 }, majorIncidentDeclared: true, exactLocation: 'Queensgate', type: 'Collapse', hazards: 'Gas', access: 'Bourges Blvd', casualties: 'unknown', emergencyServices: 'Police' };
    const decided = (r: { ok: true; value: JournalEvent[] } | { ok: false; error: string }) => {
      if (!r.ok) throw new Error(r.error);
      for (const e of r.value) service.apply(e);
    };
    decided(majorDesk.declare(service.state, methane, T, 'coord'));
    const id = [...service.state.majors.keys()][0]!;
    decided(majorDesk.logDecision(service.state, id, { situation: 's', assessment: 'a', powers: 'p', options: 'o', decision: 'Hold the line', rationale: 'r', reviewAt: T + 60_000 }, T, 'coord'));
    const withMajors = () => sent.filter((m) => m.majors);
    feed.tick();
    expect(withMajors()).toMatchObject([{ type: 'changes', majors: [{ id, reviewsDue: [], decisions: [{ id: 'D1' }] }] }]);
    // Nothing new: no batch carries the major incident again.
    service.clock.now = T + 59_000;
    feed.tick();
    expect(withMajors()).toHaveLength(1);
    // The review falls due: sent again, once.
    service.clock.now = T + 60_000;
    feed.tick();
    expect(withMajors()).toHaveLength(2);
    expect(withMajors()[1]).toMatchObject({ majors: [{ id, reviewsDue: ['D1'] }] });
    service.clock.now = T + 62_000;
    feed.tick();
    expect(withMajors()).toHaveLength(2);
    // A console that joins now gets every major incident in its snapshot, the reminder with it.
    expect(feed.snapshot()).toMatchObject({ type: 'snapshot', majors: [{ id, reviewsDue: ['D1'] }] });
    feed.stop();
  });
});
