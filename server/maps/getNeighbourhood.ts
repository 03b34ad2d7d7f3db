import type { z } from 'zod';
import type { ConfigItem } from '../../schema/configItem.ts';
import type { MapEdge, MapNode, Neighbourhood, neighbourhoodRequestSchema } from '../../schema/explorer.ts';
import { compareByDepthThenId, compareRelationshipKeys } from '../../schema/ordering.ts';
import { relationshipKeyText, type Relationship } from '../../schema/relationships.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { mapFacetsOf } from './mapFacetsOf.ts';

/** A neighbourhood request as parsed at the edge (defaults filled in). */
export type NeighbourhoodQuery = z.output<typeof neighbourhoodRequestSchema>;

/**
 * The CIs within `depth` reliance hops of the roots (what they rely on, what
 * relies on them, or both) and the reliance relationships among them. At maxCIs
 * the farthest CIs are cut (then by id) and the answer says it is truncated.
 * Throws NotFoundError naming the roots that do not exist.
 */
export async function getNeighbourhood(store: GraphStore, query: NeighbourhoodQuery): Promise<Neighbourhood> {
  const roots = [...new Set(query.roots)];
  const directions = query.direction === 'both' ? (['upstream', 'downstream'] as const) : [query.direction];
  const cis = new Map<string, ConfigItem & { depth: number }>();
  const relationships = new Map<string, Relationship>();
  let truncated = false;
  for (const direction of directions) {
    const walk = await store.extractSubgraph({ roots, direction, maxDepth: query.depth, maxCIs: query.maxCIs, onLimit: 'truncate' });
    truncated ||= walk.truncated;
    for (const ci of walk.cis) if ((cis.get(ci.id)?.depth ?? Infinity) > ci.depth) cis.set(ci.id, ci);
    for (const r of walk.relationships) relationships.set(relationshipKeyText(r), r);
  }
  await addGroupMembers(store, cis, relationships, query.maxCIs);
  // Both ways together may pass the bound each walk kept: the nearest CIs stay.
  const kept = [...cis.values()].sort(compareByDepthThenId).slice(0, query.maxCIs);
  truncated ||= kept.length < cis.size;
  const ids = new Set(kept.map((ci) => ci.id));
  const edges = [...relationships.values()].filter((r) => ids.has(r.from) && ids.has(r.to)).sort(compareRelationshipKeys);
  return { roots, nodes: kept.map(toMapNode), edges: edges.map(toMapEdge), truncated };
}

/**
 * A redundancy group on a map comes with all its members, one hop past the
 * depth if need be: "2 of 3 up" can only be read with the three in view, and
 * the explorer rolls a group up only when it sees its members.
 */
async function addGroupMembers(store: GraphStore, cis: Map<string, ConfigItem & { depth: number }>, relationships: Map<string, Relationship>, maxCIs: number): Promise<void> {
  const groups = [...cis.values()].filter((ci) => ci.type === 'RedundancyGroup');
  if (groups.length === 0) return;
  const members = await store.extractSubgraph({ roots: groups.map((g) => g.id), direction: 'upstream', relationshipTypes: ['HAS_MEMBER'], maxDepth: 1, maxCIs, onLimit: 'truncate' });
  for (const ci of members.cis) {
    if (cis.has(ci.id)) continue;
    const group = members.relationships.find((r) => r.to === ci.id);
    cis.set(ci.id, { ...ci, depth: (cis.get(group?.from ?? '')?.depth ?? 0) + 1 });
  }
  for (const r of members.relationships) relationships.set(relationshipKeyText(r), r);
}

function toMapNode(ci: ConfigItem & { depth: number }): MapNode {
  return { id: ci.id, type: ci.type, name: ci.name, depth: ci.depth, facets: mapFacetsOf(ci.attributes) };
}

function toMapEdge(r: Relationship): MapEdge {
  return r.strength === 'soft' ? { from: r.from, type: r.type, to: r.to, strength: 'soft' } : { from: r.from, type: r.type, to: r.to };
}
