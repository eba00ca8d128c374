import type { JournalEvent, JournalRecord } from './events.js';
import type { StateSnapshot } from './projection.js';

/**
 * The journal the core writes every state change to before it counts. Implemented by the SQLite
 * adapter; the core never sees SQL.
 */
export interface Journal {
  readonly path: string;
  readonly schemaVersion: number;
  /**
   * Numbers events and hands them to the journal's writer; returns the last sequence number at
   * once, before they are committed: they may be applied or acknowledged only once `committedSeq()`
   * reaches them (`onProgress` says when). The writer commits everything waiting as one group:
   * `full` events with an fsync (they survive a power cut), `batched` ones (position telemetry)
   * without (a crash keeps them, a power cut may lose the last batch). Throws JournalError.
   */
  submit(events: readonly JournalEvent[], recordedAt: number, durability: 'full' | 'batched'): number;
  /** Commits one event with full durability, blocking this thread until it is (start-up, tools, tests). */
  appendDurable(event: JournalEvent, recordedAt: number): number;
  /** `submit`, then for `full` blocks until committed (start-up, tools, tests). */
  appendBatch(events: readonly JournalEvent[], recordedAt: number, durability?: 'full' | 'batched'): number;
  /** Highest sequence number known to be committed. */
  committedSeq(): number;
  /** Called after the journal commits more, or fails. */
  onProgress(listener: () => void): void;
  /** Blocks until `seq` is committed. Throws JournalError if the journal has failed. */
  waitForCommit(seq: number): void;
  /** The journal's failure, if it has failed. */
  failed(): JournalError | null;
  /**
   * After a failure, tries the journal again (e.g. the disk had space freed): true when it takes
   * writes again. What was not committed before the failure was never acknowledged and is gone.
   */
  recover(): boolean;
  /** Highest sequence number handed out (committed or not). */
  lastSeq(): number;
  /** Events after `seq`, oldest first. */
  readAfter(seq: number, batchSize?: number): Iterable<JournalRecord>;
  /** Events recorded in [from, to), oldest first, optionally of some types, one unit or one incident. */
  readRange(from: number, to: number, filter?: { types?: JournalEvent['type'][]; unitId?: string; incidentId?: string }): JournalRecord[];
  /** For each unit, its last event of `type` recorded in [since, at]: who was where at a moment. */
  latestPerUnit(type: JournalEvent['type'], unitIds: readonly string[], at: number, since: number): JournalRecord[];
  latestSnapshot(): StateSnapshot | null;
  writeSnapshot(snapshot: StateSnapshot): void;
  close(): void;
}

export class JournalError extends Error {
  constructor(
    message: string,
    readonly code: 'full' | 'readonly' | 'unavailable' | 'corrupt',
  ) {
    super(message);
    this.name = 'JournalError';
  }
}

export interface TelemetryMessage {
  topic: string;
  payload: Uint8Array;
}

/** Where telemetry comes from: an MQTT broker in every real deployment. */
export interface TelemetrySource {
  readonly url: string;
  start(onMessage: (m: TelemetryMessage) => void): Promise<void>;
  /** Publishes to a device (assignments); queued while the link is down, delivered once in order. */
  publish(topic: string, payload: string, opts?: { qos?: 0 | 1; retain?: boolean }): Promise<void>;
  onStatus(listener: (s: { connected: boolean; error: string | null }) => void): void;
  isConnected(): boolean;
  stop(): Promise<void>;
}
