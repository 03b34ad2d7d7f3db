import { impactRequestSchema, type ImpactReport, type ImpactRequest } from '../../schema/impact.ts';
import { limits } from '../../schema/limits.ts';
import { buildAdjacency } from '../analysis/adjacency.ts';
import { computeImpact, type NodeTarget } from '../analysis/computeImpact.ts';
import { linksOfImpact } from '../analysis/linksOfImpact.ts';
import { listImpacted } from '../analysis/listImpacted.ts';
import { State } from '../analysis/states.ts';
import { summarizeParties } from '../analysis/summarizeParties.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';

/** Settings of the impact analysis that the operator, not the caller, decides. */
export interface AnalysisSettings {
  /** Largest traversal an analysis may make. */
  maxCIs: number;
}

/**
 * Impact of a proposed change (impact-semantics.md): extracts what relies on the
 * targets (with who owns, supports and covers it) from the store, computes states
 * in memory, then reads the contracts' suppliers and the parties' details.
 */
export async function assessImpact(store: GraphStore, input: ImpactRequest, settings: AnalysisSettings): Promise<ImpactReport> {
  const request = parseOrThrow(impactRequestSchema, input, 'impact request');
  const graph = await store.extractRelianceGraph({
    roots: request.targets.map((t) => t.id),
    direction: 'downstream',
    maxDepth: limits.subgraphDepthMax,
    maxCIs: Math.min(request.maxCIs ?? settings.maxCIs, settings.maxCIs),
    onLimit: request.onLimit,
  });
  const nodeOf = nodesOf(graph.ids, new Set(request.targets.map((t) => t.id)));
  const targets: NodeTarget[] = request.targets.map((t) => ({ node: nodeOf.get(t.id)!, effect: t.effect === 'degraded' ? State.degraded : State.down }));
  const computation = computeImpact(graph, buildAdjacency(graph), targets);
  const { impacted, services } = listImpacted(graph, computation);

  const targetIds = request.targets.map((t) => t.id);
  const notifyFor = new Set([...targetIds, ...services.map((s) => s.id)]);
  const ownershipAndCoverage = linksOfImpact(graph, computation.states, notifyFor);
  const contracts = [...new Set(ownershipAndCoverage.filter((r) => r.type === 'COVERED_BY').map((r) => r.to))];
  const links = [...ownershipAndCoverage, ...(await store.listRelationshipKeysFrom(contracts, ['AGREED_WITH']))];
  const parties = new Map((await store.findCIs([...new Set(links.map((r) => r.to))])).map((ci) => [ci.id, ci]));

  const counts = { impacted: impacted.length, down: 0, degraded: 0, at_risk: 0, services: services.length };
  for (const i of impacted) counts[i.state] += 1;
  return {
    targets: request.targets,
    impacted,
    services,
    ...summarizeParties({ notifyFor, links, parties }),
    counts,
    truncated: graph.truncated,
  };
}

/** The node numbers of a few ids, without indexing every node of a large graph. */
export function nodesOf(ids: readonly string[], wanted: ReadonlySet<string>): Map<string, number> {
  const found = new Map<string, number>();
  for (let node = 0; node < ids.length && found.size < wanted.size; node += 1) {
    if (wanted.has(ids[node]!)) found.set(ids[node]!, node);
  }
  return found;
}
