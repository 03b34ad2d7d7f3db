import { z } from 'zod';
import { configItemInputSchema } from '../../schema/configItem.ts';
import { ciIdSchema } from '../../schema/identifiers.ts';
import { relianceRequestSchema, searchQuerySchema, subgraphRequestSchema } from '../../schema/queries.ts';
import { relationshipInputSchema, relationshipKeySchema } from '../../schema/relationships.ts';
import { parseOrThrow } from '../validation.ts';
import type { Batch, RelianceRequest, SearchQuery, SubgraphRequest } from './GraphStore.ts';

/**
 * Validation at the store's door. Callers validate earlier with better context;
 * these checks guarantee that only allowlisted CI and relationship types (which
 * become Neo4j labels and relationship types) ever reach a query.
 */
const batchSchema = z.strictObject({
  upsertCIs: z.array(configItemInputSchema).optional(),
  deleteCIs: z.array(ciIdSchema).optional(),
  upsertRelationships: z.array(relationshipInputSchema).optional(),
  deleteRelationships: z.array(relationshipKeySchema).optional(),
  assertions: z.strictObject({
    upsert: z.array(z.looseObject({ scope: z.string().min(1), kind: z.enum(['ci', 'relationship']), subject: z.string().min(1), body: z.looseObject({}) })).optional(),
    withdraw: z.array(z.strictObject({ scope: z.string().min(1), subject: z.string().min(1) })).optional(),
    reconciled: z.array(z.strictObject({ scope: z.string().min(1), digest: z.string().min(1) })).optional(),
    settings: z.string().min(1).optional(),
  }).optional(),
  importRun: z.looseObject({ id: z.string().min(1), startedAt: z.string() }).optional(),
  expectedVersion: z.number().int().nonnegative().optional(),
  rebase: z.strictObject({ readAfterSeq: z.number().int().min(-1), version: z.number().int().nonnegative(), keys: z.instanceof(Set) }).optional(),
  audit: z.looseObject({ actor: z.string().min(1), action: z.string().min(1), target: z.string(), clientAddress: z.string(), requestId: z.string() }).optional(),
  expect: z.array(z.union([
    z.strictObject({ ci: ciIdSchema, etag: z.string().min(1).max(100) }),
    z.strictObject({ ci: ciIdSchema, etag: z.null(), whenPresent: z.enum(['already_exists', 'precondition_required']) }),
    z.strictObject({ relationship: relationshipKeySchema, etag: z.string().min(1).max(100) }),
    z.strictObject({ relationship: relationshipKeySchema, etag: z.null(), whenPresent: z.enum(['already_exists', 'precondition_required']) }),
  ])).optional(),
});

/** A checked batch. */
export function validateBatch(batch: Batch): Batch {
  // Assertions and the run record come from the reconciliation engine, checked in shape only.
  const valid = parseOrThrow(batchSchema, batch, 'batch') as Batch;
  // Loose shapes pass through unchanged: keep the caller's assertions rather than hold a copy of each (an import brings 600k).
  if (valid.assertions?.upsert) valid.assertions.upsert = batch.assertions!.upsert;
  // The keys a plan read or brings: the caller's set, not a copy.
  if (valid.rebase) valid.rebase = batch.rebase;
  return valid;
}

/** A checked search query with defaults filled in. */
export function validateSearchQuery(query: SearchQuery): z.output<typeof searchQuerySchema> {
  return parseOrThrow(searchQuerySchema, query, 'search');
}

/** A checked subgraph request. */
export function validateSubgraphRequest(request: SubgraphRequest): SubgraphRequest {
  return parseOrThrow(subgraphRequestSchema, request, 'subgraph');
}

/** A checked reliance-graph request. */
export function validateRelianceRequest(request: RelianceRequest): RelianceRequest {
  return parseOrThrow(relianceRequestSchema, request, 'reliance');
}
