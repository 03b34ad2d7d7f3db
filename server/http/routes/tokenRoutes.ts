import { z } from 'zod';
import { tokenRequestSchema } from '../../../schema/access.ts';
import { limits } from '../../../schema/limits.ts';
import { apiTokenSchema, createdTokenSchema } from '../../../schema/api/accessResponses.ts';
import { createApiToken, revokeApiToken } from '../../auth/apiTokens.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { problem } from '../api/commonSchemas.ts';
import { cursorSchema, offsetPage } from '../api/cursor.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';
import { auditContextOf } from '../writeContext.ts';

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeMax),
  cursor: cursorSchema.optional(),
});

/** API tokens under /api/v1/tokens, for admins (the CLI's `trellis token` does the same). */
export function tokenRoutes(store: GraphStore): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/api/v1/tokens', operationId: 'listTokens', tag: 'Access', permission: 'admin',
      summary: 'API tokens, newest first (never their secrets)',
      query: listQuery,
      responses: { 200: { description: 'One page of tokens.', schema: z.object({ items: z.array(apiTokenSchema), nextCursor: cursorSchema.optional() }) } },
      handler: async ({ query }) => ({ body: offsetPage('tokens', await store.listTokens(), query) }),
    }),
    defineRoute({
      method: 'post', path: '/api/v1/tokens', operationId: 'createToken', tag: 'Access', permission: 'admin',
      summary: 'Create an API token; its secret is in this answer only',
      body: { schema: tokenRequestSchema, formats: ['json'] },
      responses: { 201: { description: 'Created.', schema: createdTokenSchema }, 409: problem('An active token has this name.') },
      handler: async (input) => ({ status: 201, body: await createApiToken(store, input.body, auditContextOf(input)) }),
    }),
    defineRoute({
      method: 'delete', path: '/api/v1/tokens/{id}', operationId: 'revokeToken', tag: 'Access', permission: 'admin',
      summary: 'Revoke an API token: it stops working at once',
      params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'a token id (16 hex digits)') }),
      responses: { 200: { description: 'Revoked (or already revoked).', schema: apiTokenSchema }, 404: problem('No token has this id.') },
      handler: async (input) => ({ body: await revokeApiToken(store, input.params.id, auditContextOf(input)) }),
    }),
  ];
}
