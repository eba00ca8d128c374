import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built to static files: Electron loads them from disk, the host serves them to
// browsers. `base: './'` keeps every asset path relative so both work.
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8620', ws: true } },
  },
});
