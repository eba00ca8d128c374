import type { JournalEvent } from '../events.js';
import { fail, ok, type Result } from '../result.js';
import type { Caller, Role } from './roles.js';
import type { OperatorView, SessionInfo, SessionView, SignedIn } from './schemas.js';

/** An operator as the host keeps it: never sent to a client with its hash. */
export interface StoredOperator {
  username: string;
  passwordHash: string;
  roles: Role[];
  createdAt: number;
  createdBy: string;
}

export interface StoredSession extends SessionView {
  /** Only the token's hash is kept: a copied operators file signs no one in. */
  tokenHash: string;
  endedAt: number | null;
}

/** Where operators and sessions are kept (the host: a SQLite file beside the journal). */
export interface AccessStore {
  operator(username: string): StoredOperator | null;
  operators(): StoredOperator[];
  addOperator(o: StoredOperator): void;
  sessionByToken(tokenHash: string): StoredSession | null;
  session(sessionId: string): StoredSession | null;
  openSessions(): StoredSession[];
  addSession(s: StoredSession): void;
  updateSession(sessionId: string, change: Partial<Pick<StoredSession, 'lastSeenAt' | 'locked' | 'endedAt'>>): void;
}

/** Password hashing and secrets: the host's (scrypt, random bytes); the core never does its own. */
export interface AccessCrypto {
  hashPassword(password: string): Promise<string>;
  verifyPassword(password: string, hash: string): Promise<boolean>;
  /** A new unguessable secret, URL-safe. */
  secret(): string;
  /** A one-way digest of a token, to store and look up. */
  digest(token: string): string;
}

export interface AccessDeps {
  store: AccessStore;
  crypto: AccessCrypto;
  commit(e: JournalEvent): Promise<Result<number>>;
  now(): number;
  /** Waits before a refused sign-in is answered (slowing guessing); tests pass a recorder. */
  sleep(ms: number): Promise<void>;
  /** Minutes without input after which a console locks itself. */
  lockAfterMin: number;
}

export const FIRST_SUPERVISOR = 'supervisor';
const ONE_TIME_LINK_MS = 10 * 60_000;
const LAST_SEEN_EVERY_MS = 30_000;
const STREAM_TICKET_MS = 30_000;

/** How long a refused sign-in waits before answering: doubling with each failure in a row, to 8 s. */
export const refusalDelayMs = (failures: number) => Math.min(8000, 250 * 2 ** Math.max(0, failures - 1));

const callerOf = (s: StoredSession): Caller => ({ operator: s.operator, roles: s.roles, sessionId: s.sessionId, locked: s.locked });
const viewOf = ({ tokenHash: _, endedAt: __, ...view }: StoredSession): SessionView => view;

const WRONG = 'Sign-in refused: that username and password do not match an operator.';

/**
 * Operators, sign-in and sessions. Every sign-in, sign-out, lock, unlock, refusal and new
 * operator is journaled before it is answered, so the audit holds them with everything else.
 */
export class AccessControl {
  private readonly failures = new Map<string, number>();
  private readonly oneTime = new Map<string, { username: string; expires: number }>();
  private readonly tickets = new Map<string, { sessionId: string; expires: number }>();
  /** The last sign-in attempt for each name, which the next one waits for. */
  private readonly inTurn = new Map<string, Promise<void>>();
  private readonly endedListeners = new Set<(sessionId: string) => void>();

  constructor(private readonly deps: AccessDeps) {}

  /** On a new data folder: the first supervisor, with the password given or a generated one. */
  async ensureFirstSupervisor(password: string | null): Promise<{ created: boolean; generated: string | null }> {
    if (this.deps.store.operators().length > 0) return { created: false, generated: null };
    const generated = password ? null : this.deps.crypto.secret().slice(0, 20);
    const r = await this.createOperator({ username: FIRST_SUPERVISOR, password: password ?? generated!, roles: ['supervisor', 'dispatcher', 'cctv_operator', 'coordinator'] }, 'host');
    if (!r.ok) throw new Error(r.error);
    return { created: true, generated };
  }

  async createOperator(o: { username: string; password: string; roles: Role[] }, by: string): Promise<Result<OperatorView>> {
    if (this.deps.store.operator(o.username)) return fail(`There is already an operator ${o.username}.`, 'conflict');
    const roles = [...new Set(o.roles)];
    const stored: StoredOperator = { username: o.username, passwordHash: await this.deps.crypto.hashPassword(o.password), roles, createdAt: this.deps.now(), createdBy: by };
    const c = await this.deps.commit({ type: 'operator.created', username: o.username, roles, at: stored.createdAt, by });
    if (!c.ok) return c;
    this.deps.store.addOperator(stored);
    return ok(this.view(stored));
  }

  listOperators(): OperatorView[] {
    // Open sessions read once for the whole list, not once an operator.
    const open = this.deps.store.openSessions();
    return this.deps.store.operators().map((o) => this.view(o, open));
  }

  private view(o: StoredOperator, open = this.deps.store.openSessions()): OperatorView {
    const sessions = open.filter((s) => s.operator === o.username).length;
    return { username: o.username, roles: o.roles, createdAt: o.createdAt, createdBy: o.createdBy, failedSignIns: this.failures.get(o.username) ?? 0, sessions };
  }

  /** Wrong passwords in a row for this name (known or not: the answer does not say which). */
  failedSignIns(username: string): number {
    return this.failures.get(username) ?? 0;
  }

  /**
   * Tries for one name are taken one after another, each after the wait the last refusal set: a
   * hundred guesses sent at once are slowed as surely as a hundred sent in turn.
   */
  signIn(username: string, password: string, desk: string, replacing?: Caller | null): Promise<Result<SignedIn>> {
    const before = this.inTurn.get(username) ?? Promise.resolve();
    const attempt = before.then(() => this.tryPassword(username, password, desk, replacing));
    const settled = attempt.then(
      () => undefined,
      () => undefined,
    );
    this.inTurn.set(username, settled);
    void settled.then(() => this.inTurn.get(username) === settled && this.inTurn.delete(username));
    return attempt;
  }

  private async tryPassword(username: string, password: string, desk: string, replacing?: Caller | null): Promise<Result<SignedIn>> {
    const o = this.deps.store.operator(username);
    // A name that is no operator's costs the same hash as a wrong password: timing says nothing.
    const good = o ? await this.deps.crypto.verifyPassword(password, o.passwordHash) : (await this.deps.crypto.hashPassword(password), false);
    if (!o || !good) {
      const failures = (this.failures.get(username) ?? 0) + 1;
      this.failures.set(username, failures);
      await this.deps.commit({ type: 'session.refused', username, at: this.deps.now(), failures, desk });
      await this.deps.sleep(refusalDelayMs(failures));
      return fail(`${WRONG} (${failures} refused in a row for this name; each further try waits longer.)`, 'unauthenticated');
    }
    this.failures.delete(username);
    // A hand-over at the same desk ends the outgoing operator's session as the new one starts.
    if (replacing?.sessionId) await this.end(replacing.sessionId, replacing.operator, 'switched');
    return this.open(o, desk);
  }

  /** A one-time link for the first supervisor's browser at start-up: used once, within ten minutes. */
  issueOneTimeLink(username: string): string {
    const code = this.deps.crypto.secret();
    this.oneTime.set(this.deps.crypto.digest(code), { username, expires: this.deps.now() + ONE_TIME_LINK_MS });
    return code;
  }

  async redeemOneTimeLink(code: string, desk: string): Promise<Result<SignedIn>> {
    const key = this.deps.crypto.digest(code);
    const entry = this.oneTime.get(key);
    this.oneTime.delete(key);
    const o = entry && entry.expires > this.deps.now() ? this.deps.store.operator(entry.username) : null;
    if (!o) return fail('That sign-in link has been used or has expired: sign in with a username and password.', 'unauthenticated');
    return this.open(o, desk);
  }

  /**
   * A ticket for one video socket, for a window that cannot send the session's cookie with it
   * (Electron's, whose page is not on the host's origin): used once, within thirty seconds, so the
   * address it travels in is worth nothing once it has been opened.
   */
  issueStreamTicket(caller: Caller): Result<string> {
    if (!caller.sessionId) return fail('Not signed in.', 'unauthenticated');
    const now = this.deps.now();
    for (const [k, t] of this.tickets) if (t.expires <= now) this.tickets.delete(k);
    const code = this.deps.crypto.secret();
    this.tickets.set(this.deps.crypto.digest(code), { sessionId: caller.sessionId, expires: now + STREAM_TICKET_MS });
    return ok(code);
  }

  /** The caller a stream ticket stands for, once; null for a used, expired or made-up one, or an ended session. */
  redeemStreamTicket(code: string): Caller | null {
    const key = this.deps.crypto.digest(code);
    const t = this.tickets.get(key);
    this.tickets.delete(key);
    if (!t || t.expires <= this.deps.now()) return null;
    const s = this.deps.store.session(t.sessionId);
    return s && s.endedAt === null ? callerOf(s) : null;
  }

  /** A session the host opens itself, for its own window (Electron's preload), without a password. */
  async openTrusted(username: string, desk: string): Promise<Result<SignedIn>> {
    const o = this.deps.store.operator(username);
    return o ? this.open(o, desk) : fail(`There is no operator ${username}.`, 'not_found');
  }

  private async open(o: StoredOperator, desk: string): Promise<Result<SignedIn>> {
    const token = this.deps.crypto.secret();
    const now = this.deps.now();
    const s: StoredSession = {
      sessionId: this.deps.crypto.secret().slice(0, 16),
      tokenHash: this.deps.crypto.digest(token),
      operator: o.username,
      roles: o.roles,
      desk,
      startedAt: now,
      lastSeenAt: now,
      locked: false,
      endedAt: null,
    };
    const c = await this.deps.commit({ type: 'session.started', sessionId: s.sessionId, at: now, by: o.username, roles: o.roles, desk });
    if (!c.ok) return c;
    this.deps.store.addSession(s);
    return ok({ ...this.info(s), token });
  }

  /** The caller a token stands for, or null: no session, an ended one, or a token never issued. */
  resolve(token: string | null): Caller | null {
    if (!token) return null;
    const s = this.deps.store.sessionByToken(this.deps.crypto.digest(token));
    if (!s || s.endedAt !== null) return null;
    const now = this.deps.now();
    if (now - s.lastSeenAt > LAST_SEEN_EVERY_MS) this.deps.store.updateSession(s.sessionId, { lastSeenAt: now });
    return callerOf(s);
  }

  info(s: StoredSession): SessionInfo {
    return { operator: s.operator, roles: s.roles, sessionId: s.sessionId, desk: s.desk, locked: s.locked, startedAt: s.startedAt, lockAfterMin: this.deps.lockAfterMin };
  }

  sessionInfo(caller: Caller): Result<SessionInfo> {
    const s = caller.sessionId ? this.deps.store.session(caller.sessionId) : null;
    return s && s.endedAt === null ? ok(this.info(s)) : fail('Not signed in.', 'unauthenticated');
  }

  async lock(caller: Caller): Promise<Result<SessionInfo>> {
    const s = caller.sessionId ? this.deps.store.session(caller.sessionId) : null;
    if (!s || s.endedAt !== null) return fail('Not signed in.', 'unauthenticated');
    if (!s.locked) {
      const c = await this.deps.commit({ type: 'session.locked', sessionId: s.sessionId, at: this.deps.now(), by: s.operator });
      if (!c.ok) return c;
      this.deps.store.updateSession(s.sessionId, { locked: true });
    }
    return ok(this.info({ ...s, locked: true }));
  }

  /** Only the operator who holds the session unlocks it, with their own password. */
  async unlock(caller: Caller, password: string): Promise<Result<SessionInfo>> {
    const s = caller.sessionId ? this.deps.store.session(caller.sessionId) : null;
    const o = s ? this.deps.store.operator(s.operator) : null;
    if (!s || !o || s.endedAt !== null) return fail('Not signed in.', 'unauthenticated');
    if (!(await this.deps.crypto.verifyPassword(password, o.passwordHash))) {
      const failures = (this.failures.get(o.username) ?? 0) + 1;
      this.failures.set(o.username, failures);
      await this.deps.commit({ type: 'session.refused', username: o.username, at: this.deps.now(), failures, desk: `${s.desk} (unlock)` });
      await this.deps.sleep(refusalDelayMs(failures));
      return fail(`That is not ${o.username}'s password: only the operator who locked this desk can unlock it. Another operator can sign in instead (switch operator).`, 'unauthenticated');
    }
    this.failures.delete(o.username);
    if (s.locked) {
      const c = await this.deps.commit({ type: 'session.unlocked', sessionId: s.sessionId, at: this.deps.now(), by: s.operator });
      if (!c.ok) return c;
      this.deps.store.updateSession(s.sessionId, { locked: false });
    }
    return ok(this.info({ ...s, locked: false }));
  }

  listSessions(): SessionView[] {
    return this.deps.store.openSessions().map(viewOf);
  }

  /** Ends a session (signing out, a hand-over, a supervisor ending it): its streams are closed at once. */
  async end(sessionId: string, by: string, reason: 'signed_out' | 'ended' | 'switched'): Promise<Result<SessionView>> {
    const s = this.deps.store.session(sessionId);
    if (!s || s.endedAt !== null) return fail(`There is no open session ${sessionId}.`, 'not_found');
    const at = this.deps.now();
    const c = await this.deps.commit({ type: 'session.ended', sessionId, at, by, operator: s.operator, reason });
    if (!c.ok) return c;
    this.deps.store.updateSession(sessionId, { endedAt: at });
    for (const l of this.endedListeners) l(sessionId);
    return ok(viewOf(s));
  }

  onSessionEnded(listener: (sessionId: string) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }
}
