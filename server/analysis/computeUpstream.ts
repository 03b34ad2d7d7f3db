import type { CandidateCause, UpstreamDependency } from '../../schema/impact.ts';
import { ciTypeOf, type RelianceGraph } from '../../schema/relianceGraph.ts';
import type { Adjacency } from './adjacency.ts';
import { compareText as compare } from '../../schema/ordering.ts';
import { pathsFromTree, shortestPathTree } from './shortestPathTree.ts';

/** Evidence for ranking beyond the graph itself, each by CI id. */
export interface RankingEvidence {
  /** When its configuration last changed in the look-back window (the history). */
  changedAt: ReadonlyMap<string, string>;
  /** Change records that target it, in progress or implemented in the look-back window. */
  changes?: ReadonlyMap<string, readonly string[]>;
  /** Open incidents on it. */
  incidents?: ReadonlyMap<string, readonly string[]>;
}

/**
 * The incident view of impact-semantics.md: everything the symptomatic nodes
 * rely on, with depth and path from the nearest symptomatic node that relies on
 * it, and candidate causes ranked: relied on by more symptoms, then recently
 * changed (a change record in progress or implemented, or a configuration
 * change), then with an open incident, then nearer, then by id.
 */
export function computeUpstream(
  graph: RelianceGraph,
  adjacency: Adjacency,
  symptoms: readonly number[],
  evidence: RankingEvidence,
): { dependencies: UpstreamDependency[]; ranked: UpstreamDependency[] } {
  const reliedOnBy = symptomsRelyingOnEachNode(graph, adjacency, symptoms);
  const tree = shortestPathTree(graph.ids, adjacency, symptoms, { forward: true });
  const paths = pathsFromTree(graph.ids, tree);
  const symptomSet = new Set(symptoms);
  const dependencies: UpstreamDependency[] = [];
  for (const [node, relying] of reliedOnBy) {
    let depth = tree.depths[node]!;
    let path = paths[node]!;
    if (symptomSet.has(node)) {
      // A symptomatic node that others rely on: measure it from the others.
      const others = shortestPathTree(graph.ids, adjacency, symptoms.filter((s) => s !== node), { forward: true });
      depth = others.depths[node]!;
      path = pathsFromTree(graph.ids, others)[node]!;
    }
    dependencies.push({ id: graph.ids[node]!, type: ciTypeOf(graph.types[node]!), name: graph.names[node]!, depth, path, reliedOnBy: relying });
  }
  dependencies.sort((a, b) => a.depth - b.depth || compare(a.id, b.id));
  const changed = (d: UpstreamDependency) => (evidence.changedAt.has(d.id) || evidence.changes?.has(d.id) ? 1 : 0);
  const incident = (d: UpstreamDependency) => (evidence.incidents?.has(d.id) ? 1 : 0);
  const ranked = [...dependencies].sort(
    (a, b) => b.reliedOnBy.length - a.reliedOnBy.length || changed(b) - changed(a) || incident(b) - incident(a) || a.depth - b.depth || compare(a.id, b.id),
  );
  return { dependencies, ranked };
}

/** Why a dependency ranks where it does, in words for the responder. */
export function explainCandidate(dependency: UpstreamDependency, rank: number, symptomCount: number, evidence: RankingEvidence): CandidateCause {
  const reasons = [`relied on by ${dependency.reliedOnBy.length} of ${symptomCount} symptomatic CIs (${dependency.reliedOnBy.join(', ')})`];
  const changes = evidence.changes?.get(dependency.id);
  if (changes) reasons.push(`changed by ${changes.join(', ')}`);
  const changedAt = evidence.changedAt.get(dependency.id);
  if (changedAt) reasons.push(`configuration changed at ${changedAt}`);
  const incidents = evidence.incidents?.get(dependency.id);
  if (incidents) reasons.push(`open incident${incidents.length === 1 ? '' : 's'} ${incidents.join(', ')}`);
  reasons.push(`${dependency.depth} hop${dependency.depth === 1 ? '' : 's'} from ${dependency.path[0]}`);
  return { id: dependency.id, name: dependency.name, rank, reasons };
}

/** For each node reached from some symptom (other than itself), the symptom ids that rely on it. */
function symptomsRelyingOnEachNode(graph: RelianceGraph, adjacency: Adjacency, symptoms: readonly number[]): Map<number, string[]> {
  const relying = new Map<number, string[]>();
  const seen = new Int32Array(graph.ids.length).fill(-1);
  const ordered = [...new Set(symptoms)].sort((a, b) => compare(graph.ids[a]!, graph.ids[b]!));
  for (const [stamp, symptom] of ordered.entries()) {
    const queue = [symptom];
    seen[symptom] = stamp;
    for (let head = 0; head < queue.length; head += 1) {
      const y = queue[head]!;
      for (let e = adjacency.outOffsets[y]!; e < adjacency.outOffsets[y + 1]!; e += 1) {
        const x = adjacency.outNodes[e]!;
        if (seen[x] === stamp) continue;
        seen[x] = stamp;
        queue.push(x);
      }
    }
    for (const x of queue) {
      if (x === symptom) continue;
      let list = relying.get(x);
      if (!list) relying.set(x, (list = []));
      list.push(graph.ids[symptom]!);
    }
  }
  return relying;
}
