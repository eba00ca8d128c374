import fs from 'node:fs';
import path from 'node:path';
import type { SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';
import type { BackupRecord, BackupStatus } from '../../shared/journal/integrity.js';

/** Backups kept in the folder: older ones are removed once a new one is complete. */
const KEEP = 48;
const NAME = /^journal-\d{8}T\d{6}(\d{3})?Z\.sqlite$/;

/**
 * Online backups of the journal while the console runs: on demand and every `everyMin` minutes,
 * each a complete, consistent copy (SQLite's backup API on the writer thread) named by its time.
 */
export class JournalBackups {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<BackupRecord> | null = null;
  private lastError: string | null = null;
  private readonly records = new Map<string, BackupRecord>();

  constructor(
    private readonly journal: Pick<SqliteJournal, 'backup'>,
    readonly folder: string,
    readonly everyMin: number,
    private readonly log: (s: string) => void = () => {},
  ) {}

  start(): void {
    if (this.everyMin <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.backupNow().catch(() => {
        // Recorded in lastError and logged by backupNow.
      });
    }, this.everyMin * 60_000);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One backup at a time: a second request while one runs gets the same one. */
  backupNow(): Promise<BackupRecord> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<BackupRecord> {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
    const file = path.join(this.folder, `journal-${stamp}.sqlite`);
    try {
      const r = await this.journal.backup(file);
      const record: BackupRecord = { file: r.file, bytes: r.bytes, at: Date.now(), head: r.head };
      this.records.set(path.basename(file), record);
      this.lastError = null;
      this.prune();
      this.log(`Journal backed up to ${file} (${(r.bytes / 1e6).toFixed(1)} MB, up to event ${r.head.seq}).`);
      return record;
    } catch (err) {
      this.lastError = `The backup to ${this.folder} failed: ${(err as Error).message}`;
      this.log(this.lastError);
      throw new Error(this.lastError, { cause: err });
    }
  }

  private files(): string[] {
    try {
      return fs.readdirSync(this.folder).filter((f) => NAME.test(f)).sort();
    } catch {
      return [];
    }
  }

  private prune() {
    const files = this.files();
    for (const f of files.slice(0, Math.max(0, files.length - KEEP))) {
      fs.rmSync(path.join(this.folder, f), { force: true });
      this.records.delete(f);
    }
  }

  status(): BackupStatus {
    const backups = this.files()
      .reverse()
      .map((f) => {
        const known = this.records.get(f);
        if (known) return known;
        const st = fs.statSync(path.join(this.folder, f));
        return { file: path.join(this.folder, f), bytes: st.size, at: st.mtimeMs, head: { seq: 0, hash: null } };
      });
    return { folder: this.folder, everyMin: this.everyMin, backups, lastError: this.lastError };
  }
}
