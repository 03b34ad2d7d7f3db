import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The explorer's build. `vite build` writes hashed assets to dist/web, which
 * `trellis serve` serves at `/`; `npm run dev` serves web/ with hot reload and
 * sends /api and /auth to a running Trellis (TRELLIS_URL, default http://127.0.0.1:8080).
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.TRELLIS_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    // The worker's bundle (cytoscape, fcose, ELK) takes most of the build; that is expected, not news.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  worker: { format: 'es' },
  server: {
    port: 5173,
    // /auth: sign-in and sign-out; with TRELLIS_PUBLIC_URL set to this dev server, the issuer's callback comes back through it too.
    proxy: { '/api': api, '/auth': api, '/healthz': api, '/readyz': api },
  },
});
