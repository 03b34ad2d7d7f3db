import type { ChangeState } from '../../schema/changes.ts';
import { NotFoundError } from '../errors.ts';
import type { StoredChange } from '../store/ChangeLedger.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { moveChange } from './changeLifecycle.ts';
import type { ChangeAuditContext } from './requestChange.ts';

/** A move asked for: where to, and why. */
export interface TransitionRequest {
  to: ChangeState;
  comment: string;
}

/**
 * Moves a change along its lifecycle, if it is still at `expectedVersion`;
 * the move goes to the change's own record and to the audit trail together.
 */
export async function transitionChange(store: GraphStore, id: string, move: TransitionRequest, expectedVersion: number, by: ChangeAuditContext, now = new Date()): Promise<StoredChange> {
  const current = await store.findChange(id);
  if (!current) throw new NotFoundError(`no change has the id ${id}`, [id]);
  const moved = moveChange(current.change, move.to, { by: by.actor, at: now.toISOString(), comment: move.comment });
  return store.saveChange(moved, expectedVersion, { ...by, action: 'change.move', target: id, summary: `${current.change.state} → ${move.to}${move.comment ? `: ${move.comment.slice(0, 200)}` : ''}` });
}
