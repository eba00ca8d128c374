import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StreamMessage } from '../../../shared/contract.js';
import { BridgeHostClient, BrowserHostClient, createHostClient, requestFor } from './client.js';

describe('requestFor', () => {
  const base = 'http://127.0.0.1:8620/';
  it('fills :id from the input and sends the whole input as the POST body', () => {
    const r = requestFor('allocateUnit', { id: 'INC-20261124-0001', unitId: 'pc01' }, base);
    expect(r).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:8620/api/incidents/INC-20261124-0001/allocations',
      body: JSON.stringify({ id: 'INC-20261124-0001', unitId: 'pc01' }),
    });
  });
  it('escapes path parameters and sends GET without a body', () => {
    const r = requestFor('getIncident', { id: 'a/b c' }, base);
    expect(r).toEqual({ method: 'GET', url: 'http://127.0.0.1:8620/api/incidents/a%2Fb%20c' });
  });
  it('keeps a sub-path base (console served under a prefix)', () => {
    expect(requestFor('getHealth', {}, 'http://h/beacon/').url).toBe('http://h/beacon/api/health');
  });
  it('refuses a missing path parameter instead of calling /api/incidents/undefined', () => {
    expect(() => requestFor('getIncident', {}, base)).toThrow(/needs "id"/);
  });
});

class FakeSocket {
  static all: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  close() {
    this.closed = true;
    this.onclose?.();
  }
}

describe('BrowserHostClient', () => {
  afterEach(() => {
    vi.useRealTimers();
    FakeSocket.all = [];
  });

  it('returns the host result, and a readable error when the host is unreachable', async () => {
    const fetchOk = vi.fn(async () => new Response(JSON.stringify({ ok: false, error: 'No incident X.', code: 'not_found' }), { status: 404 }));
    const c = new BrowserHostClient('http://h/', { fetch: fetchOk as unknown as typeof fetch, WebSocket: FakeSocket as unknown as typeof WebSocket });
    expect(await c.call('getIncident', { id: 'X' })).toEqual({ ok: false, error: 'No incident X.', code: 'not_found' });
    expect(fetchOk).toHaveBeenCalledWith('http://h/api/incidents/X', expect.objectContaining({ method: 'GET' }));

    const down = new BrowserHostClient('http://h/', {
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as unknown as typeof fetch,
    });
    const r = await down.call('getHealth', {});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/Cannot reach the console host/);
  });

  it('streams over ws:// on /api/stream and reconnects with growing backoff after a drop', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // no jitter
    const c = new BrowserHostClient('http://h:9/', { WebSocket: FakeSocket as unknown as typeof WebSocket, backoffMs: 100, maxBackoffMs: 1000 });
    const got: StreamMessage[] = [];
    const states: string[] = [];
    c.onLinkState((s) => states.push(s));
    const off = c.subscribe((m) => got.push(m));
    expect(FakeSocket.all).toHaveLength(1);
    expect(FakeSocket.all[0]!.url).toBe('ws://h:9/api/stream');
    FakeSocket.all[0]!.onopen!();
    FakeSocket.all[0]!.onmessage!({ data: JSON.stringify({ type: 'changes', seq: 3 }) });
    FakeSocket.all[0]!.onmessage!({ data: 'not json' });
    expect(got).toEqual([{ type: 'changes', seq: 3 }]);

    FakeSocket.all[0]!.onclose!();
    expect(c.linkState()).toBe('closed');
    vi.advanceTimersByTime(99);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1]!.onclose!(); // still down: the next wait doubles
    vi.advanceTimersByTime(199);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    FakeSocket.all[2]!.onopen!();
    expect(states).toEqual(['connecting', 'open', 'closed', 'connecting', 'closed', 'connecting', 'open']);

    off();
    expect(FakeSocket.all[2]!.closed).toBe(true);
    vi.advanceTimersByTime(5000);
    expect(FakeSocket.all).toHaveLength(3);
  });

  it('after a sign-in, reconnects at once instead of waiting out the backoff of refused streams', () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const c = new BrowserHostClient('http://h:9/', { WebSocket: FakeSocket as unknown as typeof WebSocket, backoffMs: 100, maxBackoffMs: 10_000 });
    c.subscribe(() => {});
    // Refused (no session) three times: the next try is 800 ms away.
    for (let i = 0; i < 3; i++) {
      FakeSocket.all.at(-1)!.onclose!();
      vi.advanceTimersByTime(100 * 2 ** i);
    }
    FakeSocket.all.at(-1)!.onclose!();
    expect(FakeSocket.all).toHaveLength(4);
    c.reconnect();
    expect(FakeSocket.all).toHaveLength(5);
    // The pending retry is dropped: no second socket when its time comes.
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(5);
    // An open socket is replaced too (a hand-over): its late close starts no retry.
    FakeSocket.all[4]!.onopen!();
    c.reconnect();
    expect(FakeSocket.all[4]!.closed).toBe(true);
    expect(FakeSocket.all).toHaveLength(6);
    FakeSocket.all[4]!.onclose!();
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(6);
  });
});

describe('createHostClient', () => {
  it('uses the Electron preload bridge when window.beacon exists', async () => {
    const bridge = { call: vi.fn(async () => ({ ok: true, value: 1 })), subscribe: vi.fn(() => () => {}) };
    const c = createHostClient({ beacon: bridge, location: { href: 'file:///app/index.html' } } as unknown as Window);
    expect(c).toBeInstanceOf(BridgeHostClient);
    expect(await c.call('getHealth', {})).toEqual({ ok: true, value: 1 });
    expect(bridge.call).toHaveBeenCalledWith('getHealth', {});
    expect(c.linkState()).toBe('open');
  });
  it('uses HTTP + WebSocket in a browser', () => {
    const c = createHostClient({ location: { href: 'http://127.0.0.1:8620/?token=x' } } as unknown as Window);
    expect(c).toBeInstanceOf(BrowserHostClient);
  });
  it('turns a bridge that throws into a readable error', async () => {
    const c = new BridgeHostClient({
      call: async () => {
        throw new Error('IPC closed');
      },
      subscribe: () => () => {},
    });
    const r = await c.call('getHealth', {});
    expect(!r.ok && r.error).toMatch(/did not answer getHealth: IPC closed/);
  });
});
