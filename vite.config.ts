import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Resource folders the console loads at run time (basemap style + GeoJSON, sectors, PSPO zones).
// They are copied beside index.html so the host serves them and Electron reads them from disk;
// the style refers to them relatively, so both layouts work.
const RUNTIME_RESOURCES = ['basemap', 'geo'];
const resourcesDir = path.resolve(import.meta.dirname, 'resources');

function runtimeResources(): Plugin {
  let outDir = '';
  return {
    name: 'beacon-runtime-resources',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      for (const dir of RUNTIME_RESOURCES) fs.cpSync(path.join(resourcesDir, dir), path.join(outDir, dir), { recursive: true });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const [, top] = url.pathname.split('/');
        if (!top || !RUNTIME_RESOURCES.includes(top)) return next();
        const file = path.resolve(resourcesDir, '.' + decodeURIComponent(url.pathname));
        if (!file.startsWith(resourcesDir + path.sep) || !fs.existsSync(file)) return next();
        res.setHeader('content-type', file.endsWith('.json') || file.endsWith('.geojson') ? 'application/json' : 'application/octet-stream');
        fs.createReadStream(file).pipe(res);
      });
    },
  };
}

// The renderer is built to static files: Electron loads them from disk, the host serves them to
// browsers. `base: './'` keeps every asset path relative so both work.
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: false,
  plugins: [react(), runtimeResources()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // The host answers only to its own names and its own pages: the dev server speaks for the page
    // it served (same origin to the browser), so it names the host and drops the Origin it would refuse.
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:8620',
        ws: true,
        changeOrigin: true,
        configure: (proxy) => {
          proxy.on('proxyReq', (req) => req.removeHeader('origin'));
          proxy.on('proxyReqWs', (req) => req.removeHeader('origin'));
        },
      },
    },
  },
});
