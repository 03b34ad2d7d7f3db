import type { ChangeState } from '../../schema/changes.ts';
import type { AssessmentSettings } from '../../server/changes/assessChange.ts';
import { decideOnChange } from '../../server/changes/decideOnChange.ts';
import type { AuditContext } from '../../server/audit/auditDraft.ts';
import { transitionChange } from '../../server/changes/transitionChange.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';

/**
 * Takes a change one step along its lifecycle for tests that are not about the
 * CAB: approval as a change manager's override, any other move as a transition.
 */
export async function moveTo(
  store: GraphStore, id: string, to: ChangeState, version: number | undefined, by: AuditContext & { teams?: string[]; mayApprove?: boolean }, settings: AssessmentSettings, comment = 'ok',
): Promise<{ version: number }> {
  if (to === 'approved' || to === 'rejected') {
    return decideOnChange(store, id, { decision: to, override: to === 'approved', comment }, version, { ...by, teams: by.teams ?? [], mayApprove: by.mayApprove ?? true });
  }
  return transitionChange(store, id, { to, comment }, version, by, settings);
}
