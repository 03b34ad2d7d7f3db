import { z } from 'zod';
import { problemDocumentSchema } from '../../../schema/api/problemResponse.ts';
import { ciIdSchema } from '../../../schema/identifiers.ts';
import type { ResponseSpec } from './defineRoute.ts';

/** The If-Match request header of writes to an existing resource. */
export const ifMatchHeaders = z.object({
  'if-match': z.string().max(300).optional().meta({
    description: 'The ETag of the version this write is based on (412 if it has changed since), or `*` to overwrite any version (for scripts that accept that risk). Required to replace or delete an existing resource (428 without).',
  }),
});

/** The ETag response header of a CI or relationship. */
export const etagHeaders = z.object({
  etag: z.string().meta({ description: 'Strong entity tag of the resource\'s content; send it back as If-Match to write on this version.' }),
});

/** The `{id}` of a CI path. */
export const ciIdParams = z.object({ id: ciIdSchema.meta({ description: 'The CI id (URL-encoded: ids may hold `/` and `:`).' }) });

/** The `limit` and `cursor` of a list. */
export function pageQuery(defaultLimit: number, maxLimit: number) {
  return {
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit).meta({ description: `Most items in one page (1-${maxLimit}).` }),
  };
}

/** A problem response a route declares besides the common ones. */
export function problem(description: string): ResponseSpec {
  return { description, schema: problemDocumentSchema, contentTypes: ['application/problem+json'] };
}
