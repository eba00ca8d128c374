import { OPERATIONS, type OperationHandlers, type OperationName, parseInput } from '../contract.js';
import type { JournalEvent } from '../events.js';
import { fail, type Result } from '../result.js';
import { type Caller, LOCKED_REFUSAL, mayCall, roleRefusal } from './roles.js';
import { ActingOperator } from './schemas.js';

/** What a locked desk may still do: see who it is, unlock, sign out, or hand over to another operator. */
const WHILE_LOCKED = new Set<OperationName>(['getSession', 'unlockSession', 'signOut', 'signIn']);
/** The same sensitive read by the same session within this long is one audit record (scrubbing a replay). */
const READ_AGAIN_AFTER_MS = 60_000;

export interface GateDeps {
  handlers: OperationHandlers;
  commit(e: JournalEvent): Promise<Result<number>>;
  now(): number;
}

/** Whether an operation's input names who acted (the one `ActingOperator` field), rather than using `operator` as a filter. */
const actsAs = (schema: unknown) => (schema as { shape?: Record<string, unknown> }).shape?.operator === ActingOperator;

const NOT_SIGNED_IN = 'Sign in first: every call needs an operator session (POST /api/session, then send its cookie or Authorization: Bearer <token>).';

/**
 * The one door into the host's operations, for HTTP, the live stream's peers and Electron IPC
 * alike: the caller's roles are checked against the contract, refusals are journaled, the acting
 * operator is taken from the session (never from the request), and sensitive reads are audited.
 */
export class OperationGate {
  private readonly recentReads = new Map<string, number>();

  constructor(private readonly deps: GateDeps) {}

  /**
   * @param caller the session the request carried, resolved by the transport; null without one
   * @param desk where the request came from, recorded by a sign-in
   */
  async invoke(name: OperationName, raw: unknown, caller: Caller | null, desk: string): Promise<Result<unknown>> {
    const op = OPERATIONS[name];
    if (op.roles !== 'public') {
      if (!caller) return fail(NOT_SIGNED_IN, 'unauthenticated');
      if (caller.locked && !WHILE_LOCKED.has(name) && (op.durable || op.audited)) return fail(LOCKED_REFUSAL, 'locked');
      if (!mayCall(op.roles, caller.roles)) {
        await this.deps.commit({ type: 'access.refused', operation: name, at: this.deps.now(), by: caller.operator });
        return fail(roleRefusal(name, op.roles as Exclude<typeof op.roles, string>, caller), 'forbidden');
      }
    }
    // Whatever `operator` a client sent is replaced: who acted is whoever holds the session.
    const input = caller && actsAs(op.input) && raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as object), operator: caller.operator } : raw;
    const parsed = parseInput(name, input);
    if (!parsed.ok) return parsed;
    // A sensitive read is journaled before it is made (an attempt is worth knowing of too), and
    // one the journal cannot record is not given.
    if (op.audited && caller) {
      const read = (op.audited as (i: unknown) => { what: Extract<JournalEvent, { type: 'record.viewed' }>['what']; subject: string })(parsed.value);
      const r = await this.audit(caller, read.what, read.subject);
      if (!r.ok) return fail(`Not shown: the journal could not record that you viewed it (${r.error}).`, 'unavailable');
    }
    let result: Result<unknown>;
    try {
      const who: Caller = caller ? { ...caller, desk } : { operator: '', roles: [], sessionId: null, locked: false, desk };
      result = await (this.deps.handlers[name] as (i: unknown, c?: Caller) => Promise<Result<unknown>>)(parsed.value, who);
    } catch (err) {
      return fail(`The host could not complete ${name}: ${(err as Error).message}`, 'unavailable');
    }
    return result;
  }

  private async audit(caller: Caller, what: Extract<JournalEvent, { type: 'record.viewed' }>['what'], subject: string): Promise<Result<unknown>> {
    const now = this.deps.now();
    const key = `${caller.sessionId}\u0000${what}\u0000${what === 'replay' ? '' : subject}`;
    const last = this.recentReads.get(key);
    if (last !== undefined && now - last < READ_AGAIN_AFTER_MS) return { ok: true, value: null };
    if (this.recentReads.size > 10_000) this.recentReads.clear();
    this.recentReads.set(key, now);
    return this.deps.commit({ type: 'record.viewed', what, subject, at: now, by: caller.operator });
  }
}
