import fs from 'node:fs';
import path from 'node:path';
import { JournalError } from '../../shared/ports.js';

const LOCK_FILE = 'beacon.lock';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * When the process started, in clock ticks since boot (field 22 of /proc/PID/stat), or null where
 * the system does not say (not Linux, or the process is gone). With the pid it names one process:
 * a pid alone can be handed to another process once its owner is gone.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[22 - 3];
    return start && /^\d+$/.test(start) ? start : null;
  } catch {
    return null;
  }
}

/** The lock's content: `PID START` (START absent where the system cannot say). */
const lockLine = (pid: number) => {
  const start = processStartTime(pid);
  return start ? `${pid} ${start}\n` : `${pid}\n`;
};

/**
 * Whether the process named in a lock still holds it. A pid that is alive but started at another
 * time than the lock says belongs to another process: the pid was reused after the holder died.
 */
function holder(content: string): { pid: number } | null {
  const [pidText, start] = content.trim().split(/\s+/);
  const pid = Number.parseInt(pidText ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  if (start) {
    const now = processStartTime(pid);
    if (now !== null && now !== start) return null;
  }
  return { pid };
}

/**
 * One console per data folder: two hosts appending to one journal would interleave sequence
 * numbers and corrupt each other's history. A lock left by a crashed host (its process is gone, or
 * its pid now belongs to another process) is taken over. Returns the function that releases the lock.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const mine = lockLine(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, mine, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === mine) fs.unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = holder(fs.readFileSync(file, 'utf8'));
      if (held)
        // Never advise another folder: a new folder opens an empty console, without this one's history.
        throw new JournalError(
          held.pid === process.pid
            ? `This console already has the data folder ${dataDir} open.`
            : `The data folder ${dataDir} is in use by another Beacon (process ${held.pid}). Stop that process, or wait for it to exit, then start this console again.`,
          'unavailable',
        );
      fs.rmSync(file, { force: true });
    }
  }
  throw new JournalError(`Could not lock the data folder ${dataDir}.`, 'unavailable');
}
