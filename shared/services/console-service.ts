import type { IncidentId, UnitId } from '../domain/ids.js';
import type { RosterEntry } from '../domain/units.js';
import { eventSubject, type JournalEvent } from '../events.js';
import { type Journal, JournalError } from '../ports.js';
import {
  applyEvent,
  type Changes,
  type ConsoleState,
  emptyChanges,
  emptyState,
  fromSnapshot,
  toSnapshot,
} from '../projection.js';
import { fail, type Result } from '../result.js';

/** How often a failed journal is tried again while nothing else tries it. */
const RETRY_MS = 2000;

interface InFlight {
  first: number;
  events: JournalEvent[];
  done?: (committed: boolean) => void;
  subjects?: string[];
}

const subjectsOf = (events: readonly JournalEvent[]) => {
  const keys = new Set<string>();
  for (const e of events) {
    const s = eventSubject(e);
    if (s.unitId) keys.add(`unit ${s.unitId}`);
    if (s.incidentId) keys.add(`incident ${s.incidentId}`);
  }
  return [...keys];
};

export interface RestoreReport {
  fromSnapshotSeq: number;
  replayed: number;
  ms: number;
}

/**
 * Owns the console's state and the rule that makes it trustworthy: an event is written to the
 * journal before it is applied or acknowledged. Telemetry is batched into short transactions;
 * everything else is committed with synchronous=FULL before the caller hears back. Durable commits
 * are asynchronous: the journal's writer thread groups every commit waiting into one transaction
 * and one fsync, so the event loop never waits for the disk and a burst shares its flushes.
 */
export class ConsoleService {
  readonly state: ConsoleState;
  private pending: JournalEvent[] = [];
  /** Handed to the journal, in sequence order, not yet applied; `done` answers a durable commit. */
  private inFlight: InFlight[] = [];
  /** Units and incidents with a durable event in flight: a decision about them waits for it. */
  private readonly busy = new Map<string, number>();
  private drainWaiters: (() => void)[] = [];
  /** Roster units added from telemetry whose `unit.added` is in flight. */
  private readonly joining = new Set<string>();
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
    const dropped = this.inFlight;
    this.inFlight = [];
    this.pending = [];
    for (const b of dropped) this.settle(b);
    for (const b of dropped) b.done?.(false);
    for (const w of this.drainWaiters.splice(0)) w();
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

  /**
   * Adds roster units the journal does not know yet; a roster change is an event like any other.
   * Blocks until they are committed and applied: for start-up.
   */
  ensureRoster(entries: RosterEntry[]): number {
    const missing = entries.filter((e) => !this.state.units.has(e.id));
    if (missing.length === 0) return 0;
    this.submit(missing.map((entry) => ({ type: 'unit.added', entry })));
    this.flush();
    return missing.length;
  }

  /**
   * Adds a unit first heard on the air (open roster) without waiting for the disk: its `unit.added`
   * is committed durably ahead of the telemetry queued after it, and applied before it. False if
   * the journal has failed.
   */
  joinRoster(entry: RosterEntry): boolean {
    if (this.state.units.has(entry.id) || this.joining.has(entry.id)) return true;
    if (this.failure) return false;
    this.joining.add(entry.id);
    if (this.submit([{ type: 'unit.added', entry }])) return true;
    this.joining.delete(entry.id);
    return false;
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
      const last = this.journal.submit(batch, this.now(), 'batched');
      this.inFlight.push({ first: last - batch.length + 1, events: batch });
    });
  }

  /** Applies, in order, everything in flight the journal has committed, and answers who waits for it. */
  private drain(): void {
    const committed = this.journal.committedSeq();
    const done: InFlight[] = [];
    while (this.inFlight.length && this.inFlight[0]!.first + this.inFlight[0]!.events.length - 1 <= committed) {
      const b = this.inFlight.shift()!;
      let seq = b.first;
      for (const e of b.events) this.applyCommitted(seq++, e);
      this.settle(b);
      done.push(b);
    }
    if (!this.failure) {
      const failure = this.journal.failed();
      if (failure) this.failWith(failure);
    }
    this.maybeSnapshot();
    // Answered once everything committed so far is applied: the caller reads a state that has it.
    for (const b of done) b.done?.(true);
    if (done.length && this.drainWaiters.length) for (const w of this.drainWaiters.splice(0)) w();
  }

  private settle(b: InFlight) {
    for (const e of b.events) if (e.type === 'unit.added') this.joining.delete(e.entry.id);
    for (const k of b.subjects ?? []) {
      const n = this.busy.get(k)! - 1;
      if (n > 0) this.busy.set(k, n);
      else this.busy.delete(k);
    }
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

  /** Hands durable events to the journal after any queued telemetry (the journal's order is the order things happened in). */
  private submit(events: JournalEvent[], done?: (committed: boolean) => void): InFlight | null {
    this.handOff();
    let entry = null as InFlight | null;
    this.guard(() => {
      const last = this.journal.submit(events, this.now(), 'full');
      const subjects = subjectsOf(events);
      for (const k of subjects) this.busy.set(k, (this.busy.get(k) ?? 0) + 1);
      entry = { first: last - events.length + 1, events, subjects, ...(done && { done }) };
      this.inFlight.push(entry);
    });
    return entry;
  }

  /**
   * Commits one event durably and applies it; resolves once both are done (or the journal refused
   * it). Queued telemetry goes first.
   */
  commit(e: JournalEvent): Promise<Result<number>> {
    return this.commitAll([e]);
  }

  /** Several events that stand or fall together (e.g. an allocation and its transition). */
  commitAll(events: JournalEvent[]): Promise<Result<number>> {
    if (!this.recovered()) return Promise.resolve(fail(this.failure!.message, 'unavailable'));
    return new Promise((resolve) => {
      const entry = this.submit(events, (committed) =>
        resolve(committed ? { ok: true, value: entry!.first + events.length - 1 } : fail(this.failure?.message ?? 'The journal failed.', 'unavailable')),
      );
      if (!entry) resolve(fail(this.failure!.message, 'unavailable'));
    });
  }

  /**
   * Decides from the state, then commits. While a durable event about one of the same units or
   * incidents is still being committed, the state does not show it yet: the decision waits for it
   * and is taken again, so two dispatchers cannot both allocate one officer in the same moment.
   */
  async decide(decide: () => Result<JournalEvent[]>): Promise<Result<number>> {
    for (;;) {
      const d = decide();
      if (!d.ok) return d;
      if (!subjectsOf(d.value).some((k) => this.busy.has(k))) return this.commitAll(d.value);
      await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    }
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
