import { auditDraft } from '../audit/auditDraft.ts';
import { NotFoundError } from '../errors.ts';
import type { BatchResult, GraphStore, WriteContext } from '../store/GraphStore.ts';
import { expectationFor } from './preconditions.ts';

/**
 * Withdraws a CI and its relationships, on the version `ifMatch` names (its
 * ETag or `*`; required when the CI exists). NotFoundError when it does not.
 */
export async function withdrawCI(store: GraphStore, id: string, ifMatch: string | undefined, context: WriteContext): Promise<BatchResult> {
  if (!(await store.findCI(id))) throw new NotFoundError(`CI "${id}" does not exist`, [id]);
  const result = await store.applyBatch({ deleteCIs: [id], expect: expectationFor({ ci: id }, ifMatch), audit: auditDraft(context.actor, context.origin, 'ci.withdraw', id) }, context);
  if (result.withdrawn === 0) throw new NotFoundError(`CI "${id}" does not exist`, [id]);
  return result;
}
