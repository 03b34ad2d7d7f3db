/** Most history entries looked through to decide whether a plan still holds. */
export const entriesLookedAtMost = 10_000;

/** What a write was planned on: the store's write version and history seq when it read, and the keys it read or brings. */
export interface PlanBasis {
  readAfterSeq: number;
  version: number;
  keys: ReadonlySet<string>;
}

/** A history entry as the rule reads it. */
export interface WrittenEntry {
  source: string;
  key: string;
  batchId: string;
}

/**
 * Whether a plan made on `basis` still holds on the store's `current`
 * version, given the history written since (`since`, oldest first, up to
 * entriesLookedAtMost + 1 entries): true only when every write in between is
 * an edit through the API (whose batches touch no assertions of any source)
 * of something the plan neither read nor brings, and nothing else was
 * written. A long import then is not refused again and again by people
 * editing other CIs meanwhile; anything less certain makes it plan again.
 */
export function planStillHolds(basis: PlanBasis, since: readonly WrittenEntry[], current: number): boolean {
  if (since.length > entriesLookedAtMost) return false;
  const batches = new Set<string>();
  for (const entry of since) {
    if (!entry.source.startsWith('api:') || basis.keys.has(entry.key)) return false;
    batches.add(entry.batchId);
  }
  // Each batch bumps the version once; a bump without history (a run record, another import's assertions) is not seen here.
  return batches.size === current - basis.version;
}
