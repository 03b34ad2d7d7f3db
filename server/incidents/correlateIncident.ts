import type { ChangeRecord } from '../../schema/changes.ts';
import type { SuspectedChange } from '../../schema/incidents.ts';

/** Outcomes that end a change's work: the moment it reaches one is when it was implemented. */
const outcomes = new Set(['implemented', 'failed', 'rolled_back']);

/** When a change's work ended (implemented, failed or rolled back), or undefined if it has not. */
export function implementedAtOf(change: ChangeRecord): string | undefined {
  return change.transitions.find((t) => t.from === 'in_progress' && outcomes.has(t.to))?.at;
}

/**
 * Change-incident correlation: the changes implemented within `hours` before
 * the incident opened whose impact set (targets and impacted CIs, as assessed)
 * holds an affected CI. Each is only possibly the cause: the responder decides.
 */
export function suspectChanges(incident: { affected: readonly string[]; openedAt: string }, changes: readonly ChangeRecord[], hours: number): SuspectedChange[] {
  const opened = Date.parse(incident.openedAt);
  const suspects: SuspectedChange[] = [];
  for (const change of changes) {
    const implementedAt = implementedAtOf(change);
    if (!implementedAt) continue;
    const ended = Date.parse(implementedAt);
    if (ended > opened || opened - ended > hours * 3_600_000) continue;
    const reach = new Set([...change.targets.map((t) => t.id), ...(change.assessment?.impactedIds ?? [])]);
    const via = incident.affected.filter((id) => reach.has(id));
    if (via.length) suspects.push({ change: change.id, implementedAt, via });
  }
  return suspects.sort((a, b) => b.implementedAt.localeCompare(a.implementedAt));
}
