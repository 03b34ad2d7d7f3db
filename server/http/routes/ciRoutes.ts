import { Router } from 'express';
import { z } from 'zod';
import { ciIdSchema } from '../../../schema/identifiers.ts';
import { parseFilterValue, searchQuerySchema } from '../../../schema/queries.ts';
import { getCI } from '../../catalog/getCI.ts';
import { getCIPage } from '../../catalog/getCIPage.ts';
import { saveCI } from '../../catalog/saveCI.ts';
import { withdrawCI } from '../../catalog/withdrawCI.ts';
import { InvalidError } from '../../errors.ts';
import { parseOrThrow } from '../../validation.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { writeContextOf } from '../requestContext.ts';

const historyQuerySchema = z.object({
  afterSeq: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** CRUD and search of CIs under /api/v1/cis. */
export function ciRoutes(store: GraphStore): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await store.searchCIs(parseSearch(req.query)));
  });
  router.post('/', async (req, res) => {
    const { ci, result } = await saveCI(store, req.body, writeContextOf(req));
    res.status(result.created ? 201 : 200).json(ci);
  });
  router.get('/:id', async (req, res) => {
    res.json(await getCI(store, req.params.id));
  });
  router.put('/:id', async (req, res) => {
    if (req.body?.id !== undefined && req.body.id !== req.params.id) {
      throw new InvalidError([{ entry: 'CI', field: 'id', message: `the body's id "${req.body.id}" differs from the URL's "${req.params.id}"` }]);
    }
    const { ci, result } = await saveCI(store, { ...req.body, id: req.params.id }, writeContextOf(req));
    res.status(result.created ? 201 : 200).json(ci);
  });
  router.delete('/:id', async (req, res) => {
    await withdrawCI(store, req.params.id, writeContextOf(req));
    res.status(204).end();
  });
  router.get('/:id/page', async (req, res) => {
    res.json(await getCIPage(store, req.params.id));
  });
  router.get('/:id/history', async (req, res) => {
    const query = parseOrThrow(historyQuerySchema, req.query, 'query');
    // Checked: history finds a CI's relationships by the text their keys begin with.
    const id = parseOrThrow(ciIdSchema, req.params.id, 'CI id');
    await getCI(store, id).catch(async (error) => {
      // A withdrawn CI still has history; only a CI never seen is unknown.
      if ((await store.listHistory({ ciId: id, limit: 1 })).length === 0) throw error;
    });
    res.json({ items: await store.listHistory({ ciId: id, ...query }) });
  });
  return router;
}

/** `?q=&type=&stale=&limit=&offset=&attr.name=value` to a search query. */
function parseSearch(query: Record<string, unknown>) {
  // No prototype: an `attr.__proto__` filter stays a key the store's check refuses.
  const attributes: Record<string, string | number | boolean> = Object.create(null);
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith('attr.') && typeof value === 'string') attributes[key.slice(5)] = parseFilterValue(value);
  }
  return parseOrThrow(searchQuerySchema, {
    text: query.q,
    type: query.type,
    limit: query.limit,
    offset: query.offset,
    countUpTo: query.countUpTo,
    // `true`/`false` as booleans; any other text is left for the schema to refuse.
    stale: query.stale === 'true' ? true : query.stale === 'false' ? false : query.stale,
    attributes: Object.keys(attributes).length ? attributes : undefined,
  }, 'query');
}
