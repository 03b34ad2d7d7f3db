import { Router } from 'express';
import { z } from 'zod';
import { parseOrThrow } from '../../validation.ts';
import type { GraphStore } from '../../store/GraphStore.ts';

const listQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(50) });

/** Import runs under /api/v1/imports: who imported what, when, with which outcome, newest first. */
export function importRoutes(store: GraphStore): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { limit } = parseOrThrow(listQuerySchema, req.query, 'query');
    res.json({ items: await store.listImportRuns({ limit }) });
  });
  return router;
}
