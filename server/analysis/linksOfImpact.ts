import { linkTypes, type RelianceGraph } from '../../schema/relianceGraph.ts';
import type { RelationshipKey } from '../../schema/relationships.ts';
import { State } from './states.ts';

/**
 * The informational relationships an impact report needs, from those the
 * extraction carried: ownership and support of the CIs people must be told about,
 * and contract coverage of every impacted CI.
 */
export function linksOfImpact(graph: RelianceGraph, states: Uint8Array, notifyFor: ReadonlySet<string>): RelationshipKey[] {
  const links: RelationshipKey[] = [];
  for (let l = 0; l < graph.linkFrom.length; l += 1) {
    const node = graph.linkFrom[l]!;
    const type = linkTypes[graph.linkTypes[l]!]!;
    const from = graph.ids[node]!;
    const wanted = type === 'COVERED_BY' ? states[node] !== State.ok : notifyFor.has(from);
    if (wanted) links.push({ from, type, to: graph.linkTo[l]! });
  }
  return links;
}
