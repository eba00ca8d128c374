/**
 * The journal's hash chain: each event's hash is SHA-256 over the previous event's hash and the
 * event's canonical content, so changing, removing or reordering any committed event breaks every
 * hash after it. Pure: the SHA-256 itself is injected (node:crypto in the host, anything in tests).
 *
 * The journal's writer thread computes the same link in plain JavaScript (it runs with no
 * TypeScript loader); `sqlite-journal`'s chain tests verify what it writes with this module, so
 * the two cannot drift apart unnoticed.
 */

/** SHA-256 of `text` encoded as UTF-8, as 64 lower-case hex digits. */
export type Sha256 = (text: string) => string;

/** The "previous hash" of the first chained event. */
const CHAIN_GENESIS = '0'.repeat(64);

/** One journal row as stored: every column but the hash is covered by it. */
export interface ChainedRow {
  seq: number;
  recordedAt: number;
  type: string;
  unitId: string | null;
  incidentId: string | null;
  /** The event as stored (JSON text): hashed byte for byte, never re-serialised. */
  body: string;
  /** SHA-256 hex, as stored. */
  hash: string | null;
}

/**
 * What an event's hash is taken over, one field a line: the previous hash first, the body last so
 * no field can bleed into another. Text, so anyone can recompute a link with any SHA-256 tool.
 */
function canonicalEvent(prev: string, row: Omit<ChainedRow, 'hash'>): string {
  return `${prev}\n${row.seq}\n${row.recordedAt}\n${row.type}\n${row.unitId ?? ''}\n${row.incidentId ?? ''}\n${row.body}`;
}

function linkHash(sha256: Sha256, prev: string, row: Omit<ChainedRow, 'hash'>): string {
  return sha256(canonicalEvent(prev, row));
}

/** Where the chain begins: events up to `afterSeq` were journaled before the chain existed. */
export interface ChainStart {
  afterSeq: number;
  /** When the chain was started (the migration that added it), epoch ms. */
  startedAt: number;
}

/** A snapshot's claim: the chain's hash at the event it was taken at. */
export interface SnapshotClaim {
  seq: number;
  hash: string | null;
}

export type ChainVerdict =
  | {
      ok: true;
      /** Events whose hash was checked. */
      checked: number;
      start: ChainStart;
      /** Events before the chain began, which it cannot vouch for. */
      unchained: number;
      /** The last event and its hash: what an export carries so a recipient can check it. */
      head: { seq: number; hash: string } | null;
    }
  | { ok: false; checked: number; start: ChainStart; seq: number; problem: string };

/**
 * Walks the chain in sequence order, a row at a time (so a caller can walk millions of rows in
 * slices and stay responsive), and names the first event that does not match. Rows must come
 * oldest first; those at or before `start.afterSeq` are counted as unchained. Snapshots are
 * checked at the end: one taken at an event the journal no longer has means its tail was cut off.
 */
export class ChainWalker {
  private prev = CHAIN_GENESIS;
  private expected: number;
  private checked = 0;
  private unchained = 0;
  private readonly hashes = new Map<number, string>();
  private readonly wanted: Set<number>;
  private verdict: ChainVerdict | null = null;

  constructor(
    private readonly sha256: Sha256,
    private readonly start: ChainStart,
    private readonly snapshots: readonly SnapshotClaim[] = [],
  ) {
    this.expected = start.afterSeq + 1;
    this.wanted = new Set(snapshots.map((x) => x.seq));
  }

  /** Where the walk has got to: the next event it expects. */
  get next(): number {
    return this.expected;
  }

  private broken(seq: number, problem: string): ChainVerdict {
    this.verdict = { ok: false, checked: this.checked, start: this.start, seq, problem };
    return this.verdict;
  }

  /** Checks one row; returns the broken verdict at the first that does not match, null while it holds. */
  add(row: ChainedRow): ChainVerdict | null {
    if (this.verdict) return this.verdict;
    if (row.seq <= this.start.afterSeq) {
      this.unchained++;
      return null;
    }
    const expected = this.expected;
    if (row.seq > expected)
      return this.broken(
        expected,
        expected === row.seq - 1
          ? `event ${expected} is missing: the journal goes from ${expected - 1} to ${row.seq}`
          : `events ${expected} to ${row.seq - 1} are missing: the journal goes from ${expected - 1} to ${row.seq}`,
      );
    if (!row.hash) return this.broken(row.seq, `event ${row.seq} has no hash`);
    const h = linkHash(this.sha256, this.prev, row);
    if (h !== row.hash) return this.broken(row.seq, `event ${row.seq} does not match its hash: it, or the hash stored with it, was changed`);
    if (this.wanted.has(row.seq)) this.hashes.set(row.seq, h);
    this.prev = h;
    this.expected = row.seq + 1;
    this.checked++;
    return null;
  }

  /** The verdict once every row has been added; `through`: the last event the journal is known to have committed. */
  finish(through?: number): ChainVerdict {
    if (this.verdict) return this.verdict;
    if (through !== undefined && through >= this.expected)
      return this.broken(this.expected, `events from ${this.expected} to ${through} are missing: the journal committed up to ${through}`);
    for (const s of this.snapshots) {
      if (s.seq <= this.start.afterSeq || !s.hash) continue;
      if (s.seq >= this.expected) return this.broken(this.expected, `events from ${this.expected} on are missing: a snapshot was taken at event ${s.seq}`);
      const h = this.hashes.get(s.seq);
      if (h && h !== s.hash) return this.broken(s.seq, `the snapshot at event ${s.seq} was taken at another hash: events up to it were changed`);
    }
    return { ok: true, checked: this.checked, start: this.start, unchained: this.unchained, head: this.checked ? { seq: this.expected - 1, hash: this.prev } : null };
  }
}

/** Walks a whole chain at once: see `ChainWalker`. */
export function verifyChain(rows: Iterable<ChainedRow>, sha256: Sha256, start: ChainStart, snapshots: readonly SnapshotClaim[] = []): ChainVerdict {
  const walker = new ChainWalker(sha256, start, snapshots);
  for (const row of rows) if (walker.add(row)) break;
  return walker.finish();
}

/** One line for a person: what was checked, and where the chain starts. */
export function describeVerdict(v: ChainVerdict): string {
  const since = v.start.afterSeq
    ? `The chain starts after event ${v.start.afterSeq} (added on ${new Date(v.start.startedAt).toISOString()}; earlier events were written before it existed and are not covered).`
    : 'The chain covers every event.';
  if (!v.ok) return `The journal's chain is broken at event ${v.seq}: ${v.problem}. ${v.checked} events before it hold. ${since}`;
  return `The journal's chain holds: ${v.checked} events checked${v.head ? `, head ${v.head.seq} ${v.head.hash}` : ''}. ${since}`;
}
