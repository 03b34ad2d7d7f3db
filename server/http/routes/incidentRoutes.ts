import { z } from 'zod';
import { changeStatsSchema, incidentListSchema, incidentRecordSchema } from '../../../schema/api/incidentResponses.ts';
import { changeIdSchema } from '../../../schema/changes.ts';
import { ciIdSchema } from '../../../schema/identifiers.ts';
import { incidentIdSchema, incidentRequestSchema, incidentResolutionSchema, incidentStates } from '../../../schema/incidents.ts';
import { limits } from '../../../schema/limits.ts';
import { measuresQuerySchema } from '../../../schema/measures.ts';
import { changeStats } from '../../changes/changeStats.ts';
import { NotFoundError } from '../../errors.ts';
import { openIncident, type IncidentSettings } from '../../incidents/openIncident.ts';
import { resolveIncident } from '../../incidents/resolveIncident.ts';
import { changeETag } from '../../store/ChangeLedger.ts';
import { incidentNumberOf, type StoredIncident } from '../../store/IncidentLedger.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { etagHeaders, problem } from '../api/commonSchemas.ts';
import { cursorSchema, decodeCursor, encodeCursor } from '../api/cursor.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';
import { recordIfMatchHeaders, recordVersionOf } from '../api/recordVersion.ts';
import { auditContextOf } from '../writeContext.ts';

const listQuery = z.strictObject({
  state: z.enum(incidentStates).optional(),
  affected: ciIdSchema.optional().meta({ description: 'Only incidents on this CI.' }),
  change: changeIdSchema.optional().meta({ description: 'Only incidents linked to this change or that suspect it.' }),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  cursor: cursorSchema.optional(),
});
const idParams = z.object({ id: incidentIdSchema });
const etagged = { headers: etagHeaders };

/**
 * Incidents under /api/v1/incidents (open, list, read, resolve) and the change
 * measures at /api/v1/changes/stats, declared before /changes/{id}, which would take "stats" for an id.
 */
export function incidentRoutes(store: GraphStore, settings: IncidentSettings): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/api/v1/changes/stats', operationId: 'changeStats', tag: 'Changes', permission: 'read',
      summary: 'Change success and failure rates, emergency share, lead time and time to restore over a period, overall or for a service or team',
      query: measuresQuerySchema,
      responses: { 200: { description: 'The measures.', schema: changeStatsSchema } },
      handler: async ({ query }) => ({ body: await changeStats(store, query) }),
    }),
    defineRoute({
      method: 'get', path: '/api/v1/incidents', operationId: 'listIncidents', tag: 'Incidents', permission: 'read',
      summary: 'Incidents, newest first, by state, affected CI and change',
      query: listQuery,
      responses: { 200: { description: 'One page of incidents.', schema: incidentListSchema } },
      handler: async ({ query }) => {
        const beforeNumber = decodeCursor<number>('incidents', query.cursor, 'number');
        const page = await store.listIncidents({ states: query.state && [query.state], affected: query.affected, change: query.change, beforeNumber, limit: query.limit });
        const items = page.map((stored) => stored.incident);
        const last = items.at(-1);
        return { body: items.length === query.limit && last ? { items, nextCursor: encodeCursor('incidents', incidentNumberOf(last.id)) } : { items } };
      },
    }),
    defineRoute({
      method: 'post', path: '/api/v1/incidents', operationId: 'openIncident', tag: 'Incidents', permission: 'change',
      summary: 'Open an incident on CIs of the graph: its services, priority and possibly causing changes are worked out',
      body: { schema: incidentRequestSchema, formats: ['json'] },
      responses: { 201: { description: 'Opened.', schema: incidentRecordSchema, ...etagged }, 404: problem('An affected CI or the linked change does not exist.') },
      handler: async (input) => answer(await openIncident(store, input.body, auditContextOf(input), settings), 201),
    }),
    defineRoute({
      method: 'get', path: '/api/v1/incidents/{id}', operationId: 'getIncident', tag: 'Incidents', permission: 'read',
      summary: 'An incident with its ETag',
      params: idParams,
      responses: { 200: { description: 'The incident.', schema: incidentRecordSchema, ...etagged }, 404: problem('No incident has this id.') },
      handler: async ({ params }) => {
        const stored = await store.findIncident(params.id);
        if (!stored) throw new NotFoundError(`no incident has the id ${params.id}`, [params.id]);
        return answer(stored);
      },
    }),
    defineRoute({
      method: 'post', path: '/api/v1/incidents/{id}/resolution', operationId: 'resolveIncident', tag: 'Incidents', permission: 'change',
      summary: 'Resolve an open incident: service restored (If-Match required)',
      params: idParams, headers: recordIfMatchHeaders,
      body: { schema: incidentResolutionSchema, formats: ['json'] },
      responses: {
        200: { description: 'Resolved.', schema: incidentRecordSchema, ...etagged }, 404: problem('No incident has this id.'), 409: problem('It is resolved already.'),
        412: problem('The incident has changed since the If-Match version.'), 428: problem('The request has no If-Match.'),
      },
      handler: async (input) => {
        const version = await recordVersionOf(input, 'incident', (id) => store.findIncident(id));
        return answer(await resolveIncident(store, input.params.id, input.body, version, auditContextOf(input)));
      },
    }),
  ];
}

function answer(stored: StoredIncident, status = 200) {
  const headers: Record<string, string> = { etag: changeETag(stored.version) };
  if (status === 201) headers.location = `/api/v1/incidents/${stored.incident.id}`;
  return { status, body: stored.incident, headers };
}
