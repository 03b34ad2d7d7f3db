import { Router } from 'express';
import { neighbourhoodRequestSchema } from '../../../schema/explorer.ts';
import { InvalidError } from '../../errors.ts';
import { getNeighbourhood, type NeighbourhoodQuery } from '../../maps/getNeighbourhood.ts';
import { getServiceMap } from '../../maps/getServiceMap.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { parseOrThrow } from '../../validation.ts';

/** Maps under /api/v1/maps: a neighbourhood of some CIs, and the estate's service map. */
export function mapRoutes(store: GraphStore): Router {
  const router = Router();
  router.get('/neighbourhood', async (req, res) => {
    res.json(await getNeighbourhood(store, parseNeighbourhoodQuery(req.query)));
  });
  router.get('/services', async (_req, res) => {
    res.json(await getServiceMap(store));
  });
  return router;
}

/**
 * `?ci=a&ci=b&depth=&direction=&maxCIs=` to a neighbourhood request. The simple
 * query parser gives one `ci` as a string and several as an array; problems name
 * the parameter the caller sent (`ci`, not the request's `roots`).
 */
function parseNeighbourhoodQuery(query: Record<string, unknown>): NeighbourhoodQuery {
  const { ci, ...rest } = query;
  try {
    return parseOrThrow(neighbourhoodRequestSchema, { ...rest, roots: ci === undefined ? undefined : [ci].flat() }, 'query');
  } catch (error) {
    if (!(error instanceof InvalidError)) throw error;
    throw new InvalidError(error.problems.map((p) => (p.field?.startsWith('roots') ? { ...p, field: p.field.replace('roots', 'ci') } : p)));
  }
}
