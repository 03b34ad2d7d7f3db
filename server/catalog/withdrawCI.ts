import { NotFoundError } from '../errors.ts';
import type { BatchResult, GraphStore, WriteContext } from '../store/GraphStore.ts';

/** Withdraws a CI and its relationships; throws NotFoundError when it does not exist. */
export async function withdrawCI(store: GraphStore, id: string, context: WriteContext): Promise<BatchResult> {
  const result = await store.applyBatch({ deleteCIs: [id] }, context);
  if (result.withdrawn === 0) throw new NotFoundError(`CI "${id}" does not exist`, [id]);
  return result;
}
