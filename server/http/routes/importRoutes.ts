import { Router } from 'express';
import { z } from 'zod';
import { parseOrThrow } from '../../validation.ts';
import { NotFoundError } from '../../errors.ts';
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

/** Proposals under /api/v1/proposals: plans read from files, never applied to the graph. */
export function proposalRoutes(store: GraphStore): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const { limit } = parseOrThrow(listQuerySchema, req.query, 'query');
    res.json({ items: await store.listProposals({ limit }) });
  });
  router.get('/:id', async (req, res) => {
    const proposal = await store.findProposal(req.params.id);
    if (!proposal) throw new NotFoundError(`unknown proposal: ${req.params.id}`, [req.params.id]);
    res.json(proposal);
  });
  return router;
}
