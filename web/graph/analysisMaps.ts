import type { MapNode } from '../../schema/explorer.ts';
import type { ImpactReport, UpstreamReport } from '../../schema/impact.ts';
import { edgeKey, type DrawnEdge } from './mapGraph.ts';

/** A map built from an analysis: what the map pipeline (shapeMap) reads. */
export interface AnalysisMap {
  nodes: MapNode[];
  edges: DrawnEdge[];
}

/**
 * The impact as a map: every impacted CI, joined by the explanation chains
 * (each CI to the one it relies on, on its shortest path from a target). The
 * chains form a tree, which reads better than every reliance among them.
 */
export function impactToMap(report: ImpactReport): AnalysisMap {
  const criticality = new Map(report.services.map((s) => [s.id, s.criticality]));
  const nodes: MapNode[] = report.impacted.map((ci) => {
    const c = criticality.get(ci.id);
    return { id: ci.id, type: ci.type, name: ci.name, depth: ci.depth, facets: c === undefined ? {} : { criticality: c } };
  });
  // path: target first, each next id relies on the one before it.
  return { nodes, edges: chainEdges(report.impacted.map((ci) => ci.path), (path, i) => [path[i + 1]!, path[i]!]) };
}

/**
 * The upstream view as a map: the symptomatic CIs and everything they rely on,
 * joined by the chains from the nearest symptom and by `relationships` among
 * them (the real reliance edges of the upstream neighbourhood, when loaded: a
 * dependency shared by several symptoms shows as shared only through them).
 */
export function upstreamToMap(report: UpstreamReport, known: { names?: ReadonlyMap<string, { name: string; type: MapNode['type'] }>; relationships?: readonly DrawnEdge[] } = {}): AnalysisMap {
  const names = known.names ?? new Map();
  const symptoms: MapNode[] = report.symptoms.map((id) => ({ id, type: names.get(id)?.type ?? 'Service', name: names.get(id)?.name ?? id, depth: 0, facets: {} }));
  const dependencies: MapNode[] = report.dependencies.map((d) => ({ id: d.id, type: d.type, name: d.name, depth: d.depth, facets: {} }));
  const seen = new Set(symptoms.map((s) => s.id));
  const nodes = [...symptoms, ...dependencies.filter((d) => !seen.has(d.id))];
  // path: nearest symptomatic CI first, each id relies on the next.
  const chains = chainEdges(report.dependencies.map((d) => d.path), (path, i) => [path[i]!, path[i + 1]!]);
  const ids = new Set(nodes.map((n) => n.id));
  const chained = new Set(chains.map((e) => `${e.from} ${e.to}`));
  const more = (known.relationships ?? []).filter((e) => ids.has(e.from) && ids.has(e.to) && !chained.has(`${e.from} ${e.to}`));
  return { nodes, edges: [...chains, ...more] };
}

/** One edge per consecutive pair of every chain, each once; `ends` says which of the pair relies on the other. */
function chainEdges(paths: readonly string[][], ends: (path: string[], i: number) => [from: string, to: string]): DrawnEdge[] {
  const edges = new Map<string, DrawnEdge>();
  for (const path of paths) {
    for (let i = 0; i + 1 < path.length; i += 1) {
      const [from, to] = ends(path, i);
      const edge: DrawnEdge = { from, type: 'DEPENDS_ON', to };
      edges.set(edgeKey(edge), edge);
    }
  }
  return [...edges.values()];
}
