import { estateOverviewSchema } from '../../../schema/api/overviewResponses.ts';
import { summarizeEstate } from '../../estate/summarizeEstate.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';

/** The estate at a glance under /api/v1/overview. */
export function overviewRoutes(store: GraphStore): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/api/v1/overview', operationId: 'getOverview', tag: 'Estate', permission: 'read',
      summary: 'The estate at a glance: counts by type, tier-1 services, stale CIs, recent import runs',
      responses: { 200: { description: 'The overview.', schema: estateOverviewSchema } },
      handler: async () => ({ body: await summarizeEstate(store) }),
    }),
  ];
}
