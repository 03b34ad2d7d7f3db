import { edgeKey, type EdgeEnds } from './mapGraph.ts';

/**
 * "How are these two connected?": the shortest chain between two CIs on the
 * loaded map, whichever way its relationships point.
 */

/** A chain of nodes, and the keys (`<from> <type> <to>`) of the edges between them, in order. */
export interface MapPath {
  nodes: string[];
  edges: string[];
}

/**
 * The shortest path from `from` to `to` on the map, ignoring edge direction
 * (breadth-first; ties go to the edge listed first), or undefined when they
 * are not connected or not both on the map.
 */
export function shortestPath(map: { nodes: readonly { id: string }[]; edges: readonly EdgeEnds[] }, ends: { from: string; to: string }): MapPath | undefined {
  const ids = new Set(map.nodes.map((n) => n.id));
  if (!ids.has(ends.from) || !ids.has(ends.to)) return undefined;
  const neighbours = new Map<string, { id: string; edge: EdgeEnds }[]>();
  const link = (a: string, b: string, edge: EdgeEnds) => {
    const list = neighbours.get(a) ?? [];
    list.push({ id: b, edge });
    neighbours.set(a, list);
  };
  for (const edge of map.edges) {
    if (!ids.has(edge.from) || !ids.has(edge.to)) continue;
    link(edge.from, edge.to, edge);
    link(edge.to, edge.from, edge);
  }
  const cameFrom = new Map<string, { id: string; edge: EdgeEnds } | null>([[ends.from, null]]);
  for (let queue = [ends.from], q = 0; q < queue.length && !cameFrom.has(ends.to); q += 1) {
    const at = queue[q]!;
    for (const step of neighbours.get(at) ?? []) {
      if (cameFrom.has(step.id)) continue;
      cameFrom.set(step.id, { id: at, edge: step.edge });
      queue.push(step.id);
    }
  }
  return cameFrom.has(ends.to) ? walkBack(cameFrom, ends.to) : undefined;
}

/** The path that the breadth-first search found, from its start to `to`. */
function walkBack(cameFrom: ReadonlyMap<string, { id: string; edge: EdgeEnds } | null>, to: string): MapPath {
  const nodes = [to];
  const edges: string[] = [];
  for (let step = cameFrom.get(to); step; step = cameFrom.get(step.id)) {
    nodes.push(step.id);
    edges.push(edgeKey(step.edge));
  }
  return { nodes: nodes.reverse(), edges: edges.reverse() };
}
