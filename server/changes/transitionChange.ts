import type { ChangeState } from '../../schema/changes.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { StoredChange } from '../store/ChangeLedger.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { assessSubmitted, type AssessmentSettings } from './assessChange.ts';
import { moveChange } from './changeLifecycle.ts';
import type { AuditContext } from '../audit/auditDraft.ts';

/** A move asked for: where to, and why. */
export interface TransitionRequest {
  to: ChangeState;
  comment: string;
}

/**
 * Moves a change along its lifecycle, if it is still at `expectedVersion`
 * (undefined: whatever version it is at, the `If-Match: *` of scripts); the
 * move goes to the change's own record and to the audit trail together.
 * Submitting assesses the change at once and moves it on to `assessed` with
 * its assessment. Approval and rejection are not moves: they follow from the
 * decisions of its approvers (decideOnChange).
 */
export async function transitionChange(
  store: GraphStore, id: string, move: TransitionRequest, expectedVersion: number | undefined, by: AuditContext, settings: AssessmentSettings, now = new Date(),
): Promise<StoredChange> {
  const current = await store.findChange(id);
  if (!current) throw new NotFoundError(`no change has the id ${id}`, [id]);
  if (move.to === 'approved' || move.to === 'rejected') {
    throw new ConflictError(`approval and rejection of ${id} come from the decisions of its approvers, not from a move: POST yours to /api/v1/changes/${id}/approvals`);
  }
  let moved = moveChange(current.change, move.to, { by: by.actor, at: now.toISOString(), comment: move.comment });
  let summary = `${current.change.state} → ${move.to}${move.comment ? `: ${move.comment.slice(0, 200)}` : ''}`;
  if (move.to === 'submitted') {
    // Assessed on submit: the change manager sees its impact and risk as of now.
    const assessed = await assessSubmitted(store, moved, settings, now);
    moved = assessed.change;
    summary += `; ${assessed.summary}`;
  }
  const { actor, clientAddress, requestId } = by;
  return store.saveChange(moved, expectedVersion ?? current.version, { actor, clientAddress, requestId, action: 'change.move', target: id, summary });
}
