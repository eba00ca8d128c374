import fs from 'node:fs';
import path from 'node:path';
import { debriefHtml } from '../../../adapters/report/debrief-report.js';
import type { DebriefPack } from '../../../shared/major/debrief.js';

/**
 * Writes a stood-down major incident's debrief pack (JSON and the printable HTML) into its own
 * folder beside the journal, so it survives whatever happens to the console afterwards. A failure
 * is logged, never thrown: the stand-down itself is already journaled.
 */
export function keepDebriefPack(root: string, log: (s: string) => void): (id: string, pack: DebriefPack) => void {
  return (id, pack) => {
    const dir = path.join(root, id);
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'debrief.json'), JSON.stringify(pack, null, 2));
      fs.writeFileSync(path.join(dir, 'debrief.html'), debriefHtml(pack));
    } catch (err) {
      log(`The debrief pack for ${id} could not be written to ${dir}: ${(err as Error).message}`);
    }
  };
}
