import type { CIType } from '../../schema/ciTypes.ts';
import type { MapEdge, MapFacets } from '../../schema/explorer.ts';
import type { RelationshipType } from '../../schema/relationships.ts';

/**
 * The node and edge shapes the explorer's shaping steps pass along: a map's CIs
 * and relationships, plus what rolling up adds (a group node, a merged edge).
 */

/** A node to draw: a CI of the map, or a collapsed group standing for several (`memberCount`). */
export interface DrawnNode {
  id: string;
  /** A CI type, or `Namespace` for a collapsed Kubernetes namespace (not a CI). */
  type: CIType | 'Namespace';
  name: string;
  /** Hops from the nearest root (0 for roots). */
  depth: number;
  facets: MapFacets;
  /** How many CIs a collapsed group stands for; absent on a plain CI. */
  memberCount?: number;
}

/** An edge to draw: a map relationship, or several merged into one by a roll-up (`count`). */
export interface DrawnEdge extends MapEdge {
  /** How many relationships this edge stands for; absent means one. */
  count?: number;
}

/** The ends and type of an edge, all that keys and traversals need. */
export interface EdgeEnds {
  from: string;
  type: RelationshipType;
  to: string;
}

/** The key of an edge, `<from> <type> <to>`; unambiguous since CI ids hold no spaces. */
export function edgeKey(edge: EdgeEnds): string {
  return `${edge.from} ${edge.type} ${edge.to}`;
}
