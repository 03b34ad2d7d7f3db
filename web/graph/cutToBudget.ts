/**
 * Cutting a map to the number of nodes the explorer draws: the closest and most
 * critical nodes stay, and each kept node learns how many of its neighbours were
 * cut, which its "show N more" control offers. O((n + e) log n).
 */

/** What cutting reads of a node. */
export interface RankableNode {
  id: string;
  depth: number;
  facets: { criticality?: number };
}

/** The budget, the nodes always kept, and the nodes whose cut neighbours are shown anyway. */
export interface CutOptions {
  budget: number;
  roots: readonly string[];
  /** Nodes whose "show more" was clicked: their neighbours are kept, past the budget. */
  expanded: readonly string[];
}

/** The nodes and edges to draw, how many nodes were cut, and per kept node how many neighbours were. */
export interface CutResult<N, E> {
  nodes: N[];
  edges: E[];
  cut: number;
  /** Kept node id → number of distinct neighbours (either direction) that were cut; only non-zero counts. */
  moreAt: Map<string, number>;
}

/** The two ends of every edge as node indices (-1 when an end is not a node). */
interface EdgeIndex {
  from: Int32Array;
  to: Int32Array;
}

/** Neighbour lists of every node by index, both directions, in compact arrays. */
interface Adjacency {
  start: Int32Array;
  next: Int32Array;
}

/** Looks up each edge's ends once; every later step works on indices. */
function indexEdges(edges: readonly { from: string; to: string }[], index: ReadonlyMap<string, number>): EdgeIndex {
  const from = new Int32Array(edges.length);
  const to = new Int32Array(edges.length);
  edges.forEach((edge, k) => {
    const a = index.get(edge.from);
    const b = index.get(edge.to);
    from[k] = a === undefined || b === undefined ? -1 : a;
    to[k] = a === undefined || b === undefined ? -1 : b;
  });
  return { from, to };
}

/** The adjacency of the edges whose two ends are nodes. */
function adjacencyOf(count: number, ends: EdgeIndex): Adjacency {
  const start = new Int32Array(count + 1);
  for (let k = 0; k < ends.from.length; k += 1) {
    if (ends.from[k]! < 0) continue;
    start[ends.from[k]! + 1]! += 1;
    start[ends.to[k]! + 1]! += 1;
  }
  for (let i = 0; i < count; i += 1) start[i + 1]! += start[i]!;
  const fill = start.slice(0, count);
  const next = new Int32Array(start[count]!);
  for (let k = 0; k < ends.from.length; k += 1) {
    const [a, b] = [ends.from[k]!, ends.to[k]!];
    if (a < 0) continue;
    next[fill[a]!++] = b;
    next[fill[b]!++] = a;
  }
  return { start, next };
}

/** Node indices in the order they are kept: roots, then closer, then more critical (missing last), then by id. */
function keepOrder(nodes: readonly RankableNode[], roots: ReadonlySet<string>): number[] {
  const order = nodes.map((_, i) => i);
  const critical = (n: RankableNode) => n.facets.criticality ?? Infinity;
  return order.sort((i, j) => {
    const a = nodes[i]!;
    const b = nodes[j]!;
    const rooted = Number(roots.has(b.id)) - Number(roots.has(a.id));
    if (rooted !== 0) return rooted;
    if (a.depth !== b.depth) return a.depth - b.depth;
    if (critical(a) !== critical(b)) return critical(a) < critical(b) ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** Keeps the neighbours of every expanded node that is kept, including nodes kept this way. */
function keepExpanded(kept: Uint8Array, adjacency: Adjacency, expanded: readonly number[]): void {
  const expand = new Uint8Array(kept.length);
  for (const i of expanded) expand[i] = 1;
  const queue = expanded.filter((i) => kept[i]);
  for (let q = 0; q < queue.length; q += 1) {
    const i = queue[q]!;
    for (let k = adjacency.start[i]!; k < adjacency.start[i + 1]!; k += 1) {
      const j = adjacency.next[k]!;
      if (kept[j]) continue;
      kept[j] = 1;
      if (expand[j]) queue.push(j);
    }
  }
}

/** For each kept node, the number of distinct neighbours that were cut. */
function countCut(nodes: readonly RankableNode[], kept: Uint8Array, adjacency: Adjacency): Map<string, number> {
  const moreAt = new Map<string, number>();
  const seenBy = new Int32Array(nodes.length).fill(-1);
  for (let i = 0; i < nodes.length; i += 1) {
    if (!kept[i]) continue;
    let count = 0;
    for (let k = adjacency.start[i]!; k < adjacency.start[i + 1]!; k += 1) {
      const j = adjacency.next[k]!;
      if (kept[j] || seenBy[j] === i) continue;
      seenBy[j] = i;
      count += 1;
    }
    if (count > 0) moreAt.set(nodes[i]!.id, count);
  }
  return moreAt;
}

/**
 * The map cut to `budget` nodes: every root, then the best-ranked nodes, then
 * the neighbours of expanded nodes (past the budget on purpose). Node and edge
 * order is kept; edges whose ends are not both kept (or not nodes) are dropped.
 */
export function cutToBudget<N extends RankableNode, E extends { from: string; to: string }>(nodes: readonly N[], edges: readonly E[], options: CutOptions): CutResult<N, E> {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const ends = indexEdges(edges, index);
  const kept = new Uint8Array(nodes.length);
  const keptEdges = () => edges.filter((_, k) => ends.from[k]! >= 0 && kept[ends.from[k]!] && kept[ends.to[k]!]);
  if (nodes.length <= options.budget) {
    kept.fill(1);
    return { nodes: [...nodes], edges: keptEdges(), cut: 0, moreAt: new Map() };
  }
  const roots = new Set(options.roots);
  const order = keepOrder(nodes, roots);
  const rootCount = order.findIndex((i) => !roots.has(nodes[i]!.id));
  for (const i of order.slice(0, Math.max(options.budget, rootCount < 0 ? nodes.length : rootCount))) kept[i] = 1;
  const adjacency = adjacencyOf(nodes.length, ends);
  keepExpanded(kept, adjacency, options.expanded.flatMap((id) => index.get(id) ?? []));
  const keptNodes = nodes.filter((_, i) => kept[i]);
  return { nodes: keptNodes, edges: keptEdges(), cut: nodes.length - keptNodes.length, moreAt: countCut(nodes, kept, adjacency) };
}
