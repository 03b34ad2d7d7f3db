import { relationshipInputSchema, relationshipKeySchema, relationshipKeyText, type Relationship, type RelationshipKey } from '../../schema/relationships.ts';
import { auditDraft } from '../audit/auditDraft.ts';
import { NotFoundError } from '../errors.ts';
import { parseOrThrow } from '../validation.ts';
import { etagOfRelationship } from '../store/etags.ts';
import type { BatchResult, GraphStore, WriteContext } from '../store/GraphStore.ts';
import { expectationFor, mustBeNew } from './preconditions.ts';

/** A relationship as written, its entity tag, and what the write changed. */
export interface SavedRelationship {
  relationship: Relationship;
  etag: string;
  result: BatchResult;
}

/** Creates one relationship from client input; AlreadyExistsError when (from, type, to) exists. */
export async function createRelationship(store: GraphStore, input: unknown, context: WriteContext): Promise<SavedRelationship> {
  const data = parseOrThrow(relationshipInputSchema, input, 'relationship');
  const result = await store.applyBatch({ upsertRelationships: [data], expect: [mustBeNew({ relationship: data })], audit: auditDraft(context.actor, context.origin, 'relationship.create', relationshipKeyText(data)) }, context);
  return { relationship: data, etag: etagOfRelationship(data), result };
}

/** Creates or replaces one relationship; replacing needs `ifMatch` (see replaceCI). */
export async function replaceRelationship(store: GraphStore, input: unknown, ifMatch: string | undefined, context: WriteContext): Promise<SavedRelationship> {
  const data = parseOrThrow(relationshipInputSchema, input, 'relationship');
  const result = await store.applyBatch({ upsertRelationships: [data], expect: expectationFor({ relationship: data }, ifMatch), audit: auditDraft(context.actor, context.origin, 'relationship.replace', relationshipKeyText(data)) }, context);
  return { relationship: data, etag: etagOfRelationship(data), result };
}

/** One relationship and its entity tag; NotFoundError when it does not exist. */
export async function getRelationship(store: GraphStore, input: unknown): Promise<{ relationship: Relationship; etag: string }> {
  const key = parseOrThrow(relationshipKeySchema, input, 'relationship');
  const relationship = await store.findRelationship(key);
  if (!relationship) throw new NotFoundError(`relationship "${relationshipKeyText(key)}" does not exist`);
  return { relationship, etag: etagOfRelationship(relationship) };
}

/** Withdraws one relationship, on the version `ifMatch` names (required when it exists). */
export async function withdrawRelationship(store: GraphStore, key: RelationshipKey, ifMatch: string | undefined, context: WriteContext): Promise<BatchResult> {
  await getRelationship(store, key);
  const result = await store.applyBatch({ deleteRelationships: [key], expect: expectationFor({ relationship: key }, ifMatch), audit: auditDraft(context.actor, context.origin, 'relationship.withdraw', relationshipKeyText(key)) }, context);
  if (result.withdrawn === 0) throw new NotFoundError(`relationship "${relationshipKeyText(key)}" does not exist`);
  return result;
}
