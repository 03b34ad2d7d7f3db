import type { Adjacency } from './adjacency.ts';

/**
 * Breadth-first shortest paths from a set of sources over one direction of the
 * adjacency (`forward`: from a node to what it relies on), through nodes that
 * `passes` allows. Each reached node's parent is, among its neighbours one hop
 * nearer a source, the one with the smallest id: paths are unique and do not
 * depend on how the graph was numbered.
 */
export function shortestPathTree(
  ids: readonly string[],
  adjacency: Adjacency,
  sources: readonly number[],
  options: { forward: boolean; passes?: (node: number) => boolean },
): { depths: Int32Array; parents: Int32Array; order: number[] } {
  const n = ids.length;
  const depths = new Int32Array(n).fill(-1);
  const parents = new Int32Array(n).fill(-1);
  const offsets = options.forward ? adjacency.outOffsets : adjacency.inOffsets;
  const neighbours = options.forward ? adjacency.outNodes : adjacency.inNodes;
  const order: number[] = [];
  for (const source of sources) {
    if (depths[source] !== -1) continue;
    depths[source] = 0;
    order.push(source);
  }
  for (let head = 0; head < order.length; head += 1) {
    const y = order[head]!;
    const depth = depths[y]! + 1;
    for (let e = offsets[y]!; e < offsets[y + 1]!; e += 1) {
      const x = neighbours[e]!;
      if (options.passes && !options.passes(x)) continue;
      if (depths[x] === -1) {
        depths[x] = depth;
        parents[x] = y;
        order.push(x);
      } else if (depths[x] === depth && ids[y]! < ids[parents[x]!]!) {
        parents[x] = y;
      }
    }
  }
  return { depths, parents, order };
}

/** Materializes the path of every reached node (source first), indexed by node; unreached nodes have none. */
export function pathsFromTree(ids: readonly string[], tree: { parents: Int32Array; order: number[] }): (string[] | undefined)[] {
  const paths = new Array<string[] | undefined>(ids.length);
  for (const node of tree.order) {
    const parent = tree.parents[node]!;
    if (parent === -1) {
      paths[node] = [ids[node]!];
    } else {
      const path = paths[parent]!.slice();
      path.push(ids[node]!);
      paths[node] = path;
    }
  }
  return paths;
}
