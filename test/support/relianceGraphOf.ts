import type { CIType } from '../../schema/ciTypes.ts';
import { ciTypeCode, RelianceKind, type RelianceGraph } from '../../schema/relianceGraph.ts';
import { buildAdjacency } from '../../server/analysis/adjacency.ts';
import { computeImpact } from '../../server/analysis/computeImpact.ts';
import { listImpacted } from '../../server/analysis/listImpacted.ts';
import { State } from '../../server/analysis/states.ts';

/** A node of a drawn topology: its type, and for groups `minHealthy` and (optionally) the estate-wide member count. */
type NodeSpec = CIType | { type: CIType; minHealthy?: number; members?: number; criticality?: number };

/**
 * Builds a RelianceGraph from a drawing: `a -> b` a relies on b (hard),
 * `a ~> b` soft DEPENDS_ON, `g => m` group g has member m. Undeclared ids are Components.
 */
export function relianceGraphOf(nodes: Record<string, NodeSpec>, edges: string[]): RelianceGraph {
  const ids = [...new Set([...Object.keys(nodes), ...edges.flatMap((e) => e.split(/\s*(?:->|~>|=>)\s*/))])];
  const local = new Map(ids.map((id, i) => [id, i]));
  const specOf = (id: string) => {
    const spec = nodes[id] ?? 'Component';
    return typeof spec === 'string' ? { type: spec } : spec;
  };
  const edgeParts = edges.map((e) => {
    const match = /^(\S+)\s*(->|~>|=>)\s*(\S+)$/.exec(e.trim());
    if (!match) throw new Error(`bad edge: ${e}`);
    const kind = match[2] === '->' ? RelianceKind.hard : match[2] === '~>' ? RelianceKind.soft : RelianceKind.member;
    return { from: local.get(match[1]!)!, to: local.get(match[3]!)!, kind };
  });
  const memberEdges = (i: number) => edgeParts.filter((e) => e.from === i && e.kind === RelianceKind.member).length;
  return {
    ids,
    names: ids.map((id) => `Name of ${id}`),
    types: Uint8Array.from(ids.map((id) => ciTypeCode.get(specOf(id).type)!)),
    minHealthy: Int32Array.from(ids.map((id) => (specOf(id).type === 'RedundancyGroup' ? ((specOf(id) as { minHealthy?: number }).minHealthy ?? 1) : 0))),
    criticality: Uint8Array.from(ids.map((id) => (specOf(id) as { criticality?: number }).criticality ?? 0)),
    memberCounts: Int32Array.from(ids.map((id, i) => (specOf(id).type === 'RedundancyGroup' ? ((specOf(id) as { members?: number }).members ?? memberEdges(i)) : 0))),
    extractionDepth: new Int32Array(ids.length),
    edgeFrom: Int32Array.from(edgeParts.map((e) => e.from)),
    edgeTo: Int32Array.from(edgeParts.map((e) => e.to)),
    edgeKinds: Uint8Array.from(edgeParts.map((e) => e.kind)),
    linkFrom: new Int32Array(0),
    linkTypes: new Uint8Array(0),
    linkTo: [],
    truncated: false,
  };
}

/** Runs the impact computation on a drawn graph; returns each impacted id's state, depth and path. */
export function impactOn(graph: RelianceGraph, targets: Record<string, 'down' | 'degraded'>) {
  const local = new Map(graph.ids.map((id, i) => [id, i]));
  const computation = computeImpact(graph, buildAdjacency(graph), Object.entries(targets).map(([id, effect]) => ({
    node: local.get(id)!,
    effect: effect === 'down' ? State.down : State.degraded,
  })));
  const { impacted, services } = listImpacted(graph, computation);
  return {
    states: Object.fromEntries(impacted.map((i) => [i.id, i.state])),
    depths: Object.fromEntries(impacted.map((i) => [i.id, i.depth])),
    paths: Object.fromEntries(impacted.map((i) => [i.id, i.path])),
    impacted,
    services,
  };
}
