import { limits } from '../../schema/limits.ts';
import { InvalidError, LimitExceededError } from '../errors.ts';

/** Options of a level-by-level traversal; `expand` returns the neighbours of a frontier. */
export interface BreadthFirstOptions {
  roots: readonly string[];
  maxDepth?: number;
  maxCIs?: number;
  onLimit?: 'error' | 'truncate';
  expand: (frontier: string[]) => Promise<Iterable<string>> | Iterable<string>;
}

/**
 * Breadth-first expansion shared by every store so that depth and truncation mean
 * the same everywhere: whole levels are taken, and at the size limit the last
 * level is cut in id order (or the call fails, by default).
 */
export async function boundedBreadthFirst(options: BreadthFirstOptions): Promise<{ depths: Map<string, number>; truncated: boolean }> {
  const maxDepth = options.maxDepth ?? limits.subgraphDepthDefault;
  const maxCIs = options.maxCIs ?? limits.subgraphCIsDefault;
  if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > limits.subgraphDepthMax) {
    throw new InvalidError([{ field: 'maxDepth', message: `must be an integer from 0 to ${limits.subgraphDepthMax}` }]);
  }
  if (!Number.isInteger(maxCIs) || maxCIs < 1 || maxCIs > limits.subgraphCIsMax) {
    throw new InvalidError([{ field: 'maxCIs', message: `must be an integer from 1 to ${limits.subgraphCIsMax}` }]);
  }
  const depths = new Map<string, number>();
  let frontier = [...new Set(options.roots)];
  /** Adds a level at a depth; returns true when the size limit cut it. */
  const admit = (level: string[], depth: number): boolean => {
    const room = maxCIs - depths.size;
    const cut = level.length > room;
    if (cut && options.onLimit !== 'truncate') {
      throw new LimitExceededError(`the traversal reaches more than ${maxCIs} CIs; narrow it or raise maxCIs`, maxCIs);
    }
    // Only a level that is cut needs sorting: which part of it is kept must not depend on order.
    for (const id of cut ? level.sort().slice(0, room) : level) depths.set(id, depth);
    return cut;
  };
  if (admit(frontier, 0)) return { depths, truncated: true };
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth += 1) {
    const next = new Set<string>();
    for (const id of await options.expand(frontier)) if (!depths.has(id)) next.add(id);
    const level = [...next];
    if (admit(level, depth)) return { depths, truncated: true };
    frontier = level;
  }
  return { depths, truncated: false };
}
