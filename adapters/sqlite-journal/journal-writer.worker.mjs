// The journal's writer thread. Every insert into the journal happens here, so the console's main
// thread spends its time on validation and state instead of SQLite. Plain JavaScript so it runs
// the same under Node, vitest and a bundled Electron app, with no TypeScript loader.
//
// Protocol (from sqlite-journal.ts): messages on the worker port, processed strictly in order, and
// writes waiting together committed in one transaction (group commit):
//   { t: 'write', firstSeq, recordedAt, durability: 'full'|'batched', n,
//     loc: Float64Array(n × fixFields.length), each row a fix in the order of `fixFields` (workerData:
//     shared/wire/fix.ts's FIX_FIELDS) (NaN = absent; rows with a unit id in
//     `ids` are positions), ids: string[] ('' = not a position), others: [index, event, unitId, incidentId][] }
//   { t: 'snapshot', seq, createdAt, state: string } the projection at `seq`, already serialised
//   { t: 'reset' } after a failure the main thread has seen: writes after it are tried again
//   { t: 'backup', id, file } an online copy of the journal to `file`, answered on the worker port
//     with { t: 'backup', id, error? }; writes go on meanwhile (see `backup`)
//   { t: 'close' }
// Progress goes to shared memory: state[0] = last committed seq, state[1] = 1 once failed, with
// Atomics.notify on state[0]; state[2] = 1 once the writer has closed its connection; state[3] =
// snapshots handled (written or failed), with Atomics.notify; details of a failure go to `replies`
// as { t: 'error', code, message }.
//
// Hash chain: each row's `hash` is SHA-256 over the previous row's hash and its content, computed here
// as rows are inserted. The canonical form is `canonicalEvent` in shared/journal/chain.ts (the one
// definition; this thread cannot load TypeScript, so it repeats it in `link`, and the journal's
// chain tests verify what this thread writes with chain.ts). `chain: false` (benchmarks only)
// leaves the hash out, to measure what the chain costs.
import { hash } from 'node:crypto';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, shared, replies, maxPages, trackIntervalMs, fixFields, chain = true } = workerData;
const FIX_WIDTH = fixFields.length;
const state = new BigInt64Array(shared);
const CHUNK = 64;

const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -65536');
if (maxPages) db.pragma(`max_page_count = ${maxPages}`);

const COLS = 7;
const insertOne = db.prepare('INSERT INTO events (seq, recorded_at, type, unit_id, incident_id, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
const insertChunk = db.prepare(`INSERT INTO events (seq, recorded_at, type, unit_id, incident_id, body, hash) VALUES ${Array(CHUNK).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
const GENESIS = '0'.repeat(64);
/** The last committed event's hash (an event from before the chain has none: the chain starts afresh). */
let committedHead = db.prepare('SELECT hash FROM events ORDER BY seq DESC LIMIT 1').pluck().get() ?? GENESIS;
/** The hash of the last row inserted, committed or not: a failed group goes back to `committedHead`. */
let head = committedHead;

/** SHA-256 hex of canonicalEvent(prev, row) — see shared/journal/chain.ts. One-shot `hash` is 4× createHash. */
function link(prev, seq, recordedAt, type, unitId, incidentId, body) {
  return hash('sha256', `${prev}\n${seq}\n${recordedAt}\n${type}\n${unitId ?? ''}\n${incidentId ?? ''}\n${body}`, 'hex');
}
const insertTrackPoint = db.prepare('INSERT OR IGNORE INTO track_points (unit_id, recorded_at, seq) VALUES (?, ?, ?)');
const lastTrackPoint = new Map();
let durability = 'full';

function location(loc, i, unitId) {
  const o = i * FIX_WIDTH;
  const fix = {};
  const e = { type: 'unit.location', unitId, fix };
  for (let k = 0; k < FIX_WIDTH; k++) {
    const v = loc[o + k];
    if (Number.isNaN(v)) continue;
    // The battery travels with the fix but belongs to the event.
    if (fixFields[k] === 'bat') e.bat = v;
    else fix[fixFields[k]] = v;
  }
  return e;
}

const args = new Array(CHUNK * COLS);
function write(m) {
  const others = new Map(m.others.map((x) => [x[0], x]));
  const row = (i, out, o) => {
    const seq = m.firstSeq + i;
    const unitId = m.ids[i];
    out[o] = seq;
    out[o + 1] = m.recordedAt;
    if (unitId) {
      out[o + 2] = 'unit.location';
      out[o + 3] = unitId;
      out[o + 4] = null;
      out[o + 5] = JSON.stringify(location(m.loc, i, unitId));
      const last = lastTrackPoint.get(unitId);
      // Tracks keep one fix per unit per interval: indexing every fix by unit cut ingest fivefold.
      if (last === undefined || m.recordedAt - last >= trackIntervalMs || m.recordedAt < last) {
        insertTrackPoint.run(unitId, m.recordedAt, seq);
        lastTrackPoint.set(unitId, m.recordedAt);
      }
    } else {
      const [, event, subjectUnit, subjectIncident] = others.get(i);
      out[o + 2] = event.type;
      out[o + 3] = subjectUnit;
      out[o + 4] = subjectIncident;
      out[o + 5] = JSON.stringify(event);
    }
    if (chain) {
      head = link(head, seq, m.recordedAt, out[o + 2], out[o + 3], out[o + 4], out[o + 5]);
      out[o + 6] = head;
    } else out[o + 6] = null;
  };
  let i = 0;
  for (; i + CHUNK <= m.n; i += CHUNK) {
    for (let k = 0; k < CHUNK; k++) row(i + k, args, k * COLS);
    insertChunk.run(args);
  }
  const one = new Array(COLS);
  for (; i < m.n; i++) {
    row(i, one, 0);
    insertOne.run(one);
  }
}

let failed = false;
/** Rows gathered into one transaction at most: a bound on how long one commit holds the writer. */
const GROUP_ROWS = 100_000;

function closeAndExit() {
  db.close();
  // The main thread waits for this before it lets anyone remove the journal's files.
  Atomics.store(state, 2, 1n);
  Atomics.notify(state, 2);
  parentPort.close();
}

/**
 * Commits writes as one group: everything the main thread handed over while the previous commit
 * was syncing goes into one transaction and one fsync. That is what lets many durable events an
 * hour's work apart in the API share a disk flush.
 */
function commitGroup(group) {
  if (group.length === 0) return;
  if (failed) return;
  const wanted = group.some((m) => m.durability === 'full') ? 'full' : 'batched';
  try {
    if (wanted !== durability) {
      // Telemetry batches skip the fsync; the next full commit syncs the WAL and them with it.
      db.pragma(`synchronous = ${wanted === 'full' ? 'FULL' : 'NORMAL'}`);
      durability = wanted;
    }
    writeGroup(group);
    committedHead = head;
    const last = group[group.length - 1];
    Atomics.store(state, 0, BigInt(last.firstSeq + last.n - 1));
  } catch (err) {
    // The group was rolled back: the chain goes on from the last event on disk.
    head = committedHead;
    failed = true;
    replies.postMessage({ t: 'error', code: err.code ?? '', message: err.message ?? String(err) });
    Atomics.store(state, 1, 1n);
  }
  Atomics.notify(state, 0);
  parentPort.postMessage({ t: 'progress' });
}

const writeGroup = db.transaction((group) => {
  for (const m of group) write(m);
});

// A snapshot records the chain's hash at its event, so a verifier can tell a journal whose tail
// was cut off or rewritten after it.
const insertSnapshot = db.prepare('INSERT OR REPLACE INTO snapshots (seq, created_at, state, chain_hash) VALUES (?, ?, ?, (SELECT hash FROM events WHERE seq = ?))');
// Two are kept so a snapshot torn by a crash mid-write still leaves a good one behind.
const pruneSnapshots = db.prepare('DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT 2)');
const writeSnapshot = db.transaction((m) => {
  insertSnapshot.run(m.seq, m.createdAt, m.state, m.seq);
  pruneSnapshots.run();
});

function snapshot(m) {
  if (!failed) {
    try {
      if (durability !== 'full') {
        db.pragma('synchronous = FULL');
        durability = 'full';
      }
      writeSnapshot(m);
    } catch (err) {
      failed = true;
      replies.postMessage({ t: 'error', code: err.code ?? '', message: err.message ?? String(err) });
      Atomics.store(state, 1, 1n);
      Atomics.notify(state, 0);
    }
  }
  Atomics.add(state, 3, 1n);
  Atomics.notify(state, 3);
  parentPort.postMessage({ t: 'progress' });
}

/**
 * SQLite's online backup, from this thread's own connection: a backup restarts whenever another
 * connection writes the source, which under steady telemetry would be for ever, but writes made
 * through the backup's own connection are copied into it as they happen. Steps of a few thousand
 * pages, with this thread's messages (and so its commits) handled between them.
 */
let backupsRunning = 0;
function backup(m) {
  backupsRunning++;
  db.backup(m.file, { progress: () => 4096 })
    .then(
      () => parentPort.postMessage({ t: 'backup', id: m.id }),
      (err) => parentPort.postMessage({ t: 'backup', id: m.id, error: err.message ?? String(err) }),
    )
    .finally(() => backupsRunning--);
}

function control(m) {
  if (m.t === 'snapshot') return snapshot(m);
  if (m.t === 'backup') return backup(m);
  if (m.t === 'reset') {
    // Writes handed over between the failure and this were skipped: never committed, never acknowledged.
    failed = false;
    // Track points of the batch that failed were rolled back with it; start each unit afresh.
    lastTrackPoint.clear();
  }
}

/**
 * Handles messages in order, committing the writes among them as groups; control messages end a
 * group where they stand. `next` gives the next message, or nothing once the batch is done.
 */
function handleMessages(next) {
  let group = [];
  let rows = 0;
  for (let m = next(); m; m = next()) {
    if (m.t === 'write') {
      if (!failed) {
        group.push(m);
        rows += m.n;
      }
      if (rows >= GROUP_ROWS) {
        commitGroup(group);
        group = [];
        rows = 0;
      }
    } else {
      commitGroup(group);
      group = [];
      rows = 0;
      if (m.t === 'close') {
        closing = true;
        return closeAndExit();
      }
      control(m);
    }
  }
  commitGroup(group);
}

// While a backup runs its steps take turns (setImmediate) with the writes: messages are queued
// here as they arrive and handled a few dozen per turn. Handled as they arrive, a flood would be
// drained for ever in one go and the backup never advance.
const waiting = [];
let pumpScheduled = false;
let closing = false;
function pump() {
  if (pumpScheduled) return;
  pumpScheduled = true;
  setImmediate(() => {
    pumpScheduled = false;
    let n = 0;
    handleMessages(() => (n++ < 64 && !closing ? waiting.shift() : undefined));
    if (waiting.length && !closing) pump();
  });
}

parentPort.on('message', (first) => {
  if (closing) return;
  if (backupsRunning || waiting.length) {
    waiting.push(first);
    return pump();
  }
  // Gathers what is already waiting on the port, in order, until a backup starts.
  let m = first;
  handleMessages(() => {
    const out = m;
    m = out && !backupsRunning ? receiveMessageOnPort(parentPort)?.message : undefined;
    return out;
  });
});
