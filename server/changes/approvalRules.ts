import type { ApprovalRequest, ChangeApproval, ChangeRecord } from '../../schema/changes.ts';
import { ConflictError, ForbiddenError } from '../errors.ts';
import { moveChange } from './changeLifecycle.ts';

/** Who decides: as authentication proved them, with their teams and whether they are a change manager. */
export interface Decider {
  actor: string;
  teams: readonly string[];
  mayApprove: boolean;
  /** Open mode (no authentication, loopback only): everyone is `anonymous`, so authorship cannot be told apart. */
  openMode?: boolean;
}

/** The approvals an assessed change still lacks: its approver teams', and a change manager's (a standard change: its template's). */
export function missingApprovals(change: ChangeRecord): string[] {
  const given = (change.approvals ?? []).filter((a) => a.decision === 'approved');
  if (change.type === 'standard') return given.some((a) => a.template !== undefined) ? [] : [`its template ${change.template}`];
  const missing = (change.assessment?.approvers ?? []).filter((approver) => !given.some((a) => a.team === approver.team)).map((approver) => `team ${approver.team}`);
  if (!given.some((a) => a.team === undefined)) missing.push('a change manager');
  // An emergency change needs one change manager only.
  return change.type === 'emergency' ? missing.filter((m) => m === 'a change manager') : missing;
}

/**
 * A decision on an assessed change (the CAB): recorded, and the change
 * approved once nothing is missing (every approver team and a change manager;
 * a change manager alone for an emergency), or at once by a change manager's
 * override with its reason; rejected by any rejection. Nobody decides on
 * their own change, and each capacity decides once.
 */
export function recordDecision(change: ChangeRecord, request: ApprovalRequest, decider: Decider, at: string): ChangeRecord {
  if (change.state !== 'assessed') throw new ConflictError(`${change.id} is ${change.state}: decisions are made on an assessed change`);
  const authors = [change.requester, ...(change.revisedBy ?? [])];
  if (!decider.openMode && authors.includes(decider.actor)) {
    throw new ForbiddenError(`nobody decides on their own change: ${change.id} was ${decider.actor === change.requester ? 'requested' : 'revised'} by ${decider.actor}`);
  }
  if (change.type === 'standard') throw new ConflictError(`${change.id} is a standard change: its template approves it, not a CAB`);
  checkCapacity(change, request, decider);
  const approval: ChangeApproval = {
    decision: request.decision, ...(request.team ? { team: request.team } : {}), ...(request.override ? { override: true as const } : {}),
    by: decider.actor, at, comment: request.comment,
  };
  const recorded = { ...change, approvals: [...(change.approvals ?? []), approval], updatedAt: at };
  if (request.decision === 'rejected') return moveChange(recorded, 'rejected', { by: decider.actor, at, comment: request.comment });
  if (request.override) return moveChange(recorded, 'approved', { by: decider.actor, at, comment: `override: ${request.comment}` });
  return missingApprovals(recorded).length === 0 ? moveChange(recorded, 'approved', { by: decider.actor, at, comment: 'every approval given' }) : recorded;
}

function checkCapacity(change: ChangeRecord, request: ApprovalRequest, decider: Decider): void {
  const given = change.approvals ?? [];
  if (request.team === undefined) {
    if (!decider.mayApprove) throw new ForbiddenError(`to decide on ${change.id} as a change manager takes the approve permission (the change-manager or admin role); name the team you decide for otherwise`);
    if (request.decision === 'approved' && !request.override && given.some((a) => a.team === undefined && a.decision === 'approved')) {
      throw new ConflictError(`${change.id} has a change manager's approval already`);
    }
    return;
  }
  if (request.override) throw new ConflictError('an override is a change manager\'s: send it without a team');
  if (!decider.teams.includes(request.team)) throw new ForbiddenError(`you do not belong to team ${request.team}, so you cannot decide for it`);
  if (!(change.assessment?.approvers ?? []).some((approver) => approver.team === request.team)) {
    throw new ConflictError(`${change.id} does not need team ${request.team}'s approval: it needs ${missingApprovals(change).join(', ') || 'nothing more'}`);
  }
  if (given.some((a) => a.team === request.team)) throw new ConflictError(`team ${request.team} has decided on ${change.id} already`);
}
