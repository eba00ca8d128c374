import type { ChainVerdict } from './chain.js';

/** One online backup of the journal, as a console lists it. */
export interface BackupRecord {
  file: string;
  bytes: number;
  /** When it was finished, epoch ms. */
  at: number;
  /** The last event in the copy and its hash: what a restore's verification reaches. */
  head: { seq: number; hash: string | null };
}

export interface BackupStatus {
  folder: string;
  /** Minutes between scheduled backups; 0 = on demand only. */
  everyMin: number;
  backups: BackupRecord[];
  lastError: string | null;
}

/** A verification as the integrity panel shows it. */
export type IntegrityCheck = ChainVerdict & { at: number; ms: number };

/** The host's online backups, as the operations see them. */
export interface JournalBackupPort {
  status(): BackupStatus;
  backupNow(): Promise<BackupRecord>;
}
