import { Router } from 'express';
import type { GraphStore } from '../../store/GraphStore.ts';

/** Liveness (the process answers) and readiness (the store answers). */
export function healthRoutes(store: GraphStore): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    await store.checkReady();
    res.json({ status: 'ready', store: store.kind, ...(await store.countAll()) });
  });
  return router;
}
