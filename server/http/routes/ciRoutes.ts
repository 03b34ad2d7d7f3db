import { z } from 'zod';
import { ciDetailSchema, ciPageSchema, ciSearchPageSchema, historyListSchema, storedCISchema } from '../../../schema/api/catalogResponses.ts';
import { ciPatchDocument, ciReplaceDocument, documentRequestAs, ifMatchDocument } from '../../../schema/api/requestSchemas.ts';
import { configItemInputSchema } from '../../../schema/configItem.ts';
import { ciTypeSchema } from '../../../schema/ciTypes.ts';
import { limits } from '../../../schema/limits.ts';
import { searchTextProblem } from '../../../schema/text.ts';
import { parseFilterValue, searchQuerySchema } from '../../../schema/queries.ts';
import { getCI } from '../../catalog/getCI.ts';
import { getCIPage } from '../../catalog/getCIPage.ts';
import { ciPatchSchema, patchCI } from '../../catalog/patchCI.ts';
import { createCI, replaceCI } from '../../catalog/saveCI.ts';
import { withdrawCI } from '../../catalog/withdrawCI.ts';
import { InvalidError, NotFoundError } from '../../errors.ts';
import { etagOfCI } from '../../store/etags.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { parseOrThrow } from '../../validation.ts';
import { ciIdParams, etagHeaders, ifMatchHeaders, problem } from '../api/commonSchemas.ts';
import { cursorSchema, decodeCursor, encodeCursor } from '../api/cursor.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';
import { writeContextOf } from '../writeContext.ts';

const searchQuery = z.looseObject({
  q: z.string().max(200).regex(/^[^\u0000]*$/, 'contains a NUL character').superRefine((text, ctx) => {
    const problem = searchTextProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }).optional().meta({ description: 'Case-insensitive substring of the id or the name.' }),
  type: ciTypeSchema.optional(),
  stale: z.enum(['true', 'false']).optional().meta({ description: '`true`: only CIs no source asserts any more; `false`: only the others.' }),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  cursor: cursorSchema.optional(),
  offset: z.coerce.number().int().min(0).max(limits.searchCountMax).optional().meta({ description: 'Skip this many matches (for jumping to a page); prefer `cursor`.' }),
  countUpTo: z.coerce.number().int().min(1).max(limits.searchCountMax).optional().meta({ description: 'Count matches only up to this many; the page says `totalCapped` when reached.' }),
}).meta({ description: 'Further `attr.<name>=<value>` parameters match top-level attributes exactly.' });

const historyQuery = z.strictObject({
  afterSeq: z.coerce.number().int().min(0).optional().meta({ description: 'Entries after this history sequence number (the last `seq` of the previous page).' }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** The body of PUT /cis/{id}, checked in full by replaceCI. */
const replaceBody = documentRequestAs(z.looseObject({ id: z.string().optional() }), ciReplaceDocument);
documentRequestAs(ciPatchSchema, ciPatchDocument);
documentRequestAs(ifMatchHeaders, ifMatchDocument);

const searchResponse = ciSearchPageSchema.extend({ nextCursor: cursorSchema.optional() });
const etagged = { headers: etagHeaders };

/** CRUD and search of CIs under /api/v1/cis. */
export function ciRoutes(store: GraphStore): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/api/v1/cis', operationId: 'searchCIs', tag: 'CIs', permission: 'read',
      summary: 'Search CIs by text, type, staleness and attributes, one page at a time (sorted by id)',
      query: searchQuery,
      responses: { 200: { description: 'One page of matching CIs.', schema: searchResponse } },
      handler: async ({ query, rawQuery }) => {
        const offset = decodeCursor<number>('cis', query.cursor, 'number') ?? query.offset ?? 0;
        const page = await store.searchCIs(parseOrThrow(searchQuerySchema, {
          text: query.q, type: query.type, limit: query.limit, offset, countUpTo: query.countUpTo,
          stale: query.stale === undefined ? undefined : query.stale === 'true',
          attributes: attributeFilters(rawQuery),
        }, 'query'));
        const next = offset + page.items.length;
        const more = page.items.length === query.limit && (page.totalCapped || next < page.total);
        return { body: more ? { ...page, nextCursor: encodeCursor('cis', next) } : page };
      },
    }),
    defineRoute({
      method: 'post', path: '/api/v1/cis', operationId: 'createCI', tag: 'CIs', permission: 'edit',
      summary: 'Create a CI (409 if its id exists; replace one with PUT)',
      body: { schema: configItemInputSchema, formats: ['json'], description: 'The CI, flat (`{id, type, name, ...attributes}`) or with `attributes`.' },
      responses: { 201: { description: 'Created.', schema: storedCISchema, ...etagged }, 409: problem('A CI with this id exists.') },
      handler: async ({ body, identity, request }) => {
        const { ci, etag } = await createCI(store, body, writeContextOf({ identity, request }));
        return { status: 201, body: ci, headers: { etag, location: `/api/v1/cis/${encodeURIComponent(ci.id)}` } };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/v1/cis/{id}', operationId: 'getCI', tag: 'CIs', permission: 'read',
      summary: 'Read a CI, with its ETag',
      params: ciIdParams,
      responses: { 200: { description: 'The CI.', schema: storedCISchema, ...etagged }, 404: problem('No CI has this id.') },
      handler: async ({ params }) => {
        const ci = await store.findCI(params.id);
        if (!ci) throw new NotFoundError(`CI "${params.id}" does not exist`, [params.id]);
        return { body: ci, headers: { etag: etagOfCI(ci) } };
      },
    }),
    defineRoute({
      method: 'put', path: '/api/v1/cis/{id}', operationId: 'replaceCI', tag: 'CIs', permission: 'edit',
      summary: 'Create or replace a CI (If-Match required to replace)',
      description: 'A CI\'s type changes only if every relationship it keeps stays valid for the new type (409 naming them otherwise).',
      params: ciIdParams, headers: ifMatchHeaders,
      responses: {
        200: { description: 'Replaced.', schema: storedCISchema, ...etagged }, 201: { description: 'Created.', schema: storedCISchema, ...etagged },
        409: problem('The new type breaks relationships the CI keeps.'), 412: problem('The CI has changed since the If-Match version.'), 428: problem('The CI exists and the request has no If-Match.'),
      },
      body: { schema: replaceBody, formats: ['json'] },
      handler: async ({ params, headers, body, identity, request }) => {
        if (body.id !== undefined && body.id !== params.id) throw idMismatch(body.id, params.id);
        const { ci, etag, result } = await replaceCI(store, { ...body, id: params.id }, headers['if-match'], writeContextOf({ identity, request }));
        return { status: result.created ? 201 : 200, body: ci, headers: { etag } };
      },
    }),
    defineRoute({
      method: 'patch', path: '/api/v1/cis/{id}', operationId: 'patchCI', tag: 'CIs', permission: 'edit',
      summary: 'Change some fields of a CI (JSON merge patch; If-Match required)',
      params: ciIdParams, headers: ifMatchHeaders,
      body: { schema: ciPatchSchema, formats: ['json'], description: 'Sent as application/merge-patch+json or application/json.' },
      responses: {
        200: { description: 'Changed.', schema: storedCISchema, ...etagged }, 404: problem('No CI has this id.'), 409: problem('The new type breaks relationships the CI keeps.'),
        412: problem('The CI has changed since the If-Match version.'), 428: problem('The request has no If-Match.'),
      },
      handler: async ({ params, headers, body, identity, request }) => {
        const { ci, etag } = await patchCI(store, params.id, body, headers['if-match'], writeContextOf({ identity, request }));
        return { body: ci, headers: { etag } };
      },
    }),
    defineRoute({
      method: 'delete', path: '/api/v1/cis/{id}', operationId: 'withdrawCI', tag: 'CIs', permission: 'edit',
      summary: 'Withdraw a CI and its relationships (If-Match required)',
      params: ciIdParams, headers: ifMatchHeaders,
      responses: { 204: { description: 'Withdrawn.' }, 404: problem('No CI has this id.'), 412: problem('The CI has changed since the If-Match version.'), 428: problem('The request has no If-Match.') },
      handler: async ({ params, headers, identity, request }) => {
        await withdrawCI(store, params.id, headers['if-match'], writeContextOf({ identity, request }));
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/v1/cis/{id}/relationships', operationId: 'getCIWithRelationships', tag: 'CIs', permission: 'read',
      summary: 'A CI with the relationships that touch it, split by direction',
      params: ciIdParams,
      responses: { 200: { description: 'The CI and its relationships.', schema: ciDetailSchema }, 404: problem('No CI has this id.') },
      handler: async ({ params }) => ({ body: await getCI(store, params.id) }),
    }),
    defineRoute({
      method: 'get', path: '/api/v1/cis/{id}/page', operationId: 'getCIPage', tag: 'CIs', permission: 'read',
      summary: 'Everything the explorer shows on a CI\'s page: attributes with their sources, relationships, teams, contracts, history',
      params: ciIdParams,
      responses: { 200: { description: 'The CI page.', schema: ciPageSchema }, 404: problem('No CI has this id.') },
      handler: async ({ params }) => ({ body: await getCIPage(store, params.id) }),
    }),
    defineRoute({
      method: 'get', path: '/api/v1/cis/{id}/history', operationId: 'getCIHistory', tag: 'CIs', permission: 'read',
      summary: 'History of a CI and of the relationships touching it, oldest first (page with afterSeq)',
      params: ciIdParams, query: historyQuery,
      responses: { 200: { description: 'History entries.', schema: historyListSchema }, 404: problem('No CI with this id was ever written.') },
      handler: async ({ params, query }) => {
        const items = await store.listHistory({ ciId: params.id, ...query });
        // A withdrawn CI still has history; only a CI never seen is unknown.
        if (items.length === 0 && query.afterSeq === undefined && !(await store.findCI(params.id))) throw new NotFoundError(`CI "${params.id}" does not exist`, [params.id]);
        return { body: { items } };
      },
    }),
  ];
}

/** `attr.<name>=value` parameters as an attribute filter; no prototype, so `attr.__proto__` stays a key the store refuses. */
function attributeFilters(rawQuery: Record<string, string | string[]>): Record<string, string | number | boolean> | undefined {
  const attributes: Record<string, string | number | boolean> = Object.create(null);
  for (const [key, value] of Object.entries(rawQuery)) {
    if (key.startsWith('attr.') && typeof value === 'string') attributes[key.slice(5)] = parseFilterValue(value);
  }
  return Object.keys(attributes).length ? attributes : undefined;
}

function idMismatch(bodyId: string, pathId: string): InvalidError {
  return new InvalidError([{ entry: 'body', field: 'id', message: `the body's id "${bodyId}" differs from the URL's "${pathId}"` }]);
}
