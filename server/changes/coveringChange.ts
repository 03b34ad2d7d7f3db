import type { ChangeRecord, ChangeState, ChangeTarget } from '../../schema/changes.ts';
import { limits } from '../../schema/limits.ts';
import type { GraphStore } from '../store/GraphStore.ts';

/** States in which a change is authorized to be carried out. */
export const authorizedChangeStates: readonly ChangeState[] = ['approved', 'scheduled', 'in_progress'];

/**
 * True when the change authorizes all of a plan at `at`: it is approved (or
 * scheduled, or under way), its window holds `at`, and it targets every CI the
 * plan targets with an effect at least as severe (down covers degraded).
 */
export function coversPlan(change: ChangeRecord, targets: readonly ChangeTarget[], at: Date): boolean {
  if (!authorizedChangeStates.includes(change.state)) return false;
  if (!(Date.parse(change.window.start) <= at.getTime() && at.getTime() < Date.parse(change.window.end))) return false;
  const effects = new Map(change.targets.map((t) => [t.id, t.effect]));
  return targets.every((target) => effects.get(target.id) === 'down' || effects.get(target.id) === target.effect);
}

/** The newest authorized change that covers the plan's targets at `at`, if any. */
export async function findCoveringChange(store: GraphStore, targets: readonly ChangeTarget[], at: Date): Promise<ChangeRecord | undefined> {
  if (targets.length === 0) return undefined;
  // Any covering change targets the first CI too; its window overlaps [at, at + 1 ms).
  const candidates = await store.listChanges({
    states: authorizedChangeStates, target: targets[0]!.id, from: at.toISOString(), until: new Date(at.getTime() + 1).toISOString(), limit: limits.pageSizeMax,
  });
  return candidates.map((stored) => stored.change).find((change) => coversPlan(change, targets, at));
}
