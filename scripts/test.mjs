// `npm test`: builds the renderer the e2e tests load, then runs every test project and prints one
// closing line with the totals.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const run = (cmd, args) => {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { stdio: 'inherit', shell: false }).status ?? 1;
};
const extra = process.argv.slice(2);
if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1);

const totals = { passed: 0, failed: 0, skipped: 0 };
let status = 0;
for (const project of ['unit', 'slow']) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-test-')), 'report.json');
  const code = run('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);
  if (code !== 0) status = code;
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  } else if (code !== 0) totals.failed += 1;
  if (status !== 0) break;
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(status);
