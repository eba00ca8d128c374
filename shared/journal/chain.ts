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
export const CHAIN_GENESIS = '0'.repeat(64);

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
export function canonicalEvent(prev: string, row: Omit<ChainedRow, 'hash'>): string {
  return `${prev}\n${row.seq}\n${row.recordedAt}\n${row.type}\n${row.unitId ?? ''}\n${row.incidentId ?? ''}\n${row.body}`;
}

export function linkHash(sha256: Sha256, prev: string, row: Omit<ChainedRow, 'hash'>): string {
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
 * Walks the chain in sequence order and names the first event that does not match. Rows must
 * come oldest first; those at or before `start.afterSeq` are counted as unchained. Snapshots are
 * checked last: one taken at an event the journal no longer has means its tail was cut off.
 */
export function verifyChain(rows: Iterable<ChainedRow>, sha256: Sha256, start: ChainStart, snapshots: readonly SnapshotClaim[] = []): ChainVerdict {
  let prev = CHAIN_GENESIS;
  let expected = start.afterSeq + 1;
  let checked = 0;
  let unchained = 0;
  const hashes = new Map<number, string>();
  const wanted = new Set(snapshots.map((s) => s.seq));
  const broken = (seq: number, problem: string): ChainVerdict => ({ ok: false, checked, start, seq, problem });
  for (const row of rows) {
    if (row.seq <= start.afterSeq) {
      unchained++;
      continue;
    }
    if (row.seq > expected)
      return broken(expected, expected === row.seq - 1 ? `event ${expected} is missing: the journal goes from ${expected - 1} to ${row.seq}` : `events ${expected} to ${row.seq - 1} are missing: the journal goes from ${expected - 1} to ${row.seq}`);
    if (!row.hash) return broken(row.seq, `event ${row.seq} has no hash`);
    const h = linkHash(sha256, prev, row);
    if (h !== row.hash) return broken(row.seq, `event ${row.seq} does not match its hash: it, or the hash stored with it, was changed`);
    if (wanted.has(row.seq)) hashes.set(row.seq, h);
    prev = h;
    expected = row.seq + 1;
    checked++;
  }
  for (const s of snapshots) {
    if (s.seq <= start.afterSeq || !s.hash) continue;
    if (s.seq >= expected) return broken(expected, `events from ${expected} on are missing: a snapshot was taken at event ${s.seq}`);
    const h = hashes.get(s.seq);
    if (h && h !== s.hash) return broken(s.seq, `the snapshot at event ${s.seq} was taken at another hash: events up to it were changed`);
  }
  return { ok: true, checked, start, unchained, head: checked ? { seq: expected - 1, hash: prev } : null };
}

/** One line for a person: what was checked, and where the chain starts. */
export function describeVerdict(v: ChainVerdict): string {
  const since = v.start.afterSeq
    ? `The chain starts after event ${v.start.afterSeq} (added on ${new Date(v.start.startedAt).toISOString()}; earlier events were written before it existed and are not covered).`
    : 'The chain covers every event.';
  if (!v.ok) return `The journal's chain is broken at event ${v.seq}: ${v.problem}. ${v.checked} events before it hold. ${since}`;
  return `The journal's chain holds: ${v.checked} events checked${v.head ? `, head ${v.head.seq} ${v.head.hash}` : ''}. ${since}`;
}
