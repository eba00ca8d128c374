// `npm run verify -- --data-dir DIR` (or `--file JOURNAL`): walks the journal's hash chain and
// names the first event that does not match. Exit status: 0 the chain holds, 1 it is broken,
// 2 the journal could not be read or the options are wrong.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { verifyJournalFile } from '../../adapters/sqlite-journal/verify-journal.js';
import { describeVerdict } from '../../shared/journal/chain.js';
import { defaultDataDir } from './config.js';

export const VERIFY_USAGE = `Usage: npm run verify -- [--data-dir DIR | --file JOURNAL] [--json]
  --data-dir DIR   the console's data folder (default ~/.beacon); a running console may keep writing
  --file JOURNAL   a journal file itself (a backup, say)
  --json           print the verdict as JSON`;

/** Runs the check; returns the exit status and what to print. */
export function runVerify(argv: string[]): { status: 0 | 1 | 2; out: string } {
  let target = defaultDataDir();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.includes('=') ? argv[i]!.split(/=(.*)/s) : [argv[i]!, undefined];
    if (flag === '--help' || flag === '-h') return { status: 0, out: VERIFY_USAGE };
    if (flag === '--json') {
      json = true;
      continue;
    }
    if (flag !== '--data-dir' && flag !== '--file') return { status: 2, out: `Unknown option ${flag}.\n${VERIFY_USAGE}` };
    const v = inline ?? argv[++i];
    if (v === undefined || v.startsWith('--')) return { status: 2, out: `${flag} needs a value.` };
    target = path.resolve(v);
  }
  try {
    const t0 = performance.now();
    const v = verifyJournalFile(target);
    const ms = performance.now() - t0;
    return { status: v.ok ? 0 : 1, out: json ? JSON.stringify(v) : `${describeVerdict(v)} (${(ms / 1000).toFixed(1)} s)` };
  } catch (err) {
    return { status: 2, out: `The journal could not be verified: ${(err as Error).message}` };
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = runVerify(process.argv.slice(2));
  (r.status === 0 ? console.log : console.error)(r.out);
  process.exit(r.status);
}
