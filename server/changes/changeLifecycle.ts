import { changeMoves, type ChangeRecord, type ChangeRequest, type ChangeState } from '../../schema/changes.ts';
import { ConflictError } from '../errors.ts';

/**
 * The change lifecycle as pure functions over a record: a move is allowed by
 * `changeMoves` or refused naming the state and the moves it allows; every
 * move is recorded with who, when and why. Storage and audit are the callers'.
 */

/** Who moves a change, when, and the comment that goes with it. */
export interface ChangeActor {
  by: string;
  at: string;
  comment: string;
}

/** States after which a change's plan is history: it can no longer be edited. */
const settled: readonly ChangeState[] = ['in_progress', 'implemented', 'failed', 'rolled_back', 'closed', 'cancelled'];

/** States whose assessment or approval an edit makes stale: the edited change goes back to assessment. */
const assessedOrLater: readonly ChangeState[] = ['assessed', 'approved', 'scheduled'];

/** `change` moved to `to`; ConflictError naming its state and the allowed moves when the lifecycle does not allow it. */
export function moveChange(change: ChangeRecord, to: ChangeState, actor: ChangeActor): ChangeRecord {
  const moves = changeMoves[change.state];
  if (moves.length === 0) throw new ConflictError(`${change.id} is ${change.state}, which is final: it cannot move to ${to}`);
  if (!moves.includes(to)) {
    const allowed = moves.length === 1 ? moves[0]! : `${moves.slice(0, -1).join(', ')} or ${moves.at(-1)}`;
    throw new ConflictError(`${change.id} is ${change.state}: it can move to ${allowed}, not to ${to}`);
  }
  if (to === 'closed' && needsReview(change) && !change.review) {
    throw new ConflictError(`${change.id} ${reviewReason(change)}: write its post-implementation review (findings, follow-up) before closing it`);
  }
  // Back to draft or to assessment, its decisions (and, as a draft, its assessment) no longer apply.
  const { approvals, assessment, ...rest } = change;
  const kept = to === 'draft' ? rest : to === 'submitted' ? { ...rest, ...(assessment ? { assessment } : {}) } : change;
  return {
    ...kept,
    state: to,
    updatedAt: actor.at,
    transitions: [...change.transitions, { from: change.state, to, by: actor.by, at: actor.at, comment: actor.comment }],
  };
}

/**
 * `change` with its request replaced by `edit`. An assessed, approved or
 * scheduled change goes back to `submitted`, to be assessed (and approved)
 * again: what was approved is no longer what would be done. Once the work has
 * started, or the change is closed or cancelled, its plan is history and an
 * edit is refused.
 */
export function editChange(change: ChangeRecord, edit: ChangeRequest, actor: ChangeActor): ChangeRecord {
  if (settled.includes(change.state)) {
    throw new ConflictError(`${change.id} is ${change.state}: its plan can no longer be edited`);
  }
  // Only the request's fields change; one the edit leaves out (a template) is gone. Whoever revises it is one of its authors.
  const { id, state, requester, createdAt, transitions } = change;
  const revisedBy = [...new Set([...(change.revisedBy ?? []), ...(actor.by === requester ? [] : [actor.by])])];
  const edited: ChangeRecord = { ...edit, id, state, requester, createdAt, transitions, updatedAt: actor.at, ...(revisedBy.length ? { revisedBy } : {}) };
  if (!assessedOrLater.includes(change.state)) return edited;
  return {
    ...edited,
    state: 'submitted',
    transitions: [...change.transitions, { from: change.state, to: 'submitted', by: actor.by, at: actor.at, comment: actor.comment || 'edited: back to assessment' }],
  };
}

/** How the work of a change ended (implemented, failed or rolled back), also once it is closed; undefined before. */
export function outcomeOf(change: ChangeRecord): 'implemented' | 'failed' | 'rolled_back' | undefined {
  for (const transition of [...change.transitions].reverse()) {
    if (transition.to === 'implemented' || transition.to === 'failed' || transition.to === 'rolled_back') return transition.to;
  }
  return undefined;
}

/** True when a change must have a post-implementation review before it is closed: it failed, was rolled back, or was an emergency. */
export function needsReview(change: ChangeRecord): boolean {
  const outcome = outcomeOf(change);
  return change.type === 'emergency' || outcome === 'failed' || outcome === 'rolled_back';
}

function reviewReason(change: ChangeRecord): string {
  const outcome = outcomeOf(change);
  if (outcome === 'failed') return 'failed';
  return outcome === 'rolled_back' ? 'was rolled back' : 'was an emergency change';
}
