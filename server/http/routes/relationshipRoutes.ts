import { z } from 'zod';
import { relationshipListSchema, relationshipSchema } from '../../../schema/api/catalogResponses.ts';
import { documentRequestAs, ifMatchDocument, relationshipReplaceDocument } from '../../../schema/api/requestSchemas.ts';
import { ciIdSchema } from '../../../schema/identifiers.ts';
import { limits } from '../../../schema/limits.ts';
import { relationshipInputSchema, relationshipTypeSchema } from '../../../schema/relationships.ts';
import { createRelationship, getRelationship, replaceRelationship, withdrawRelationship } from '../../catalog/saveRelationship.ts';
import { InvalidError, NotFoundError } from '../../errors.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { etagHeaders, ifMatchHeaders, problem } from '../api/commonSchemas.ts';
import { cursorSchema, offsetPage } from '../api/cursor.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';
import { writeContextOf } from '../writeContext.ts';

const listQuery = z.strictObject({
  ci: ciIdSchema.meta({ description: 'The CI whose relationships (either end) to list.' }),
  type: relationshipTypeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeMax),
  cursor: cursorSchema.optional(),
});

const keyParams = z.object({
  from: ciIdSchema.meta({ description: 'The CI the relationship starts at (URL-encoded).' }),
  type: relationshipTypeSchema,
  to: ciIdSchema.meta({ description: 'The CI the relationship points at (URL-encoded).' }),
});

/** The body of PUT /relationships/{from}/{type}/{to}, checked in full by replaceRelationship. */
const replaceBody = documentRequestAs(z.looseObject({}), relationshipReplaceDocument);
documentRequestAs(ifMatchHeaders, ifMatchDocument);

const listResponse = relationshipListSchema.extend({ nextCursor: cursorSchema.optional() });
const etagged = { headers: etagHeaders };
const stale = { 412: problem('The relationship has changed since the If-Match version.'), 428: problem('The relationship exists and the request has no If-Match.') };

/** Relationships under /api/v1/relationships, each a resource at /relationships/{from}/{type}/{to}. */
export function relationshipRoutes(store: GraphStore): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/api/v1/relationships', operationId: 'listRelationships', tag: 'Relationships', permission: 'read',
      summary: 'The relationships touching a CI (either end), sorted by from, type, to',
      query: listQuery,
      responses: { 200: { description: 'One page of relationships.', schema: listResponse }, 404: problem('No CI has this id.') },
      handler: async ({ query }) => {
        if (!(await store.findCI(query.ci))) throw new NotFoundError(`CI "${query.ci}" does not exist`, [query.ci]);
        const all = await store.listRelationshipsOf(query.ci, query.type && [query.type]);
        return { body: offsetPage(`relationships:${query.ci}`, all, query) };
      },
    }),
    defineRoute({
      method: 'post', path: '/api/v1/relationships', operationId: 'createRelationship', tag: 'Relationships', permission: 'edit',
      summary: 'Create a relationship (409 if it exists; replace one with PUT)',
      body: { schema: relationshipInputSchema, formats: ['json'], description: 'The relationship, flat (`{from, type, to, strength?, ...attributes}`) or with `attributes`.' },
      responses: { 201: { description: 'Created.', schema: relationshipSchema, ...etagged }, 409: problem('This relationship exists.') },
      handler: async ({ body, identity, request }) => {
        const { relationship, etag } = await createRelationship(store, body, writeContextOf({ identity, request }));
        return { status: 201, body: relationship, headers: { etag, location: locationOf(relationship) } };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/v1/relationships/{from}/{type}/{to}', operationId: 'getRelationship', tag: 'Relationships', permission: 'read',
      summary: 'Read one relationship, with its ETag',
      params: keyParams,
      responses: { 200: { description: 'The relationship.', schema: relationshipSchema, ...etagged }, 404: problem('No such relationship.') },
      handler: async ({ params }) => {
        const { relationship, etag } = await getRelationship(store, params);
        return { body: relationship, headers: { etag } };
      },
    }),
    defineRoute({
      method: 'put', path: '/api/v1/relationships/{from}/{type}/{to}', operationId: 'replaceRelationship', tag: 'Relationships', permission: 'edit',
      summary: 'Create or replace a relationship\'s strength and attributes (If-Match required to replace)',
      params: keyParams, headers: ifMatchHeaders,
      body: { schema: replaceBody, formats: ['json'], description: 'Its strength and attributes, flat or under `attributes`; from, type and to come from the path.' },
      responses: { 200: { description: 'Replaced.', schema: relationshipSchema, ...etagged }, 201: { description: 'Created.', schema: relationshipSchema, ...etagged }, ...stale },
      handler: async ({ params, headers, body, identity, request }) => {
        for (const end of ['from', 'type', 'to'] as const) {
          if (body[end] !== undefined && body[end] !== params[end]) {
            throw new InvalidError([{ entry: 'body', field: end, message: `the body's ${end} "${String(body[end])}" differs from the URL's "${params[end]}"` }]);
          }
        }
        const { relationship, etag, result } = await replaceRelationship(store, { ...body, ...params }, headers['if-match'], writeContextOf({ identity, request }));
        return { status: result.created ? 201 : 200, body: relationship, headers: { etag } };
      },
    }),
    defineRoute({
      method: 'delete', path: '/api/v1/relationships/{from}/{type}/{to}', operationId: 'withdrawRelationship', tag: 'Relationships', permission: 'edit',
      summary: 'Withdraw one relationship (If-Match required)',
      params: keyParams, headers: ifMatchHeaders,
      responses: { 204: { description: 'Withdrawn.' }, 404: problem('No such relationship.'), ...stale },
      handler: async ({ params, headers, identity, request }) => {
        await withdrawRelationship(store, params, headers['if-match'], writeContextOf({ identity, request }));
        return { status: 204 };
      },
    }),
  ];
}

function locationOf(key: { from: string; type: string; to: string }): string {
  return `/api/v1/relationships/${encodeURIComponent(key.from)}/${key.type}/${encodeURIComponent(key.to)}`;
}
