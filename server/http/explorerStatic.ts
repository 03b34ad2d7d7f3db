import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { publicRoute } from './api/publicRoute.ts';

/**
 * Serves the built explorer (dist/web): hashed assets cached for a year, and
 * index.html, never cached, for every other GET that asks for a page, so
 * client-side routes (/ci/..., /map?...) survive a reload or a shared link.
 * API and health routes are left to their own routers.
 */
export function explorerStatic(directory: string): Router {
  const router = Router();
  const index = join(directory, 'index.html');
  router.use('/assets', express.static(join(directory, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.get(/^\/(?!api(\/|$)|healthz$|readyz$).*/, publicRoute('the explorer\'s page holds no data; it reads the API, which checks the caller', (req, res, next) => {
    if (!req.accepts('html')) return next();
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The explorer is not built. Run `npm run build:web` (npm start builds it when needed); the API is under /api/v1.\n');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  }));
  return router;
}
