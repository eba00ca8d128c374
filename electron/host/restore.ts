// `npm run restore -- --from BACKUP --data-dir DIR`: verifies the backup's hash chain and, only if
// it holds, puts it in place as DIR's journal (the journal there is set aside, never deleted).
// Exit status: 0 restored, 1 refused (the backup does not verify), 2 anything else.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RestoreRefused, restoreJournal } from '../../adapters/sqlite-journal/restore-journal.js';
import { describeVerdict } from '../../shared/journal/chain.js';
import { defaultDataDir } from './config.js';

export const RESTORE_USAGE = `Usage: npm run restore -- --from BACKUP [--data-dir DIR]
  --from BACKUP    a journal backup (e.g. DATA_DIR/backups/journal-20261130T091500000Z.sqlite)
  --data-dir DIR   the console's data folder to restore into (default ~/.beacon); the console must be stopped`;

export function runRestore(argv: string[]): { status: 0 | 1 | 2; out: string } {
  let from: string | null = null;
  let dataDir = defaultDataDir();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.includes('=') ? argv[i]!.split(/=(.*)/s) : [argv[i]!, undefined];
    if (flag === '--help' || flag === '-h') return { status: 0, out: RESTORE_USAGE };
    if (flag !== '--from' && flag !== '--data-dir') return { status: 2, out: `Unknown option ${flag}.\n${RESTORE_USAGE}` };
    const v = inline ?? argv[++i];
    if (v === undefined || v.startsWith('--')) return { status: 2, out: `${flag} needs a value.` };
    if (flag === '--from') from = path.resolve(v);
    else dataDir = path.resolve(v);
  }
  if (!from) return { status: 2, out: `--from BACKUP is required.\n${RESTORE_USAGE}` };
  try {
    const r = restoreJournal(from, dataDir);
    return {
      status: 0,
      out: [
        `Restored ${from} into ${dataDir}.`,
        `Before: ${describeVerdict(r.verdict)}`,
        `In place: ${describeVerdict(r.restored)}`,
        r.setAside ? `The journal that was there is kept as ${r.setAside}.` : 'There was no journal there before.',
      ].join('\n'),
    };
  } catch (err) {
    if (err instanceof RestoreRefused) return { status: 1, out: err.message };
    return { status: 2, out: `The backup could not be restored: ${(err as Error).message}` };
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = runRestore(process.argv.slice(2));
  (r.status === 0 ? console.log : console.error)(r.out);
  process.exit(r.status);
}
