import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web client (src/web) is built to dist/web, which the server serves statically with an SPA
 * fallback and a strict CSP (no inline scripts or styles, nothing from other origins). In
 * development `vite` serves the client and forwards /api to the server on port 8080.
 */
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Keep every asset a file: the CSP allows data: images but nothing inline beyond that.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
    },
  },
});
