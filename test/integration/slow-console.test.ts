import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { OperationHandlers, StreamMessage } from '../../shared/contract.js';
import { HostHttpServer, STREAM_BEHIND_AT } from '../../electron/host/http-server.js';

/**
 * A console that stops reading (a frozen tab, a saturated link) while the host keeps changing.
 * The feed here is a stand-in that changes 400 incidents-sized records as fast as asked, so the
 * test controls exactly how much the stream has to carry.
 */
interface Record_ {
  id: string;
  seq: number;
  note: string;
}

function fakeFeed() {
  const records = new Map<string, Record_>();
  const subscribers = new Set<(m: StreamMessage) => void>();
  let seq = 0;
  const message = (type: 'snapshot' | 'changes', incidents: Record_[]) =>
    ({ type, seq, units: [], fixes: [], incidents, alarms: [], health: {} }) as unknown as StreamMessage;
  return {
    records,
    snapshot: () => message('snapshot', [...records.values()]),
    subscribe(fn: (m: StreamMessage) => void) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    /** One batch changing `n` records (about 2 KB each). */
    push(n: number) {
      const changed: Record_[] = [];
      for (let i = 0; i < n; i++) {
        seq++;
        const r = { id: `INC-${seq % 400}`, seq, note: 'x'.repeat(2000) };
        records.set(r.id, r);
        changed.push(r);
      }
      const m = message('changes', changed);
      for (const fn of subscribers) fn(m);
    },
  };
}

/** What the renderer's store does with the stream: a snapshot replaces, a batch merges unless older. */
function consoleState() {
  const held = new Map<string, number>();
  let seq = -1;
  let batches = 0;
  return {
    held,
    batches: () => batches,
    apply(m: { type: string; seq: number; incidents: Record_[] }) {
      if (m.type === 'snapshot') held.clear();
      else if (m.seq < seq) return;
      else batches++;
      seq = m.seq;
      for (const r of m.incidents) held.set(r.id, r.seq);
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('a console that falls behind on the stream', () => {
  const feed = fakeFeed();
  const handlers = {} as OperationHandlers;
  const server = new HostHttpServer({
    host: '127.0.0.1',
    port: 0,
    token: null,
    rendererDir: null,
    handlers,
    gate: { invoke: async () => ({ ok: false, error: 'not in this test' }) },
    // Every socket is a signed-in wall here: this test is about the stream, not sessions.
    access: { resolve: () => ({ operator: 'wall', roles: ['wall'], sessionId: 'wall-1', locked: false }), redeemOneTimeLink: async () => ({ ok: false, error: 'none' }), redeemStreamTicket: () => null, onSessionEnded: () => () => true },
    feed,
  });
  beforeAll(() => server.listen());
  afterAll(() => server.close());

  it(`stops getting batches past ${STREAM_BEHIND_AT / 1024 / 1024} MB unsent, then catches up from a fresh snapshot`, async () => {
    feed.push(400);
    const state = consoleState();
    const ws = new WebSocket(server.url.replace('http', 'ws') + '/api/stream');
    ws.on('message', (d) => state.apply(JSON.parse(String(d)) as { type: string; seq: number; incidents: Record_[] }));
    await new Promise((r) => ws.once('message', r));
    expect(state.held.size).toBe(400);

    // The console stops reading while about 40 MB of changes are sent its way.
    ws.pause();
    const pushed = 80;
    for (let i = 0; i < pushed; i++) {
      feed.push(250);
      await tick();
    }
    ws.resume();

    const want = () => [...feed.records].map(([id, r]) => [id, r.seq]);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && JSON.stringify([...state.held].sort()) !== JSON.stringify(want().sort())) await new Promise((r) => setTimeout(r, 50));
    ws.close();
    // Some batches were held back (the buffer did pass the mark), yet nothing was lost.
    expect(state.batches()).toBeLessThan(pushed);
    expect(Object.fromEntries(state.held)).toEqual(Object.fromEntries(want()));
  });
});
