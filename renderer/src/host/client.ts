import {
  type InputOf,
  type OperationName,
  OPERATIONS,
  type OutputOf,
  STREAM_PATH,
  type StreamMessage,
} from '../../../shared/contract.js';
import type { Result } from '../../../shared/result.js';

/** How the console is linked to its host: drives the status bar and the "reconnecting" look. */
export type LinkState = 'connecting' | 'open' | 'closed';

/**
 * The one way the renderer reaches the host. Everything in the console goes through this, so the
 * same UI runs in Electron (preload bridge) and in a browser (HTTP + WebSocket) unchanged.
 */
export interface HostClient {
  call<K extends OperationName>(name: K, input: InputOf<K>): Promise<Result<OutputOf<K>>>;
  subscribe(cb: (m: StreamMessage) => void): () => void;
  linkState(): LinkState;
  onLinkState(cb: (s: LinkState) => void): () => void;
  /**
   * Opens the live stream again at once, on the session the host now knows this console by (after
   * a sign-in or a hand-over), instead of waiting out the backoff of a refused or closed one.
   */
  reconnect(): void;
}

/** Exactly what Electron's preload exposes as `window.beacon`. */
export interface BeaconBridge {
  call(name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(cb: (m: StreamMessage) => void): () => void;
}

declare global {
  interface Window {
    beacon?: BeaconBridge;
  }
}

/** Picks the preload bridge inside Electron, HTTP + WebSocket anywhere else. */
export function createHostClient(win: Window = window): HostClient {
  return win.beacon ? new BridgeHostClient(win.beacon) : new BrowserHostClient(new URL('.', win.location.href).href);
}

export class BridgeHostClient implements HostClient {
  constructor(private readonly bridge: BeaconBridge) {}

  async call<K extends OperationName>(name: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
    try {
      return (await this.bridge.call(name, input)) as Result<OutputOf<K>>;
    } catch (err) {
      return { ok: false, error: `The console host did not answer ${name}: ${(err as Error).message}`, code: 'unavailable' };
    }
  }

  subscribe(cb: (m: StreamMessage) => void): () => void {
    return this.bridge.subscribe(cb);
  }

  // The host runs in Electron's own main process: the link is up for as long as the window is.
  linkState(): LinkState {
    return 'open';
  }

  onLinkState(): () => void {
    return () => {};
  }

  // The preload's stream is the window's own: a new session needs no new link.
  reconnect(): void {}
}

/** `/api/incidents/:id/transition` + `{ id: 'INC-1', … }` → method, URL and body for fetch. */
export function requestFor(name: OperationName, input: Record<string, unknown>, base: string): { method: 'GET' | 'POST'; url: string; body?: string } {
  const op = OPERATIONS[name];
  const rest: Record<string, unknown> = { ...input };
  const path = op.path.replace(/:([a-zA-Z]+)/g, (_, p: string) => {
    const v = rest[p];
    if (v === undefined || v === null || v === '') throw new Error(`${name} needs "${p}".`);
    delete rest[p];
    return encodeURIComponent(String(v));
  });
  const url = new URL(path.replace(/^\//, ''), base);
  if (op.method === 'GET') {
    for (const [k, v] of Object.entries(rest)) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    return { method: 'GET', url: url.href };
  }
  // POST keeps the path parameters in the body too: the host checks the whole input with one schema.
  return { method: 'POST', url: url.href, body: JSON.stringify(input) };
}

export interface BrowserClientOptions {
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
  /** First reconnect delay; doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export class BrowserHostClient implements HostClient {
  private readonly subscribers = new Set<(m: StreamMessage) => void>();
  private readonly linkListeners = new Set<(s: LinkState) => void>();
  private socket: WebSocket | null = null;
  private state: LinkState = 'closed';
  private retry: ReturnType<typeof setTimeout> | null = null;
  private attempts = 0;
  private readonly fetchImpl: typeof fetch;
  private readonly WS: typeof WebSocket | undefined;

  constructor(
    private readonly base: string,
    private readonly opts: BrowserClientOptions = {},
  ) {
    this.fetchImpl = opts.fetch ?? ((...a) => fetch(...a));
    this.WS = opts.WebSocket ?? globalThis.WebSocket;
  }

  async call<K extends OperationName>(name: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
    let req;
    try {
      req = requestFor(name, (input ?? {}) as Record<string, unknown>, this.base);
    } catch (err) {
      return { ok: false, error: (err as Error).message, code: 'invalid' };
    }
    try {
      const res = await this.fetchImpl(req.url, {
        method: req.method,
        credentials: 'same-origin',
        // JSON answers always, reports included: the host sends a report as a file only to a page or a download.
        headers: req.body ? { 'content-type': 'application/json', accept: 'application/json' } : { accept: 'application/json' },
        ...(req.body && { body: req.body }),
      });
      const text = await res.text();
      try {
        return JSON.parse(text) as Result<OutputOf<K>>;
      } catch {
        return { ok: false, error: `The host answered ${name} with HTTP ${res.status} and no readable result.`, code: 'unavailable' };
      }
    } catch (err) {
      return { ok: false, error: `Cannot reach the console host (${(err as Error).message}); check it is running.`, code: 'unavailable' };
    }
  }

  subscribe(cb: (m: StreamMessage) => void): () => void {
    this.subscribers.add(cb);
    if (!this.socket && !this.retry) this.connect();
    return () => {
      this.subscribers.delete(cb);
      if (this.subscribers.size === 0) this.disconnect();
    };
  }

  linkState(): LinkState {
    return this.state;
  }

  onLinkState(cb: (s: LinkState) => void): () => void {
    this.linkListeners.add(cb);
    return () => this.linkListeners.delete(cb);
  }

  reconnect(): void {
    if (this.subscribers.size === 0) return;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    // The old socket's close is ignored (it is no longer `this.socket`): no backoff, no second reconnect.
    const old = this.socket;
    this.socket = null;
    old?.close();
    this.attempts = 0;
    this.connect();
  }

  private setState(s: LinkState) {
    if (s === this.state) return;
    this.state = s;
    for (const cb of this.linkListeners) cb(s);
  }

  private connect() {
    this.retry = null;
    const url = new URL(STREAM_PATH.replace(/^\//, ''), this.base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    if (!this.WS) throw new Error('This runtime has no WebSocket: the console cannot receive live updates.');
    this.setState('connecting');
    const ws = new this.WS(url.href);
    this.socket = ws;
    ws.onopen = () => {
      this.attempts = 0;
      this.setState('open');
    };
    ws.onmessage = (ev) => {
      let m: StreamMessage;
      try {
        m = JSON.parse(String(ev.data)) as StreamMessage;
      } catch {
        return;
      }
      for (const cb of this.subscribers) cb(m);
    };
    ws.onclose = () => {
      if (this.socket !== ws) return;
      this.socket = null;
      this.setState('closed');
      if (this.subscribers.size > 0) this.scheduleReconnect();
    };
  }

  // Exponential backoff with jitter, so a restarted host is not hit by every console at once.
  private scheduleReconnect() {
    const base = this.opts.backoffMs ?? 500;
    const max = this.opts.maxBackoffMs ?? 10_000;
    const delay = Math.min(max, base * 2 ** this.attempts) * (0.75 + Math.random() * 0.5);
    this.attempts++;
    this.retry = setTimeout(() => this.connect(), delay);
  }

  private disconnect() {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const ws = this.socket;
    this.socket = null;
    ws?.close();
    this.setState('closed');
  }
}
