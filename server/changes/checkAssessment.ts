import { openChangeStates, type ChangeRecord } from '../../schema/changes.ts';
import { limits } from '../../schema/limits.ts';
import { relationshipKeyOfText } from '../../schema/relationships.ts';
import type { GraphStore } from '../store/GraphStore.ts';

/** Whether a change's assessment still holds, and if not, what changed under it. */
export interface AssessmentCheck {
  current: boolean;
  reasons: string[];
}

/** Most history keys read to tell whether a write touched the impact set; past this, the assessment is out of date. */
const keysReadMax = 10_000;

/**
 * Checks a change's kept assessment against what happened since: a write to a
 * CI of its impact set (or a relationship touching one), or another open
 * change with an overlapping window requested or moved after it, makes it out
 * of date (its impact, conflicts or collisions may differ now).
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
  const newer = others.map((stored) => stored.change).filter((other) => other.id !== change.id && other.updatedAt > assessment.at);
  if (newer.length) reasons.push(`changes with an overlapping window were requested or moved since: ${newer.map((other) => other.id).join(', ')}`);
  return { current: reasons.length === 0, reasons };
}
