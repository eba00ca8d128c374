import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import type { InputOf, OperationName, OutputOf, StreamMessage } from '../../../shared/contract.js';
import type { Result } from '../../../shared/result.js';
import type { HostClient, LinkState } from '../host/client.js';
import { HostProvider } from '../host/HostContext.js';
import { type ConsoleStore, createConsoleStore, StoreProvider } from '../store/store.js';
import { SessionProvider } from '../session/SessionContext.js';
import { SessionControl } from '../session/sessionControl.js';

// Component tests only (files that start with `// @vitest-environment jsdom`); never imported by the console.

afterEach(cleanup);

// jsdom does no layout: no scrollIntoView (the queue keeps the chosen row in view with it), and no
// ResizeObserver (the board's virtual list asks for its height through it).
Element.prototype.scrollIntoView ??= function scrollIntoView() {};
globalThis.ResizeObserver ??= class {
  constructor(private readonly cb: ResizeObserverCallback) {}
  observe(target: Element) {
    this.cb([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
};

type Responder<K extends OperationName> = (input: InputOf<K>) => Result<OutputOf<K>> | Promise<Result<OutputOf<K>>>;

/** A host that records every call and answers from per-operation responders (default: refused). */
export class FakeHost implements HostClient {
  readonly calls: { name: OperationName; input: unknown }[] = [];
  private readonly responders = new Map<OperationName, Responder<OperationName>>();
  private link: LinkState = 'open';

  answer<K extends OperationName>(name: K, responder: Responder<K>): this {
    this.responders.set(name, responder as unknown as Responder<OperationName>);
    return this;
  }

  callsTo<K extends OperationName>(name: K): InputOf<K>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input as InputOf<K>);
  }

  async call<K extends OperationName>(name: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
    this.calls.push({ name, input });
    const r = this.responders.get(name);
    if (!r) return { ok: false, error: `no test answer for ${name}` } as Result<OutputOf<K>>;
    return (await r(input as never)) as Result<OutputOf<K>>;
  }

  subscribe(_cb: (m: StreamMessage) => void): () => void {
    return () => {};
  }

  linkState(): LinkState {
    return this.link;
  }

  private readonly linkListeners = new Set<(s: LinkState) => void>();
  onLinkState(cb: (s: LinkState) => void): () => void {
    this.linkListeners.add(cb);
    return () => this.linkListeners.delete(cb);
  }

  /** The stream opening or closing, as the console's client reports it. */
  setLink(s: LinkState): void {
    this.link = s;
    for (const cb of this.linkListeners) cb(s);
  }

  reconnects = 0;
  reconnect(): void {
    this.reconnects++;
  }
}

/** Renders a piece of the console with a fresh store and a fake host, as the real one is wired. */
export function renderConsole(
  ui: ReactElement,
  opts: { store?: ConsoleStore; host?: FakeHost } = {},
): RenderResult & { store: ConsoleStore; host: FakeHost; session: SessionControl } {
  const store = opts.store ?? createConsoleStore();
  const host = opts.host ?? new FakeHost();
  const session = new SessionControl(host, store);
  const result = render(
    <HostProvider client={session.host}>
      <StoreProvider store={store}>
        <SessionProvider control={session}>{ui}</SessionProvider>
      </StoreProvider>
    </HostProvider>,
  );
  return { ...result, store, host, session };
}
