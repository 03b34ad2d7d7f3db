import type { CIType } from '../../schema/ciTypes.ts';
import type { MapEdge, MapFacets, MapNode } from '../../schema/explorer.ts';
import type { RelationshipType } from '../../schema/relationships.ts';

/** A map node with defaults (a Component at depth 1); override what the test is about. */
export function node(id: string, overrides: { type?: CIType; name?: string; depth?: number; facets?: MapFacets } = {}): MapNode {
  return { id, type: overrides.type ?? 'Component', name: overrides.name ?? id, depth: overrides.depth ?? 1, facets: overrides.facets ?? {} };
}

/** Map edges from lines `from TYPE to` with an optional trailing `soft`. */
export function edges(...lines: string[]): MapEdge[] {
  return lines.map((line) => {
    const [from, type, to, soft] = line.split(' ') as [string, RelationshipType, string, string | undefined];
    return soft === 'soft' ? { from, type, to, strength: 'soft' } : { from, type, to };
  });
}

/** The ids of some nodes, sorted, for order-free comparisons. */
export function idsOf(items: readonly { id: string }[]): string[] {
  return items.map((n) => n.id).sort();
}
