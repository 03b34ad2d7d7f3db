import { z } from 'zod';
import { estateExportSchema, estateImportResultSchema } from '../../../schema/api/importResponses.ts';
import { exportEstate } from '../../estate/exportEstate.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';
import { originOf } from '../writeContext.ts';
import type { ImportJobs } from './importRoutes.ts';

const exportQuery = z.strictObject({ format: z.enum(['yaml', 'json']).default('yaml').meta({ description: 'YAML (default) or JSON.' }) });

/** The estate as a whole under /api/v1/estate: GET exports it, POST imports an estate file (JSON or YAML). */
export function estateRoutes(store: GraphStore, imports: ImportJobs): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/api/v1/estate', operationId: 'exportEstate', tag: 'Estate', permission: 'read',
      summary: 'Export the whole estate as an estate file (streamed, CIs by id, relationships by key)',
      query: exportQuery,
      responses: { 200: { description: 'The estate file.', schema: estateExportSchema, contentTypes: ['application/yaml', 'application/json'] } },
      handler: async ({ query }) => ({ stream: exportEstate(store, query.format), type: query.format === 'json' ? 'application/json' : 'application/yaml' }),
    }),
    defineRoute({
      method: 'post', path: '/api/v1/estate', operationId: 'importEstate', tag: 'Estate', permission: 'import',
      longRunning: true,
      summary: 'Import an estate file, all or nothing',
      description: 'References to CIs outside the file must exist in the store; any problem rejects the whole file and names the entry and field. Importing the same file twice changes nothing.',
      body: { schema: estateExportSchema, formats: ['json', 'yaml'], description: 'An estate file (version 1), as JSON or YAML.', parsedElsewhere: true },
      responses: { 200: { description: 'What the import did.', schema: estateImportResultSchema } },
      handler: async ({ rawBody, identity, request }) => ({ body: await imports.run({ kind: 'estate', text: rawBody!.text, isJson: rawBody!.format === 'json', file: 'request body', actor: identity.actor, origin: originOf(request) }) }),
    }),
  ];
}
