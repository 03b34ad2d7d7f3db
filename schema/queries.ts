import { z } from 'zod';
import { ciTypeSchema } from './ciTypes.ts';
import { attributeNameSchema, ciIdSchema } from './identifiers.ts';
import { limits } from './limits.ts';
import { searchTextProblem } from './text.ts';
import { relationshipTypeSchema } from './relationships.ts';

/** A CI search as clients send it; the same limits hold for API, CLI and explorer. */
export const searchQuerySchema = z.strictObject({
  text: z.string().max(200).superRefine((text, ctx) => {
    const problem = searchTextProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: `the search text ${problem}` });
  }).optional(),
  type: ciTypeSchema.optional(),
  attributes: z.record(attributeNameSchema, z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** True: only CIs flagged stale (`trellis.staleSince` holds a time: no source asserts them any more); false: only those not flagged. */
  stale: z.boolean().optional(),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  offset: z.coerce.number().int().min(0).default(0),
  /** Count matches only up to this many (a type-ahead needs "1,000 or more", not the exact 323,000); the page is `totalCapped` when reached. */
  countUpTo: z.coerce.number().int().min(1).max(limits.searchCountMax).optional(),
});

/** Most roots one traversal starts from (a bound on what a store is sent in one query). */
export const subgraphRootsMax = 10_000;

/** A bounded traversal request (see GraphStore.extractSubgraph). */
export const subgraphRequestSchema = z.strictObject({
  roots: z.array(ciIdSchema).min(1).max(subgraphRootsMax),
  direction: z.enum(['upstream', 'downstream']),
  relationshipTypes: z.array(relationshipTypeSchema).min(1).optional(),
  maxDepth: z.number().int().min(0).max(limits.subgraphDepthMax).optional(),
  maxCIs: z.number().int().min(1).max(limits.subgraphCIsMax).optional(),
  onLimit: z.enum(['error', 'truncate']).optional(),
});

/**
 * Reads an attribute filter value written as text (query string, CLI): numbers
 * and true/false become typed, `"quoted"` forces a string, anything else is a string.
 */
export function parseFilterValue(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^".*"$/.test(text)) return text.slice(1, -1);
  return text;
}

/** A reliance-graph extraction request (the traversal behind impact and upstream analysis). */
export const relianceRequestSchema = subgraphRequestSchema.omit({ relationshipTypes: true });

/** One page of results and the total number of matches. */
export interface Page<T> {
  items: T[];
  total: number;
  /** Present (true) when counting stopped at the query's countUpTo: there are at least `total` matches. */
  totalCapped?: true;
}
