// Bundles Electron's main (ESM) and the sandboxed preload (CommonJS, electron-only) with esbuild.
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
console.log('Built dist-electron/main.mjs and dist-electron/preload.cjs');
