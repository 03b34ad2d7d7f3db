import { ciTypeCode, RelianceKind, type RelianceGraph } from '../../schema/relianceGraph.ts';
import type { Adjacency } from './adjacency.ts';
import { contribution, groupState, State } from './states.ts';
import { shortestPathTree } from './shortestPathTree.ts';
import { stronglyConnectedComponents } from './stronglyConnectedComponents.ts';

const groupType = ciTypeCode.get('RedundancyGroup')!;

/** A target of an impact analysis: a node and the effect imposed on it. */
export interface NodeTarget {
  node: number;
  effect: typeof State.down | typeof State.degraded;
}

/**
 * Per-node outcome: state code, depth and the parent on its explanation path
 * (-1 where none), and the impacted nodes in breadth-first order.
 */
export interface ImpactComputation {
  states: Uint8Array;
  depths: Int32Array;
  parents: Int32Array;
  order: number[];
}

/**
 * Computes every node's state as the least fixpoint of impact-semantics.md.
 * Strongly connected components are settled dependencies first; inside a cycle
 * all nodes are re-evaluated together in rounds until nothing changes, so the
 * result never depends on traversal or insertion order (the group rules are not
 * monotone, which makes the evaluation order matter for naive worklists).
 */
export function computeImpact(graph: RelianceGraph, adjacency: Adjacency, targets: readonly NodeTarget[]): ImpactComputation {
  const n = graph.ids.length;
  const effects = new Uint8Array(n);
  for (const t of targets) effects[t.node] = Math.max(effects[t.node]!, t.effect);
  const states = Uint8Array.from(effects);
  const evaluate = (x: number): number => evaluateNode(graph, adjacency, states, effects, x);
  const { order, starts } = stronglyConnectedComponents(n, adjacency.outOffsets, adjacency.outNodes);
  const next: number[] = [];
  for (let c = 0; c + 1 < starts.length; c += 1) {
    const from = starts[c]!;
    const to = starts[c + 1]!;
    if (to - from === 1) {
      const x = order[from]!;
      states[x] = Math.max(states[x]!, evaluate(x));
      continue;
    }
    for (let changed = true; changed; ) {
      changed = false;
      next.length = 0;
      for (let i = from; i < to; i += 1) next.push(evaluate(order[i]!));
      for (let i = from; i < to; i += 1) {
        const x = order[i]!;
        if (next[i - from]! > states[x]!) {
          states[x] = next[i - from]!;
          changed = true;
        }
      }
    }
  }
  // Depth and explanation: shortest chains from the targets through impacted nodes only.
  const tree = shortestPathTree(graph.ids, adjacency, targets.map((t) => t.node), { forward: false, passes: (x) => states[x] !== State.ok });
  return { states, ...tree };
}

/** The worst of a node's own effect and every contribution of what it relies on. */
function evaluateNode(graph: RelianceGraph, adjacency: Adjacency, states: Uint8Array, effects: Uint8Array, x: number): number {
  let s = effects[x]!;
  let affected = false;
  let down = 0;
  let degraded = false;
  for (let e = adjacency.outOffsets[x]!; e < adjacency.outOffsets[x + 1]!; e += 1) {
    const y = adjacency.outNodes[e]!;
    const kind = adjacency.outKinds[e]!;
    const ys = states[y]!;
    if (kind !== RelianceKind.member) {
      s = Math.max(s, contribution(kind, ys));
    } else if (ys !== State.ok) {
      affected = true;
      if (ys === State.down) down += 1;
      else if (ys === State.degraded) degraded = true;
    }
  }
  if (graph.types[x] === groupType) {
    s = Math.max(s, groupState(affected, down, degraded, graph.memberCounts[x]!, graph.minHealthy[x]!));
  }
  return s;
}
