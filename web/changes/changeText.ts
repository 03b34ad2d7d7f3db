import type { ChangeState, ChangeType } from '../../schema/changes.ts';
import type { RiskClass, RiskFactorName } from '../../schema/changeRisk.ts';

/** Words the change pages show for the API's values, in one place. */

export const stateLabels: Record<ChangeState, string> = {
  draft: 'Draft', submitted: 'Submitted', assessed: 'Assessed', approved: 'Approved', rejected: 'Rejected', scheduled: 'Scheduled',
  in_progress: 'In progress', implemented: 'Implemented', failed: 'Failed', rolled_back: 'Rolled back', closed: 'Closed', cancelled: 'Cancelled',
};

export const typeLabels: Record<ChangeType, string> = { standard: 'Standard', normal: 'Normal', emergency: 'Emergency' };

export const riskLabels: Record<RiskClass, string> = { low: 'Low risk', medium: 'Medium risk', high: 'High risk', very_high: 'Very high risk' };

/** Each risk factor as a change manager would name it. */
export const factorLabels: Record<RiskFactorName, string> = {
  worstServiceImpact: 'Worst service impact',
  breadth: 'Breadth (services and teams)',
  changeType: 'Type of change',
  rollback: 'Rollback readiness',
  leadTime: 'Lead time',
  outsideMaintenance: 'Outside maintenance windows',
  conflicts: 'Conflicts and collisions',
  pastFailures: 'Past failures on these CIs',
};

/** The label of the button that makes each move. */
export const moveLabels: Partial<Record<ChangeState, string>> = {
  submitted: 'Submit for assessment', draft: 'Revise as a draft', scheduled: 'Schedule', in_progress: 'Start the work',
  implemented: 'Mark implemented', failed: 'Mark failed', rolled_back: 'Mark rolled back', closed: 'Close', cancelled: 'Cancel the change',
};

/** An instant in UTC as `2037-03-10 22:00`. */
export function formatInstant(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** A window as `2037-03-10 22:00 – 23:00 UTC`, or with both dates when it spans days. */
export function formatWindow(window: { start: string; end: string }): string {
  const start = new Date(window.start).toISOString();
  const end = new Date(window.end).toISOString();
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  const endText = sameDay ? end.slice(11, 16) : start.slice(0, 4) === end.slice(0, 4) ? formatInstant(end).slice(5) : formatInstant(end);
  return `${formatInstant(start)} – ${endText} UTC`;
}
