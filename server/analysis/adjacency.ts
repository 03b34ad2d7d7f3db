import type { RelianceGraph } from '../../schema/relianceGraph.ts';

/**
 * Compressed sparse rows over a RelianceGraph in both directions: for node x,
 * `reliesOn` lists what x relies on, `reliedOnBy` what relies on x, each with
 * the relationship kind. Built once per analysis in O(nodes + edges).
 */
export interface Adjacency {
  outOffsets: Int32Array;
  outNodes: Int32Array;
  outKinds: Uint8Array;
  inOffsets: Int32Array;
  inNodes: Int32Array;
  inKinds: Uint8Array;
}

/** Builds both directions of the adjacency of a reliance graph. */
export function buildAdjacency(graph: RelianceGraph): Adjacency {
  const n = graph.ids.length;
  const out = packRows(n, graph.edgeFrom, graph.edgeTo, graph.edgeKinds);
  const into = packRows(n, graph.edgeTo, graph.edgeFrom, graph.edgeKinds);
  return { outOffsets: out.offsets, outNodes: out.nodes, outKinds: out.kinds, inOffsets: into.offsets, inNodes: into.nodes, inKinds: into.kinds };
}

/** Counting sort of edges by their source row. */
function packRows(n: number, rows: Int32Array, columns: Int32Array, kinds: Uint8Array) {
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < rows.length; e += 1) offsets[rows[e]! + 1]! += 1;
  for (let i = 0; i < n; i += 1) offsets[i + 1]! += offsets[i]!;
  const cursor = offsets.slice(0, n);
  const nodes = new Int32Array(rows.length);
  const packedKinds = new Uint8Array(rows.length);
  for (let e = 0; e < rows.length; e += 1) {
    const at = cursor[rows[e]!]!++;
    nodes[at] = columns[e]!;
    packedKinds[at] = kinds[e]!;
  }
  return { offsets, nodes, kinds: packedKinds };
}
