import type { InputOf, OperationName, OutputOf, StreamMessage } from '../../../shared/contract.js';
import type { Result } from '../../../shared/result.js';
import type { HostClient, LinkState } from '../host/client.js';
import type { ConsoleStore } from '../store/store.js';

/** Answers to these say nothing about the session held: a wrong password is `unauthenticated` too. */
const ASKS_ABOUT_ITSELF = new Set<OperationName>(['signIn', 'unlockSession', 'getSession']);

export const SESSION_ENDED = 'Your session has ended (signed out here or at another desk, or ended by a supervisor). Sign in again to carry on.';

/** The desk's windows (torn-off panels share the session cookie) tell each other when the session changed or someone is working. */
type DeskSessionMessage = { type: 'changed' } | { type: 'active' };
const CHANNEL = 'beacon-session';

/**
 * Who is signed in at this desk, kept true: after a sign-in, a lock, a hand-over, and whenever the
 * host says otherwise (a call answered `unauthenticated` or `locked`, the stream closed because a
 * supervisor ended the session). Every part of the console calls the host through `host`, so no
 * component has to notice a lost session itself.
 */
export class SessionControl {
  /** The client the console uses: the host's, watched for answers that mean the session changed. */
  readonly host: HostClient;
  private epoch = 0;
  private signingIn = 0;
  private readonly channel: BroadcastChannel | null;
  private readonly activity = new Set<() => void>();

  constructor(
    private readonly inner: HostClient,
    private readonly store: ConsoleStore,
  ) {
    this.host = watched(inner, (r, name) => {
      if (!r.ok && !ASKS_ABOUT_ITSELF.has(name) && (r.code === 'unauthenticated' || r.code === 'locked')) void this.refresh();
    });
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
    // Node's channel (unit tests) would otherwise keep the process alive; a browser's has no unref.
    (this.channel as { unref?: () => void } | null)?.unref?.();
    this.channel?.addEventListener('message', (e: MessageEvent<DeskSessionMessage>) => {
      if (e.data?.type === 'changed') void this.refresh();
      else if (e.data?.type === 'active') for (const cb of this.activity) cb();
    });
  }

  /**
   * Watches the link: a stream closed under a signed-in desk may mean the session was ended; one
   * that opens may be on another operator's session (a hand-over in another window of the desk).
   */
  watchLink(): () => void {
    let last: LinkState = this.inner.linkState();
    return this.inner.onLinkState((s) => {
      const was = last;
      last = s;
      if (this.store.getState().sessionStatus !== 'signed-in') return;
      if (s === 'open' || (s === 'closed' && was === 'open')) void this.refresh();
    });
  }

  /** Asks the host who this desk is signed in as. */
  async refresh(): Promise<void> {
    const epoch = this.epoch;
    const r = await this.inner.call('getSession', {});
    // A sign-in, lock or unlock answered meanwhile knows better than this older question.
    if (epoch !== this.epoch || this.signingIn > 0) return;
    const s = this.store.getState();
    if (r.ok) s.setSession(r.value);
    else if (r.code === 'unauthenticated') s.setSignedOut(s.sessionStatus === 'signed-in' ? SESSION_ENDED : s.sessionNotice);
    // The host unreachable: a running console keeps its operator (the status bar says the link is lost).
    else if (s.sessionStatus === 'checking') s.setSignedOut(r.error);
  }

  /** Signs in, or hands the desk over to another operator: the console keeps everything it shows. */
  async signIn(username: string, password: string): Promise<string | null> {
    this.signingIn++;
    let r: Result<OutputOf<'signIn'>>;
    try {
      r = await this.inner.call('signIn', { username, password });
    } finally {
      this.signingIn--;
    }
    if (!r.ok) return r.error;
    this.epoch++;
    const { token: _token, ...info } = r.value;
    this.store.getState().setSession(info);
    this.store.getState().setSwitchingOperator(false);
    this.inner.reconnect();
    this.announce();
    return null;
  }

  async lock(): Promise<string | null> {
    const r = await this.inner.call('lockSession', {});
    if (!r.ok) {
      if (r.code === 'unauthenticated') void this.refresh();
      return r.error;
    }
    this.epoch++;
    this.store.getState().setSession(r.value);
    this.announce();
    return null;
  }

  async unlock(password: string): Promise<string | null> {
    const r = await this.inner.call('unlockSession', { password });
    if (!r.ok) {
      // A wrong password and a session that has gone both answer `unauthenticated`: ask which.
      void this.refresh();
      return r.error;
    }
    this.epoch++;
    this.store.getState().setSession(r.value);
    this.announce();
    return null;
  }

  async signOut(): Promise<void> {
    await this.inner.call('signOut', {});
    this.epoch++;
    this.store.getState().setSignedOut(null);
    this.announce();
  }

  /** Input in any window of the desk: what keeps the desk from locking itself. */
  reportActivity(): void {
    this.channel?.postMessage({ type: 'active' } satisfies DeskSessionMessage);
  }

  onActivityElsewhere(cb: () => void): () => void {
    this.activity.add(cb);
    return () => this.activity.delete(cb);
  }

  private announce() {
    this.channel?.postMessage({ type: 'changed' } satisfies DeskSessionMessage);
  }
}

function watched(inner: HostClient, seen: (r: Result<unknown>, name: OperationName) => void): HostClient {
  return {
    async call<K extends OperationName>(name: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
      const r = await inner.call(name, input);
      seen(r, name);
      return r;
    },
    subscribe: (cb: (m: StreamMessage) => void) => inner.subscribe(cb),
    linkState: () => inner.linkState(),
    onLinkState: (cb: (s: LinkState) => void) => inner.onLinkState(cb),
    reconnect: () => inner.reconnect(),
  };
}
