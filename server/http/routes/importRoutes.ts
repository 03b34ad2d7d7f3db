import { Router, text } from 'express';
import { z } from 'zod';
import { limits } from '../../../schema/limits.ts';
import { parseOrThrow } from '../../validation.ts';
import { InvalidError, NotFoundError } from '../../errors.ts';
import { detectImport, importKinds } from '../../imports/importSources.ts';
import { importText } from '../../imports/importText.ts';
import { retireStale } from '../../imports/retireStale.ts';
import type { Precedence } from '../../reconcile/precedence.ts';
import { writeContextOf } from '../requestContext.ts';
import type { GraphStore } from '../../store/GraphStore.ts';

const listQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(50) });

const runQuerySchema = z.strictObject({
  kind: z.enum(importKinds).exclude(['estate']).optional(),
  /** The file name the body had: names the scope of file-scoped sources and appears in the run record. */
  name: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, 'a file name: letters, digits, ".", "_", "-"'),
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  account: z.string().regex(/^\d{12}$/).optional(),
  region: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
  cluster: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/).optional(),
});

const retireQuerySchema = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  olderThanDays: z.coerce.number().min(0).max(3650).optional(),
});

/**
 * Import runs under /api/v1/imports: GET lists them, newest first; POST runs one
 * from a file sent as the body (`?kind=terraform&name=prod.tfstate[&dryRun=true]`),
 * exactly as `trellis import` does, and answers with the run and its diff (or, for
 * a plan, the proposal). Estate files go to /api/v1/estate. POST /retire-stale
 * (`?dryRun=true&olderThanDays=N`) removes what no source has asserted for longer
 * than the grace period, as `trellis retire-stale` does.
 */
export function importRoutes(store: GraphStore, { precedence, staleGraceDays }: { precedence?: Precedence | undefined; staleGraceDays: number }): Router {
  const router = Router();
  router.post('/retire-stale', async (req, res) => {
    const query = parseOrThrow(retireQuerySchema, req.query, 'query');
    res.json(await retireStale(store, { graceDays: query.olderThanDays ?? staleGraceDays, dryRun: query.dryRun, actor: writeContextOf(req).actor }));
  });
  router.get('/', async (req, res) => {
    const { limit } = parseOrThrow(listQuerySchema, req.query, 'query');
    res.json({ items: await store.listImportRuns({ limit }) });
  });
  const body = text({ type: ['text/plain', 'application/yaml', 'application/x-yaml', 'text/yaml'], limit: limits.httpBodyMaxBytes });
  router.post('/', body, async (req, res) => {
    const query = parseOrThrow(runQuerySchema, req.query, 'query');
    // JSON bodies arrive parsed (express.json); the importers read text.
    const json: unknown = typeof req.body === 'string' ? undefined : req.body;
    const text = typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? null);
    const { kind } = query.kind ? { kind: query.kind } : detectImport(text, query.name, json);
    if (kind === 'estate') throw new InvalidError([{ entry: 'query', field: 'kind', message: 'estate files are imported with POST /api/v1/estate' }]);
    const { account, region, cluster } = query;
    const done = await importText(store, { text, json, file: query.name, kind, actor: writeContextOf(req).actor, dryRun: query.dryRun, precedence, source: { account, region, cluster } });
    res.json('proposal' in done ? done.proposal : 'outcome' in done ? done.outcome : done.result);
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
