import type { ImpactedCI, ImpactedService } from '../../schema/impact.ts';
import { ciTypeOf, type RelianceGraph } from '../../schema/relianceGraph.ts';
import type { ImpactComputation } from './computeImpact.ts';
import { pathsFromTree } from './shortestPathTree.ts';
import { State, stateName, type ImpactState } from './states.ts';
import { compareText as compare } from '../../schema/ordering.ts';

/**
 * The impacted CIs of a computation, nearest first (then by id), each with its
 * explanation path; and the impacted services, worst state first, then most
 * critical (unknown criticality last), then by id.
 */
export function listImpacted(graph: RelianceGraph, computation: ImpactComputation): { impacted: ImpactedCI[]; services: ImpactedService[] } {
  const paths = pathsFromTree(graph.ids, computation);
  const impacted: ImpactedCI[] = [];
  const services: ImpactedService[] = [];
  for (const node of orderedByDepthThenId(graph.ids, computation)) {
    const entry: ImpactedCI = {
      id: graph.ids[node]!,
      type: ciTypeOf(graph.types[node]!),
      name: graph.names[node]!,
      state: stateName(computation.states[node]!) as ImpactState,
      depth: computation.depths[node]!,
      path: paths[node]!,
    };
    impacted.push(entry);
    if (entry.type === 'Service') {
      const criticality = graph.criticality[node]!;
      services.push(criticality ? { ...entry, criticality } : entry);
    }
  }
  const rank = (s: ImpactedService) => s.criticality ?? 99;
  services.sort((a, b) => State[b.state] - State[a.state] || rank(a) - rank(b) || compare(a.id, b.id));
  return { impacted, services };
}

/** The reached nodes nearest first, then by id: breadth-first order is already by depth, so only each level is sorted. */
function orderedByDepthThenId(ids: readonly string[], computation: ImpactComputation): number[] {
  const { order, depths } = computation;
  const sorted: number[] = [];
  const byId = (a: number, b: number) => compare(ids[a]!, ids[b]!);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end < order.length && depths[order[end]!] === depths[order[start]!]) end += 1;
    for (const node of order.slice(start, end).sort(byId)) sorted.push(node);
    start = end;
  }
  return sorted;
}
