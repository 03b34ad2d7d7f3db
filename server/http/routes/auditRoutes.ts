import { z } from 'zod';
import { auditEntrySchema } from '../../../schema/api/accessResponses.ts';
import { ciIdSchema } from '../../../schema/identifiers.ts';
import { limits } from '../../../schema/limits.ts';
import { listAudit } from '../../audit/listAudit.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { cursorSchema, decodeCursor, encodeCursor } from '../api/cursor.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';

const auditQuery = z.strictObject({
  actor: z.string().max(300).optional().meta({ description: 'Only entries of this actor.' }),
  ci: ciIdSchema.optional().meta({ description: 'Only writes that changed this CI or a relationship touching it.' }),
  target: z.string().max(700).optional().meta({ description: 'Only entries with this target (a CI id, a relationship key, a file, a token id).' }),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  cursor: cursorSchema.optional(),
});

/** The audit trail under /api/v1/audit: read-only, newest first. */
export function auditRoutes(store: GraphStore): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/api/v1/audit', operationId: 'listAudit', tag: 'Access', permission: 'admin',
      summary: 'The audit trail, newest first: who did what, when, from where, in which request',
      query: auditQuery,
      responses: { 200: { description: 'One page of entries.', schema: z.object({ items: z.array(auditEntrySchema), nextCursor: cursorSchema.optional() }) } },
      handler: async ({ query }) => {
        const beforeSeq = decodeCursor<number>('audit', query.cursor, 'number');
        const items = await listAudit(store, { ...query, beforeSeq });
        const last = items.at(-1);
        return { body: items.length === query.limit && last ? { items, nextCursor: encodeCursor('audit', last.seq) } : { items } };
      },
    }),
  ];
}
