import { Router } from 'express';
import { summarizeEstate } from '../../estate/summarizeEstate.ts';
import type { GraphStore } from '../../store/GraphStore.ts';

/** The estate at a glance under /api/v1/overview. */
export function overviewRoutes(store: GraphStore): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    res.json(await summarizeEstate(store));
  });
  return router;
}
