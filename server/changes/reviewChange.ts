import { changeReviewRequestSchema } from '../../schema/changes.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { StoredChange } from '../store/ChangeLedger.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';
import type { AuditContext } from '../audit/auditDraft.ts';

/** States in which the work of a change is over and not yet closed: when its review is written. */
const reviewable = ['implemented', 'failed', 'rolled_back'];

/**
 * Writes (or rewrites) the post-implementation review of a change whose work
 * is over, if it is still at `expectedVersion`: what was found and what
 * follows. A failed, rolled-back or emergency change cannot close without one.
 */
export async function reviewChange(store: GraphStore, id: string, input: unknown, expectedVersion: number | undefined, by: AuditContext, now = new Date()): Promise<StoredChange> {
  const review = parseOrThrow(changeReviewRequestSchema, input, 'review');
  const current = await store.findChange(id);
  if (!current) throw new NotFoundError(`no change has the id ${id}`, [id]);
  const { change } = current;
  if (!reviewable.includes(change.state)) {
    throw new ConflictError(`${id} is ${change.state}: a post-implementation review is written once its work is implemented, failed or rolled back, and before it is closed`);
  }
  const at = now.toISOString();
  const reviewed = { ...change, review: { ...review, by: by.actor, at }, updatedAt: at };
  return store.saveChange(reviewed, expectedVersion ?? current.version, { ...by, action: 'change.review', target: id, summary: `post-implementation review: ${review.findings.slice(0, 200)}` });
}
