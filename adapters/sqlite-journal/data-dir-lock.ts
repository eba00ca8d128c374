import fs from 'node:fs';
import path from 'node:path';
import { JournalError } from '../../shared/ports.js';

export const LOCK_FILE = 'beacon.lock';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One console per data folder: two hosts appending to one journal would interleave sequence
 * numbers and corrupt each other's history. A lock left by a crashed host (its process is gone)
 * is taken over. Returns the function that releases the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(pid) && pid > 0 && alive(pid))
        throw new JournalError(
          `Another Beacon (process ${pid}${pid === process.pid ? ', this one' : ''}) is using the data folder ${dataDir}; give this console its own --data-dir.`,
          'unavailable',
        );
      fs.rmSync(file, { force: true });
    }
  }
  throw new JournalError(`Could not lock the data folder ${dataDir}.`, 'unavailable');
}
