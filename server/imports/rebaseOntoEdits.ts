import { ConflictError } from '../errors.ts';
import type { GraphStore } from '../store/GraphStore.ts';

/** Most history entries looked through to decide whether a plan still holds. */
const entriesLookedAtMost = 10_000;
/** Most times one plan is moved onto a newer version before it is made again. */
export const rebasesAtMost = 50;

/**
 * Whether a plan made on `version` (reading after history seq `readAfterSeq`)
 * still holds on the store's `current` version: true only when every write in
 * between is an edit through the API (whose batches touch no assertions of any
 * source) of something the plan neither read nor brings, and nothing else was
 * written. A long import then is not refused again and again by people editing
 * other CIs meanwhile; anything less certain makes it plan again.
 */
export async function planStillHolds(store: GraphStore, plan: { readAfterSeq: number; version: number; keys: ReadonlySet<string> }, current: number): Promise<boolean> {
  const since = await store.listHistory({ afterSeq: plan.readAfterSeq, limit: entriesLookedAtMost + 1 });
  if (since.length > entriesLookedAtMost) return false;
  const batches = new Set<string>();
  for (const entry of since) {
    if (!entry.source.startsWith('api:') || plan.keys.has(entry.key)) return false;
    batches.add(entry.batchId);
  }
  // Each batch bumps the version once; a bump without history (a run record, another import's assertions) is not seen here.
  return batches.size === current - plan.version;
}

/** The version a ConflictError says the store is at now, when it says. */
export function currentVersionOf(error: unknown): number | undefined {
  return error instanceof ConflictError ? error.currentVersion : undefined;
}
