import { relationshipInputSchema, type Relationship } from '../../schema/relationships.ts';
import { parseOrThrow } from '../validation.ts';
import type { BatchResult, GraphStore, WriteContext } from '../store/GraphStore.ts';

/** Creates or replaces one relationship from client input. */
export async function saveRelationship(
  store: GraphStore,
  input: unknown,
  context: WriteContext,
): Promise<{ relationship: Relationship; result: BatchResult }> {
  const data = parseOrThrow(relationshipInputSchema, input, 'relationship');
  const result = await store.applyBatch({ upsertRelationships: [data] }, context);
  return { relationship: data, result };
}
