import fs from 'node:fs';
import path from 'node:path';
import type { ChainVerdict } from '../../shared/journal/chain.js';
import { lockDataDir } from './data-dir-lock.js';
import { JOURNAL_FILE } from './sqlite-journal.js';
import { verifyJournalFile } from './verify-journal.js';

export interface RestoreResult {
  /** The backup's verdict, checked before anything was touched. */
  verdict: ChainVerdict;
  /** Where the journal that was in the folder was moved to; null when there was none. */
  setAside: string | null;
  /** The restored journal's verdict, checked in place. */
  restored: ChainVerdict;
}

export class RestoreRefused extends Error {
  constructor(
    message: string,
    readonly verdict?: ChainVerdict,
  ) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

/**
 * Puts a backup in place as the data folder's journal. The backup's chain is verified first and
 * a broken one is refused with nothing touched; the folder must not be in use by a running
 * console; the journal already there is set aside (renamed, with its WAL), never deleted.
 */
export function restoreJournal(backup: string, dataDir: string): RestoreResult {
  if (!fs.existsSync(backup) || !fs.statSync(backup).isFile()) throw new RestoreRefused(`There is no backup file at ${backup}.`);
  const verdict = verifyJournalFile(backup);
  if (!verdict.ok) throw new RestoreRefused(`The backup ${backup} does not verify, so it was not restored: ${verdict.problem}.`, verdict);
  fs.mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  try {
    const target = path.join(dataDir, JOURNAL_FILE);
    let setAside: string | null = null;
    if (fs.existsSync(target)) {
      setAside = `${target}.before-restore-${new Date().toISOString().replace(/[-:.]/g, '')}`;
      // The WAL and its index go with their database: a journal is the set, not the one file.
      for (const suffix of ['-wal', '-shm']) if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, setAside + suffix);
      fs.renameSync(target, setAside);
    }
    const partial = `${target}.restoring`;
    fs.copyFileSync(backup, partial);
    const fd = fs.openSync(partial, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, target);
    const restored = verifyJournalFile(target);
    return { verdict, setAside, restored };
  } finally {
    unlock();
  }
}
