import { z } from 'zod';
import { neighbourhoodSchema, serviceMapSchema } from '../../../schema/api/mapResponses.ts';
import { mapDirectionSchema, neighbourhoodRequestSchema } from '../../../schema/explorer.ts';
import { ciIdSchema } from '../../../schema/identifiers.ts';
import { limits } from '../../../schema/limits.ts';
import { getNeighbourhood } from '../../maps/getNeighbourhood.ts';
import { getServiceMap } from '../../maps/getServiceMap.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { parseOrThrow } from '../../validation.ts';
import { problem } from '../api/commonSchemas.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';

const neighbourhoodQuery = z.strictObject({
  ci: z.union([ciIdSchema, z.array(ciIdSchema).min(1).max(limits.mapRootsMax)]).meta({ description: `The CIs to start from (repeat \`ci=\` for several, up to ${limits.mapRootsMax}).` }),
  depth: z.coerce.number().int().min(0).max(limits.mapDepthMax).optional(),
  direction: mapDirectionSchema.optional(),
  maxCIs: z.coerce.number().int().min(1).max(limits.mapCIsMax).optional(),
});

/** Maps under /api/v1/maps: a neighbourhood of some CIs, and the estate's service map. */
export function mapRoutes(store: GraphStore): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/api/v1/maps/neighbourhood', operationId: 'getNeighbourhood', tag: 'Maps', permission: 'read',
      summary: 'The CIs within some hops of the given CIs, with the relationships among them and the members of the redundancy groups reached',
      query: neighbourhoodQuery,
      responses: { 200: { description: 'The neighbourhood.', schema: neighbourhoodSchema }, 404: problem('A starting CI does not exist.') },
      handler: async ({ query }) => {
        const { ci, ...rest } = query;
        return { body: await getNeighbourhood(store, parseOrThrow(neighbourhoodRequestSchema, { ...rest, roots: [ci].flat() }, 'query')) };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/v1/maps/services', operationId: 'getServiceMap', tag: 'Maps', permission: 'read',
      summary: 'Service-to-service reliance derived through the CIs in between, with one shortest chain per edge',
      responses: { 200: { description: 'The service map.', schema: serviceMapSchema } },
      handler: async () => ({ body: await getServiceMap(store) }),
    }),
  ];
}
