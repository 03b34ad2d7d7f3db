import type { SessionInfo } from '../../schema/access.ts';
import { changeMoves, type ChangeRecord, type ChangeState } from '../../schema/changes.ts';
import type { Access } from '../access/accessOf.ts';

/** One capacity the signed-in person may decide in: for a team they belong to, or as a change manager. */
export interface DecisionCapacity {
  /** The team decided for; undefined for a change manager's decision. */
  team?: string;
  label: string;
  /** A change manager may approve without the missing team approvals, saying why. */
  mayOverride: boolean;
}

/** What the change page offers the person looking at it, and why not when it offers nothing. */
export interface ChangeActions {
  moves: ChangeState[];
  /** Why no moves are offered although the lifecycle has some. */
  movesUnavailable?: string;
  decisions: DecisionCapacity[];
  /** Why no decisions are offered on an assessed change. */
  decisionsUnavailable?: string;
  /** The review form is shown: the work is over and the change is not closed. */
  reviewOpen: boolean;
  /** Closing waits for a review. */
  reviewNeeded: boolean;
  mayEdit: boolean;
}

const settled: readonly ChangeState[] = ['in_progress', 'implemented', 'failed', 'rolled_back', 'closed', 'cancelled'];
const workOver: readonly ChangeState[] = ['implemented', 'failed', 'rolled_back'];

/** How the work of a change ended, also once closed. */
export function outcomeOf(change: ChangeRecord): ChangeState | undefined {
  return [...change.transitions].reverse().find((t) => workOver.includes(t.to))?.to;
}

/** True when the change must be reviewed before it closes (failed, rolled back, or emergency), as the server decides. */
export function needsReview(change: ChangeRecord): boolean {
  const outcome = outcomeOf(change);
  return change.type === 'emergency' || outcome === 'failed' || outcome === 'rolled_back';
}

/**
 * The moves and decisions to offer, from the lifecycle, the person's
 * permissions and teams (the session) and the change's approvals. The server
 * still decides every request; this only avoids offering what it would refuse.
 */
export function changeActionsFor(change: ChangeRecord, access: Access, session: SessionInfo | undefined): ChangeActions {
  const mayChange = access.may('change');
  // Approval and rejection come from decisions; `assessed` follows from submitting.
  const lifecycle = changeMoves[change.state].filter((to) => to !== 'approved' && to !== 'rejected' && to !== 'assessed');
  const decided = decisionsFor(change, access, session);
  return {
    moves: mayChange ? lifecycle : [],
    ...(!mayChange && lifecycle.length ? { movesUnavailable: access.whyNot('change') } : {}),
    ...decided,
    reviewOpen: workOver.includes(change.state) && mayChange,
    reviewNeeded: needsReview(change) && !change.review,
    mayEdit: mayChange && !settled.includes(change.state),
  };
}

function decisionsFor(change: ChangeRecord, access: Access, session: SessionInfo | undefined): Pick<ChangeActions, 'decisions' | 'decisionsUnavailable'> {
  if (change.state !== 'assessed') return { decisions: [] };
  if (change.type === 'standard') return { decisions: [], decisionsUnavailable: 'A standard change is approved by its template, not by people.' };
  // In open mode everyone is `anonymous`: authorship cannot be told apart, and the server lets them decide.
  const actor = session?.authRequired ? session.user?.actor : undefined;
  if (actor && [change.requester, ...(change.revisedBy ?? [])].includes(actor)) {
    return { decisions: [], decisionsUnavailable: `You ${actor === change.requester ? 'requested' : 'revised'} this change: somebody else decides on it.` };
  }
  const given = change.approvals ?? [];
  const myTeams = new Set(session?.user?.teams ?? []);
  const decisions: DecisionCapacity[] = change.type === 'emergency' ? [] : (change.assessment?.approvers ?? [])
    .filter((approver) => myTeams.has(approver.team) && !given.some((a) => a.team === approver.team))
    .map((approver) => ({ team: approver.team, label: `for ${approver.name}`, mayOverride: false }));
  if (access.may('approve') && !given.some((a) => a.team === undefined && a.decision === 'approved')) {
    decisions.push({ label: 'as change manager', mayOverride: change.type === 'normal' });
  }
  if (decisions.length) return { decisions };
  const teams = (change.assessment?.approvers ?? []).map((a) => a.name);
  const who = change.type === 'emergency' ? 'a change manager' : `${teams.length ? `${teams.join(', ')} and ` : ''}a change manager`;
  return { decisions: [], decisionsUnavailable: `This change is decided by ${who}; you are not one of them${access.may('approve') ? ' who has not decided yet' : ''}.` };
}

/** The approvals an assessed change still lacks, as the server counts them. */
export function missingApprovals(change: ChangeRecord): string[] {
  const given = (change.approvals ?? []).filter((a) => a.decision === 'approved');
  if (change.type === 'standard') return given.some((a) => a.template) ? [] : [`its template ${change.template ?? ''}`];
  const teams = change.type === 'emergency' ? [] : (change.assessment?.approvers ?? []).filter((a) => !given.some((g) => g.team === a.team)).map((a) => a.name);
  return given.some((a) => a.team === undefined) ? teams : [...teams, 'a change manager'];
}
