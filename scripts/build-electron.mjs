// Bundles Electron's main (ESM) and the sandboxed preload (CommonJS, electron-only) with esbuild.
import fs from 'node:fs';
import { build } from 'esbuild';

const external = ['electron', 'better-sqlite3', 'aedes', 'mqtt', 'ws'];
await build({
  entryPoints: ['electron/main/main.ts'],
  outfile: 'dist-electron/main.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
await build({
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist-electron/preload.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  logLevel: 'warning',
});
// The journal's writer thread is loaded by URL beside the bundle, not inlined into it.
fs.copyFileSync('adapters/sqlite-journal/journal-writer.worker.mjs', 'dist-electron/journal-writer.worker.mjs');
console.log('Built dist-electron/main.mjs, preload.cjs and journal-writer.worker.mjs');
