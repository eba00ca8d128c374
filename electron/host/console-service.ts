import type { IncidentId, UnitId } from '../../shared/domain/ids.js';
import type { RosterEntry } from '../../shared/domain/units.js';
import type { JournalEvent } from '../../shared/events.js';
import { type Journal, JournalError } from '../../shared/ports.js';
import {
  applyEvent,
  type Changes,
  type ConsoleState,
  emptyChanges,
  emptyState,
  fromSnapshot,
  toSnapshot,
} from '../../shared/projection.js';
import { fail, type Result } from '../../shared/result.js';

/** How often a failed journal is tried again while nothing else tries it. */
const RETRY_MS = 2000;

export interface RestoreReport {
  fromSnapshotSeq: number;
  replayed: number;
  ms: number;
}

/**
 * Owns the console's state and the rule that makes it trustworthy: an event is written to the
 * journal before it is applied or acknowledged. Telemetry is batched into short transactions;
 * everything else is committed one by one with synchronous=FULL before the caller hears back.
 */
export class ConsoleService {
  readonly state: ConsoleState;
  private pending: JournalEvent[] = [];
  private inFlight: { first: number; events: JournalEvent[] }[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private changes: Changes = emptyChanges();
  private sinceSnapshot = 0;
  private failure: JournalError | null = null;
  private retryTimer: ReturnType<typeof setInterval> | null = null;
  private closed = false;
  private readonly changeListeners: ((e: JournalEvent) => void)[] = [];
  readonly restoreReport: RestoreReport;

  constructor(
    readonly journal: Journal,
    private readonly opts: { batchMs: number; snapshotEvery: number; maxPending?: number; now?: () => number },
  ) {
    const t0 = performance.now();
    const snap = journal.latestSnapshot();
    this.state = snap ? fromSnapshot(snap) : emptyState();
    const from = this.state.seq;
    let replayed = 0;
    for (const r of journal.readAfter(from)) {
      applyEvent(this.state, r.seq, r.event);
      replayed++;
    }
    this.sinceSnapshot = replayed;
    this.restoreReport = { fromSnapshotSeq: from, replayed, ms: performance.now() - t0 };
    journal.onProgress(() => this.drain());
  }

  now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  get journalError(): JournalError | null {
    return this.failure;
  }

  /**
   * Tries a failed journal again (space freed on a full disk, say): at the next write, and every
   * RETRY_MS meanwhile so health clears with no one writing. True when it takes work again.
   */
  private recovered(): boolean {
    if (!this.failure) return true;
    if (!this.journal.recover()) return false;
    this.failure = null;
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = null;
    return true;
  }

  private failWith(failure: JournalError) {
    this.failure = failure;
    // What the journal never committed was never acknowledged: it is dropped, not applied.
    this.inFlight = [];
    this.pending = [];
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setInterval(() => this.recovered(), RETRY_MS);
    this.retryTimer.unref?.();
  }

  /** Telemetry received but not yet committed and applied. */
  get pendingCount(): number {
    let n = this.pending.length;
    for (const b of this.inFlight) n += b.events.length;
    return n;
  }

  /** Called after each event is applied, with the event (e.g. to keep an index of units current). */
  onChange(listener: (e: JournalEvent) => void): void {
    this.changeListeners.push(listener);
  }

  /** Hands over what changed since the last call (for the live stream). */
  takeChanges(): Changes {
    const c = this.changes;
    this.changes = emptyChanges();
    return c;
  }

  /** Adds roster units the journal does not know yet; a roster change is an event like any other. */
  ensureRoster(entries: RosterEntry[]): number {
    const missing = entries.filter((e) => !this.state.units.has(e.id));
    if (missing.length === 0) return 0;
    this.commitAll(missing.map((entry) => ({ type: 'unit.added', entry })));
    return missing.length;
  }

  /** Queues a telemetry event for the next batch commit. False if the journal has failed. */
  enqueueTelemetry(e: JournalEvent): boolean {
    if (this.failure) return false;
    this.pending.push(e);
    if (this.pending.length >= (this.opts.maxPending ?? 5000)) this.handOff();
    else if (!this.flushTimer) this.flushTimer = setTimeout(() => this.handOff(), this.opts.batchMs);
    return true;
  }

  /**
   * Hands queued telemetry to the journal as one transaction. It is applied when the journal says
   * it is committed (`drain`), never before.
   */
  private handOff(): void {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    if (this.pending.length === 0 || this.failure) return;
    const batch = this.pending;
    this.pending = [];
    this.guard(() => {
      const last = this.journal.appendBatch(batch, this.now(), 'batched');
      this.inFlight.push({ first: last - batch.length + 1, events: batch });
    });
  }

  /** Applies every in-flight batch the journal has committed. */
  private drain(): void {
    const committed = this.journal.committedSeq();
    while (this.inFlight.length && this.inFlight[0]!.first + this.inFlight[0]!.events.length - 1 <= committed) {
      const b = this.inFlight.shift()!;
      let seq = b.first;
      for (const e of b.events) this.applyCommitted(seq++, e);
    }
    if (!this.failure) {
      const failure = this.journal.failed();
      if (failure) this.failWith(failure);
    }
    this.maybeSnapshot();
  }

  /**
   * Commits everything queued so far and applies it, waiting for the journal (before reading the
   * journal, at shutdown, in tests).
   */
  flush(): void {
    this.handOff();
    if (this.failure) return;
    this.guard(() => this.journal.waitForCommit(this.journal.lastSeq()));
    this.drain();
  }

  /**
   * Commits one event durably and applies it. Queued telemetry goes first so the journal's order
   * is the order things happened in.
   */
  commit(e: JournalEvent): Result<number> {
    return this.commitAll([e]);
  }

  /** Several events that stand or fall together (e.g. an allocation and its transition). */
  commitAll(events: JournalEvent[]): Result<number> {
    if (!this.recovered()) return fail(this.failure!.message, 'unavailable');
    this.handOff();
    let last = 0;
    const ok = this.guard(() => {
      last = events.length === 1 ? this.journal.appendDurable(events[0]!, this.now()) : this.journal.appendBatch(events, this.now(), 'full');
    });
    // Everything before these is committed too: apply it first, in order.
    this.drain();
    if (!ok || this.failure) return fail(this.failure!.message, 'unavailable');
    let seq = last - events.length;
    for (const e of events) this.applyCommitted(++seq, e);
    return { ok: true, value: last };
  }

  private applyCommitted(seq: number, e: JournalEvent) {
    applyEvent(this.state, seq, e, this.changes);
    this.sinceSnapshot++;
    for (const l of this.changeListeners) l(e);
  }

  private guard(fn: () => void): boolean {
    try {
      fn();
      return true;
    } catch (err) {
      this.failWith(err instanceof JournalError ? err : new JournalError(String((err as Error).message ?? err), 'unavailable'));
      return false;
    }
  }

  private maybeSnapshot() {
    if (this.sinceSnapshot < this.opts.snapshotEvery) return;
    this.snapshot();
  }

  snapshot(): void {
    if (this.failure) return;
    if (this.guard(() => this.journal.writeSnapshot(toSnapshot(this.state)))) this.sinceSnapshot = 0;
  }

  unit(id: UnitId) {
    return this.state.units.get(id);
  }

  incident(id: IncidentId) {
    return this.state.incidents.get(id);
  }

  /** Flushes, snapshots and closes the journal. */
  close(): void {
    this.closed = true;
    if (this.retryTimer) clearInterval(this.retryTimer);
    this.retryTimer = null;
    this.flush();
    if (this.sinceSnapshot > 0) this.snapshot();
    this.journal.close();
  }
}
