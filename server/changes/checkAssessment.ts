import { openChangeStates, type ChangeRecord } from '../../schema/changes.ts';
import { limits } from '../../schema/limits.ts';
import { relationshipKeyOfText } from '../../schema/relationships.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { windowFit } from './windowFit.ts';

/** Whether a change's assessment still holds, and if not, what changed under it. */
export interface AssessmentCheck {
  current: boolean;
  reasons: string[];
}

/** Most history keys read to tell whether a write touched the impact set; past this, the assessment is out of date. */
const keysReadMax = 10_000;

/**
 * Checks a change's kept assessment against what happened since: a write to a
 * CI of its impact set (or a relationship touching one), another open change
 * with an overlapping window requested or revised after it, a change it
 * conflicted or collided with that is no longer to be done, or a calendar edit
 * that changes how its window fits, makes it out of date (its impact,
 * conflicts, collisions or risk may differ now).
 */
export async function checkAssessment(store: GraphStore, change: ChangeRecord): Promise<AssessmentCheck> {
  const { assessment } = change;
  if (!assessment) return { current: false, reasons: [`${change.id} has not been assessed: submit it`] };
  const reasons: string[] = [];
  const keys = await store.listHistoryKeysAfter(assessment.historySeq, keysReadMax);
  const reach = new Set(assessment.impactedIds);
  if (keys === undefined) reasons.push(`more than ${keysReadMax} CIs and relationships were written since it was assessed`);
  else {
    const touched = keys.filter((key) => (key.includes(' ') ? [relationshipKeyOfText(key).from, relationshipKeyOfText(key).to] : [key]).some((id) => reach.has(id) || assessment.impactedIdsCapped));
    if (touched.length) reasons.push(`written since it was assessed: ${touched.slice(0, 5).join(', ')}${touched.length > 5 ? ` and ${touched.length - 5} more` : ''}`);
  }
  const others = await store.listChanges({ states: openChangeStates, from: change.window.start, until: change.window.end, limit: limits.pageSizeMax });
  const newer = others.map((stored) => stored.change).filter((other) => other.id !== change.id && changedScopeSince(other, assessment.at));
  if (newer.length) reasons.push(`changes with an overlapping window were requested or revised since: ${newer.map((other) => other.id).join(', ')}`);
  const named = [...new Set([...assessment.conflicts, ...assessment.collisions])];
  const settled = (await Promise.all(named.map((id) => store.findChange(id)))).filter((found) => found && !openChangeStates.includes(found.change.state));
  if (settled.length) reasons.push(`changes it conflicted or collided with are no longer to be done: ${settled.map((found) => `${found!.change.id} (${found!.change.state})`).join(', ')}`);
  const concerned = [...change.targets.map((t) => t.id), ...assessment.impact.services.map((s) => s.id)];
  const fit = windowFit(change.window, concerned, await store.listCalendarEntries());
  const kept = assessment.risk.factors.find((factor) => factor.name === 'outsideMaintenance');
  // The kept factor's value is rounded; its explanation states the fit exactly as windowFit words it.
  if (kept && kept.explanation !== fit.explanation) reasons.push(`the calendar changed since it was assessed: its window now ${fit.explanation || 'fits the maintenance windows'}`);
  return { current: reasons.length === 0, reasons };
}

/**
 * Whether another change's targets or window may differ from when this
 * assessment was made: it was requested since, assessed since (submitting or
 * revising a submitted change assesses it), or, as a draft, edited since.
 * Decisions and moves that leave targets and window alone do not count.
 */
function changedScopeSince(other: ChangeRecord, at: string): boolean {
  return other.createdAt > at || (other.assessment !== undefined && other.assessment.at > at) || (other.state === 'draft' && other.updatedAt > at);
}
