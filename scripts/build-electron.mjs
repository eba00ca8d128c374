// Bundles the host once with esbuild, so no TypeScript is compiled when Beacon starts:
//   dist/host/cli.mjs         the headless console host (`npm run serve`, and `npm start` without Electron)
//   dist-electron/main.mjs    Electron's main process (the same host inside), ESM
//   dist-electron/preload.cjs the sandboxed preload (CommonJS, electron only)
// `--host` builds only the headless host; `--if-stale` builds only when a source is newer than
// the output (`npm start`, and tests that spawn the host, use both).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const hostOnly = args.includes('--host');
const ifStale = args.includes('--if-stale');

// Only the native modules (and Electron itself) stays in node_modules. MQTT.js, aedes and ws are
// bundled: loaded as packages they cost about 100 ms of every restart in module resolution.
const external = ['electron', 'better-sqlite3', 'node-datachannel'];
// The journal's writer thread is loaded by URL beside the module that starts it; each bundle
// inlines that module, so the worker script is copied beside each bundle.
const WORKER = 'adapters/sqlite-journal/journal-writer.worker.mjs';
const SOURCES = ['electron', 'shared', 'adapters', 'scripts/build-electron.mjs'];
// Two folders below the root, as electron/host/ is: the host finds resources/ and dist/renderer/
// relative to its own module, so it finds them the same way built or not.
const HOST = 'dist/host/cli.mjs';

const newest = (p) => {
  const abs = path.join(root, p);
  if (!fs.statSync(abs).isDirectory()) return fs.statSync(abs).mtimeMs;
  let t = 0;
  for (const e of fs.readdirSync(abs, { withFileTypes: true, recursive: true }))
    if (e.isFile()) t = Math.max(t, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs);
  return t;
};
const stale = (out) => !fs.existsSync(path.join(root, out)) || SOURCES.some((s) => newest(s) > fs.statSync(path.join(root, out)).mtimeMs);

const esm = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  sourcemap: true,
  // Bundled CommonJS code (a dependency's require of a Node built-in) needs a require in ESM.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
  absWorkingDir: root,
};

/** Builds in a folder beside and renames into place, so a starting host never reads a half-written bundle. */
async function bundle(entry, outfile, options) {
  const dir = path.dirname(path.join(root, outfile));
  const tmp = path.join(dir, `.build-${process.pid}`);
  const name = path.basename(outfile);
  await build({ ...options, entryPoints: [entry], outfile: path.join(tmp, name) });
  fs.copyFileSync(path.join(root, WORKER), path.join(tmp, path.basename(WORKER)));
  for (const f of [path.basename(WORKER), `${name}.map`, name]) if (fs.existsSync(path.join(tmp, f))) fs.renameSync(path.join(tmp, f), path.join(dir, f));
  fs.rmSync(tmp, { recursive: true, force: true });
}

const built = [];
if (!ifStale || stale(HOST)) {
  await bundle('electron/host/cli.ts', HOST, esm);
  built.push(HOST);
}
if (!hostOnly && (!ifStale || stale('dist-electron/main.mjs'))) {
  await bundle('electron/main/main.ts', 'dist-electron/main.mjs', esm);
  await build({
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist-electron/preload.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    logLevel: 'warning',
    absWorkingDir: root,
  });
  built.push('dist-electron/main.mjs', 'dist-electron/preload.cjs');
}
if (built.length) console.log(`Built ${built.join(', ')} (each with the journal's writer thread beside it).`);
