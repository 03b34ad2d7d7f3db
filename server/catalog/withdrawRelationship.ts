import { relationshipKeySchema, relationshipKeyText } from '../../schema/relationships.ts';
import { NotFoundError } from '../errors.ts';
import { parseOrThrow } from '../validation.ts';
import type { BatchResult, GraphStore, WriteContext } from '../store/GraphStore.ts';

/** Withdraws one relationship by key; throws NotFoundError when it does not exist. */
export async function withdrawRelationship(store: GraphStore, input: unknown, context: WriteContext): Promise<BatchResult> {
  const data = parseOrThrow(relationshipKeySchema, input, 'relationship');
  const result = await store.applyBatch({ deleteRelationships: [data] }, context);
  if (result.withdrawn === 0) throw new NotFoundError(`relationship "${relationshipKeyText(data)}" does not exist`);
  return result;
}
