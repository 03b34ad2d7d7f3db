import { ConflictError } from '../errors.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { entriesLookedAtMost, planStillHolds, type PlanBasis } from '../store/planStillHolds.ts';

/** Most times one plan is moved onto a newer version before it is made again. */
export const rebasesAtMost = 50;

/**
 * Whether a plan made on `basis` still holds on the store's `current` version
 * (see store/planStillHolds.ts), read from the store's history. The stores
 * check the same rule under their write lock (Batch.rebase), where no writer
 * can come in between; this second look covers a store refusing the batch
 * for a version it could not explain there.
 */
export async function planHoldsNow(store: GraphStore, basis: PlanBasis, current: number): Promise<boolean> {
  return planStillHolds(basis, await store.listHistory({ afterSeq: basis.readAfterSeq, limit: entriesLookedAtMost + 1 }), current);
}

/** The version a ConflictError says the store is at now, when it says. */
export function currentVersionOf(error: unknown): number | undefined {
  return error instanceof ConflictError ? error.currentVersion : undefined;
}
