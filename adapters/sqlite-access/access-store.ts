import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AccessStore, StoredOperator, StoredSession } from '../../shared/auth/access.js';
import { isRole, type Role } from '../../shared/auth/roles.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS operators (
  username TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  roles TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
  session_id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  operator TEXT NOT NULL,
  roles TEXT NOT NULL,
  desk TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  locked INTEGER NOT NULL DEFAULT 0,
  ended_at INTEGER
);
CREATE INDEX IF NOT EXISTS sessions_open ON sessions (ended_at) WHERE ended_at IS NULL;
`;

type OperatorRow = { username: string; password_hash: string; roles: string; created_at: number; created_by: string };
type SessionRow = {
  session_id: string;
  token_hash: string;
  operator: string;
  roles: string;
  desk: string;
  started_at: number;
  last_seen_at: number;
  locked: number;
  ended_at: number | null;
};

const roles = (json: string): Role[] => (JSON.parse(json) as unknown[]).filter(isRole);
const operator = (r: OperatorRow): StoredOperator => ({ username: r.username, passwordHash: r.password_hash, roles: roles(r.roles), createdAt: r.created_at, createdBy: r.created_by });
const session = (r: SessionRow): StoredSession => ({
  sessionId: r.session_id,
  tokenHash: r.token_hash,
  operator: r.operator,
  roles: roles(r.roles),
  desk: r.desk,
  startedAt: r.started_at,
  lastSeenAt: r.last_seen_at,
  locked: r.locked === 1,
  endedAt: r.ended_at,
});

/**
 * Operators and sessions in `access.sqlite` beside the journal, readable by the host's user only:
 * it holds password hashes, which the journal (copied into backups and debrief packs) never does.
 * Sessions survive a restart, so a host that crashed does not sign every desk out.
 */
export class SqliteAccessStore implements AccessStore {
  private readonly db: Database.Database;
  readonly path: string;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.path = path.join(dataDir, 'access.sqlite');
    this.db = new Database(this.path);
    fs.chmodSync(this.path, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
  }

  operator(username: string): StoredOperator | null {
    const r = this.db.prepare('SELECT * FROM operators WHERE username = ?').get(username) as OperatorRow | undefined;
    return r ? operator(r) : null;
  }

  operators(): StoredOperator[] {
    return (this.db.prepare('SELECT * FROM operators ORDER BY username').all() as OperatorRow[]).map(operator);
  }

  addOperator(o: StoredOperator): void {
    this.db
      .prepare('INSERT INTO operators (username, password_hash, roles, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
      .run(o.username, o.passwordHash, JSON.stringify(o.roles), o.createdAt, o.createdBy);
  }

  sessionByToken(tokenHash: string): StoredSession | null {
    const r = this.db.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as SessionRow | undefined;
    return r ? session(r) : null;
  }

  session(sessionId: string): StoredSession | null {
    const r = this.db.prepare('SELECT * FROM sessions WHERE session_id = ?').get(sessionId) as SessionRow | undefined;
    return r ? session(r) : null;
  }

  openSessions(): StoredSession[] {
    return (this.db.prepare('SELECT * FROM sessions WHERE ended_at IS NULL ORDER BY started_at').all() as SessionRow[]).map(session);
  }

  addSession(s: StoredSession): void {
    this.db
      .prepare(
        'INSERT INTO sessions (session_id, token_hash, operator, roles, desk, started_at, last_seen_at, locked, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(s.sessionId, s.tokenHash, s.operator, JSON.stringify(s.roles), s.desk, s.startedAt, s.lastSeenAt, s.locked ? 1 : 0, s.endedAt);
  }

  updateSession(sessionId: string, change: Partial<Pick<StoredSession, 'lastSeenAt' | 'locked' | 'endedAt'>>): void {
    if (change.lastSeenAt !== undefined) this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE session_id = ?').run(change.lastSeenAt, sessionId);
    if (change.locked !== undefined) this.db.prepare('UPDATE sessions SET locked = ? WHERE session_id = ?').run(change.locked ? 1 : 0, sessionId);
    if (change.endedAt !== undefined) this.db.prepare('UPDATE sessions SET ended_at = ? WHERE session_id = ?').run(change.endedAt, sessionId);
  }

  close(): void {
    this.db.close();
  }
}
