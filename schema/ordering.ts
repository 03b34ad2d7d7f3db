import type { RelationshipKey } from './relationships.ts';

/**
 * One ordering for every store, so results compare equal across adapters:
 * strings by UTF-16 code units (no locale), relationships by (from, type, to).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders relationship keys by from, then type, then to. */
export function compareRelationshipKeys(a: RelationshipKey, b: RelationshipKey): number {
  return compareText(a.from, b.from) || compareText(a.type, b.type) || compareText(a.to, b.to);
}

/** Orders subgraph CIs by depth, then id. */
export function compareByDepthThenId(a: { depth: number; id: string }, b: { depth: number; id: string }): number {
  return a.depth - b.depth || compareText(a.id, b.id);
}
