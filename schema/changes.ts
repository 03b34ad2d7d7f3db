import { z } from 'zod';
import type { RiskAssessment } from './changeRisk.ts';
import type { ImpactReport } from './impact.ts';
import { ciIdSchema } from './identifiers.ts';
import { limits } from './limits.ts';
import { timeZoneSchema, wellFormedText } from './text.ts';

/**
 * Change records (ITIL 4 change enablement): what a requester proposes to do to
 * which CIs and when, and the lifecycle that takes it from draft to closed.
 */

/** Standard: pre-approved from a template; normal: assessed and authorized; emergency: to restore service, reviewed afterwards. */
export const changeTypes = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof changeTypes)[number];

/** The lifecycle's states, in the order a change that goes well passes them. */
export const changeStates = [
  'draft', 'submitted', 'assessed', 'approved', 'rejected', 'scheduled', 'in_progress',
  'implemented', 'failed', 'rolled_back', 'closed', 'cancelled',
] as const;
export type ChangeState = (typeof changeStates)[number];

/**
 * Where each state may go. `cancelled` is reachable from every state before
 * the work starts; once in progress a change ends as implemented, failed or
 * rolled back (what happened is recorded, not withdrawn). A rejected change
 * may be revised as a draft and submitted again.
 */
export const changeMoves: Readonly<Record<ChangeState, readonly ChangeState[]>> = {
  draft: ['submitted', 'cancelled'],
  submitted: ['assessed', 'cancelled'],
  assessed: ['approved', 'rejected', 'cancelled'],
  approved: ['scheduled', 'cancelled'],
  rejected: ['draft'],
  scheduled: ['in_progress', 'cancelled'],
  in_progress: ['implemented', 'failed', 'rolled_back'],
  implemented: ['closed'],
  failed: ['closed'],
  rolled_back: ['closed'],
  closed: [],
  cancelled: [],
};

/** States in which a change is still to be done: it may conflict or collide with others. */
export const openChangeStates: readonly ChangeState[] = ['draft', 'submitted', 'assessed', 'approved', 'scheduled', 'in_progress'];

/** What the change does to a CI while it is carried out. */
export const changeEffects = ['down', 'degraded'] as const;
export type ChangeEffect = (typeof changeEffects)[number];

export const changeTargetSchema = z.strictObject({
  id: ciIdSchema,
  effect: z.enum(changeEffects).meta({ description: 'down: unavailable during the window; degraded: available with reduced capacity or redundancy.' }),
});
export type ChangeTarget = z.output<typeof changeTargetSchema>;

/**
 * When the change is carried out: instants with their offset (so the window is
 * unambiguous), and the time zone its people read it in (for the calendar and
 * for maintenance windows given in local time).
 */
export const changeWindowSchema = z.strictObject({
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  timeZone: timeZoneSchema.default('UTC'),
}).refine((window) => Date.parse(window.start) < Date.parse(window.end), { message: 'the window must end after it starts', path: ['end'] })
  .refine((window) => Date.parse(window.end) - Date.parse(window.start) <= limits.changeWindowDaysMax * 86_400_000, {
    message: `a change window lasts at most ${limits.changeWindowDaysMax} days: split a longer piece of work into changes`, path: ['end'],
  });
export type ChangeWindow = z.output<typeof changeWindowSchema>;

const longText = (description: string) => wellFormedText(limits.changeTextMaxLength).meta({ description });

/** What a requester writes; everything else on a change record is Trellis's. */
export const changeRequestSchema = z.strictObject({
  title: wellFormedText(200).regex(/\S/, 'a title is required').transform((title) => title.trim()),
  description: longText('Why the change is needed and what it does.').default(''),
  type: z.enum(changeTypes),
  targets: z.array(changeTargetSchema).min(1).max(limits.impactTargetsMax),
  window: changeWindowSchema,
  implementationPlan: longText('How it is carried out, step by step.').default(''),
  rollbackPlan: longText('How it is undone if it goes wrong; required before deployment.').default(''),
  testEvidence: longText('What shows the change and its rollback were tested.').default(''),
  rollbackTested: z.boolean().default(false).meta({ description: 'True when the rollback plan itself was exercised.' }),
  template: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a template id').optional().meta({ description: 'For a standard change: the pre-approved template it follows (required then, and only then).' }),
}).refine((request) => (request.type === 'standard') === (request.template !== undefined), {
  message: 'a standard change names the pre-approved template it follows, and only a standard change names one', path: ['template'],
});
export type ChangeRequest = z.output<typeof changeRequestSchema>;

/** Change ids: CHG-1, CHG-2... */
export const changeIdSchema = z.string().regex(/^CHG-[1-9][0-9]{0,9}$/, 'a change id such as CHG-12');

/** One move of the lifecycle: who made it, when, and why. */
export interface ChangeTransition {
  from: ChangeState;
  to: ChangeState;
  /** The actor as authentication proved it. */
  by: string;
  at: string;
  comment: string;
}

/**
 * What the impact of a change was when it was assessed, kept with it: the
 * report's services, parties and counts (the change manager's view), and the
 * ids of every impacted CI (up to a bound) to find conflicts with other changes.
 */
export interface ChangeAssessment {
  at: string;
  /** The store's last history seq when assessed: a later write under the impact set makes the assessment out of date. */
  historySeq: number;
  impact: Pick<ImpactReport, 'services' | 'notify' | 'contracts' | 'suppliers' | 'counts' | 'truncated'>;
  /** Targets and impacted CIs; `impactedIdsCapped` when there were more than limits.changeImpactIdsMax. */
  impactedIds: string[];
  impactedIdsCapped?: true;
  /** Open changes whose window overlaps this one's and whose targets or impacted CIs meet these. */
  conflicts: string[];
  /** Open changes with an overlapping window that, done together with this one, make some service worse than either alone. */
  collisions: string[];
  risk: RiskAssessment;
  /** Teams whose approval a normal change needs: the owners of impacted services of criticality 1-2. A change manager's is needed too. */
  approvers: ChangeApprover[];
}

/** A team whose approval a change needs, and the services that make it so. */
export interface ChangeApprover {
  team: string;
  name: string;
  services: string[];
}

/** A decision on an assessed change. */
export interface ChangeApproval {
  decision: 'approved' | 'rejected';
  /** The team it is given for, or absent for a change manager's. */
  team?: string;
  /** A change manager's approval that stands in for the missing ones, with its reason in `comment`. */
  override?: true;
  /** For a standard change: the template that approved it (`by` is Trellis). */
  template?: string;
  by: string;
  at: string;
  comment: string;
}

/** What a decision asks for. */
export const approvalRequestSchema = z.strictObject({
  decision: z.enum(['approved', 'rejected']),
  team: ciIdSchema.optional().meta({ description: 'The Team CI you decide for (you must belong to it); absent to decide as a change manager.' }),
  override: z.boolean().default(false).meta({ description: 'A change manager approving without the missing team approvals; the comment says why.' }),
  comment: wellFormedText(limits.changeCommentMaxLength).regex(/\S/, 'say why').meta({ description: 'Why: every approval and rejection carries one.' }),
});
export type ApprovalRequest = z.output<typeof approvalRequestSchema>;

/** What a post-implementation review writes. */
export const changeReviewRequestSchema = z.strictObject({
  findings: wellFormedText(limits.changeTextMaxLength).regex(/\S/, 'say what was found').meta({ description: 'What happened and why.' }),
  followUp: wellFormedText(limits.changeTextMaxLength).default('').meta({ description: 'What is done so that it does not happen again (problem records, actions).' }),
});
export type ChangeReviewRequest = z.output<typeof changeReviewRequestSchema>;

/** A post-implementation review: required before a failed, rolled-back or emergency change is closed. */
export interface ChangeReview extends ChangeReviewRequest {
  by: string;
  at: string;
}

/** A change record as stored and listed. */
export interface ChangeRecord extends ChangeRequest {
  id: string;
  state: ChangeState;
  /** The signed-in identity that asked for it. */
  requester: string;
  createdAt: string;
  updatedAt: string;
  /** Every move, oldest first. */
  transitions: ChangeTransition[];
  /** The latest assessment (made on submit, and again on request); absent for a draft. */
  assessment?: ChangeAssessment;
  /** Others than the requester who revised its plan: they do not decide on it either. */
  revisedBy?: string[];
  /** Its post-implementation review, once written. */
  review?: ChangeReview;
  /** Decisions on its current assessment, oldest first (a revision that sends it back to assessment clears them). */
  approvals?: ChangeApproval[];
}

/**
 * A change as lists show it: the record without the bulk of its assessment
 * (the impact snapshot and impacted ids, megabytes for a change to a hub of a
 * large estate), keeping its risk, clashes and counts. Read one change for the rest.
 */
export interface ChangeSummary extends Omit<ChangeRecord, 'assessment'> {
  assessment?: Pick<ChangeAssessment, 'at' | 'risk' | 'conflicts' | 'collisions'> & { counts: ChangeAssessment['impact']['counts'] };
}

/** The summary of a change record, for lists. */
export function summaryOfChange(change: ChangeRecord): ChangeSummary {
  const { assessment, ...rest } = change;
  if (!assessment) return rest;
  const { at, risk, conflicts, collisions } = assessment;
  return { ...rest, assessment: { at, risk, conflicts, collisions, counts: assessment.impact.counts } };
}
