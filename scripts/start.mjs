// `npm start`: the Electron console where Electron exists, otherwise the same console served to a
// browser. `npm run serve` (--headless) always serves it headless.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const headless = args.includes('--headless');
const hostArgs = args.filter((a) => a !== '--headless');

const newest = (dir) => {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) t = Math.max(t, fs.statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs);
  }
  return t;
};
const stale = (out, sources) => !fs.existsSync(out) || sources.some((s) => newest(path.join(root, s)) > fs.statSync(out).mtimeMs);
const run = (what, cmd, argv) => {
  if (what) console.log(what);
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (stale(path.join(root, 'dist/renderer/index.html'), ['renderer', 'shared', 'resources']))
  run('Building the console (first run or after a change; about half a minute)…', 'npx', ['vite', 'build', '--logLevel', 'warn']);

function electronBinary() {
  if (headless) return null;
  try {
    const p = createRequire(import.meta.url)('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const electron = electronBinary();
let child;
if (electron) {
  run(null, process.execPath, ['scripts/build-electron.mjs', '--if-stale']);
  child = spawn(electron, [path.join(root, 'dist-electron/main.mjs'), ...hostArgs], { cwd: root, stdio: 'inherit' });
} else {
  if (!headless) console.log('Electron is not installed on this machine (its binary could not be downloaded), so Beacon is serving the same console to your browser instead.');
  // The host built to JavaScript (rebuilt only after a change): a restart compiles nothing. Plain
  // node runs it, so the host is this one child process and a signal (or a kill -9) reaches it.
  run(null, process.execPath, ['scripts/build-electron.mjs', '--host', '--if-stale']);
  child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/host/cli.mjs'), ...hostArgs], { cwd: root, stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
