// `npm test`: builds the renderer and the host the integration and e2e tests load, type-checks every part, lints, fails on
// unused exports, then runs every test project and prints one closing line with the totals
// (a failed type check or lint counts as a failure there).
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
// The host as users run it, built to JavaScript once; the tests that spawn it use this build.
if (run(process.execPath, ['scripts/build-electron.mjs', '--host']) !== 0) process.exit(1);

const totals = { passed: 0, failed: 0, skipped: 0 };
const broken = [];
let status = 0;

const checks = [
  { what: 'Type check (tsc --noEmit, every part including the Electron shell)', cmd: ['tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { what: 'Lint (ESLint, including the layering rule)', cmd: ['eslint', '--config', 'test/lint/eslint.config.js', '.'] },
];
for (const c of checks) {
  if (run('npx', c.cmd) === 0) {
    totals.passed += 1;
    console.log(`${c.what}: passed.`);
  } else {
    totals.failed += 1;
    status = 1;
    broken.push(c.what);
    console.log(`${c.what}: FAILED (errors above).`);
  }
}

// Unused exports fail the run: an export nothing imports (tests included) is dead code or a
// module boundary drawn in the wrong place. The count line says how many.
const knip = spawnSync('npx', ['knip', '--include', 'exports,nsExports,types,nsTypes', '--no-exit-code', '--reporter', 'json'], { encoding: 'utf8' });
const unusedCheck = 'Unused exports (knip)';
try {
  const { issues } = JSON.parse(knip.stdout);
  const count = (kind) => issues.reduce((n, f) => n + (f[kind]?.length ?? 0), 0);
  for (const f of issues)
    for (const kind of ['exports', 'types', 'nsExports', 'nsTypes'])
      for (const e of f[kind] ?? []) console.log(`  unused ${kind === 'types' || kind === 'nsTypes' ? 'type' : 'export'} ${e.name}  ${f.file}:${e.line}`);
  const exports = count('exports') + count('nsExports');
  const types = count('types') + count('nsTypes');
  console.log(`${unusedCheck}: ${exports} exports and ${types} types have no importer.`);
  if (exports + types === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    status = 1;
    broken.push(`${unusedCheck}: remove them, or stop exporting what only its own module uses`);
  }
} catch {
  console.log(`${unusedCheck}: no report (${(knip.stderr || knip.stdout || '').trim().split('\n')[0]}).`);
  totals.failed += 1;
  status = 1;
  broken.push(`${unusedCheck}: knip gave no report`);
}

for (const project of ['unit', 'slow']) {
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-test-')), 'report.json');
  const code = run('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  } else if (code !== 0) totals.failed += 1;
  if (code !== 0) {
    status = code;
    break;
  }
}
for (const b of broken) console.log(`\nFAILED: ${b}.`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(status);
