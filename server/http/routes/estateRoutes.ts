import { Router, text } from 'express';
import { stringify } from 'yaml';
import { limits } from '../../../schema/limits.ts';
import { exportEstate } from '../../estate/exportEstate.ts';
import { importEstate } from '../../estate/importEstate.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { writeContextOf } from '../requestContext.ts';

/**
 * The estate as a whole under /api/v1/estate: GET exports it (YAML, or JSON
 * with ?format=json), POST imports an estate file sent as JSON or YAML.
 */
export function estateRoutes(store: GraphStore): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const format = req.query.format === 'json' ? 'json' : 'yaml';
    res.type(format === 'json' ? 'application/json' : 'application/yaml');
    for await (const part of exportEstate(store, format)) res.write(part);
    res.end();
  });
  const yamlBody = text({ type: ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'], limit: limits.httpBodyMaxBytes });
  router.post('/', yamlBody, async (req, res) => {
    // A JSON body was parsed by express.json; YAML arrives as text. Both go through the estate parser.
    const body = typeof req.body === 'string' ? req.body : stringify(req.body ?? null);
    const { actor } = writeContextOf(req);
    const result = await importEstate(store, { text: body, file: 'request body', actor });
    res.json(result);
  });
  return router;
}
