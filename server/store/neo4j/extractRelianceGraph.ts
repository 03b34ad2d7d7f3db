import type { ManagedTransaction } from 'neo4j-driver';
import { ciTypeCode, RelianceKind, type RelianceGraph } from '../../../schema/relianceGraph.ts';
import type { CIType } from '../../../schema/ciTypes.ts';
import { NotFoundError } from '../../errors.ts';
import { boundedBreadthFirst } from '../boundedBreadthFirst.ts';
import type { RelianceRequest } from '../GraphStore.ts';
import * as cypher from './cypher.ts';

const chunkSize = 10_000;

/**
 * Extracts the reliance graph with one Cypher query per breadth-first level
 * (bounded expansion from the frontier, never path enumeration), collecting the
 * relationships it walks; the nodes' fields come from one more query per chunk.
 */
export async function extractRelianceGraph(tx: ManagedTransaction, request: RelianceRequest): Promise<RelianceGraph> {
  const existing = new Set((await tx.run(cypher.ciIdsExist, { ids: request.roots })).records.map((r) => r.get('id') as string));
  const missing = request.roots.filter((id) => !existing.has(id));
  if (missing.length) throw new NotFoundError(`unknown CI: ${missing.join(', ')}`, missing);
  const edgesAt = cypher.relianceEdgesAt(request.direction === 'upstream');
  const edges: { from: string; to: string; kind: number }[] = [];
  const expanded = new Set<string>();
  /** Walks the frontier's edges, keeping them, and returns the CIs at their far ends. */
  const walk = async (frontier: string[]): Promise<string[]> => {
    const reached: string[] = [];
    for (let start = 0; start < frontier.length; start += chunkSize) {
      const chunk = frontier.slice(start, start + chunkSize);
      for (const id of chunk) expanded.add(id);
      for (const record of (await tx.run(edgesAt, { frontier: chunk })).records) {
        const from = record.get('from') as string;
        const to = record.get('to') as string;
        const type = record.get('type') as string;
        edges.push({ from, to, kind: type === 'HAS_MEMBER' ? RelianceKind.member : record.get('strength') === 'soft' ? RelianceKind.soft : RelianceKind.hard });
        reached.push(request.direction === 'upstream' ? to : from);
      }
    }
    return reached;
  };
  const { depths, truncated } = await boundedBreadthFirst({ ...request, expand: walk });
  // The last level reached was not expanded: walk it too, for the edges among reached CIs only.
  await walk([...depths.keys()].filter((id) => !expanded.has(id)));
  return assemble(await readNodes(tx, [...depths.keys()]), depths, edges, truncated);
}

type NodeFields = { id: string; type: CIType; name: string; minHealthy: unknown; criticality: unknown; members: number };

async function readNodes(tx: ManagedTransaction, ids: string[]): Promise<NodeFields[]> {
  const nodes: NodeFields[] = [];
  for (let start = 0; start < ids.length; start += chunkSize) {
    for (const record of (await tx.run(cypher.readRelianceNodes, { ids: ids.slice(start, start + chunkSize) })).records) {
      nodes.push(record.toObject() as NodeFields);
    }
  }
  return nodes;
}

function assemble(nodes: NodeFields[], depths: Map<string, number>, edges: { from: string; to: string; kind: number }[], truncated: boolean): RelianceGraph {
  const n = nodes.length;
  const local = new Map<string, number>();
  const graph: RelianceGraph = {
    ids: nodes.map((node) => node.id),
    types: new Uint8Array(n),
    names: nodes.map((node) => node.name),
    minHealthy: new Int32Array(n),
    criticality: new Uint8Array(n),
    memberCounts: new Int32Array(n),
    extractionDepth: new Int32Array(n),
    edgeFrom: new Int32Array(0),
    edgeTo: new Int32Array(0),
    edgeKinds: new Uint8Array(0),
    truncated,
  };
  nodes.forEach((node, u) => {
    local.set(node.id, u);
    graph.types[u] = ciTypeCode.get(node.type)!;
    const isGroup = node.type === 'RedundancyGroup';
    graph.minHealthy[u] = isGroup ? Math.max(1, Math.trunc(typeof node.minHealthy === 'number' ? node.minHealthy : 1)) : 0;
    graph.criticality[u] = Number.isInteger(node.criticality) ? (node.criticality as number) : 0;
    graph.memberCounts[u] = isGroup ? Number(node.members) : 0;
    graph.extractionDepth[u] = depths.get(node.id)!;
  });
  const from: number[] = [];
  const to: number[] = [];
  const kinds: number[] = [];
  for (const edge of edges) {
    const u = local.get(edge.from);
    const v = local.get(edge.to);
    if (u === undefined || v === undefined) continue;
    from.push(u);
    to.push(v);
    kinds.push(edge.kind);
  }
  graph.edgeFrom = Int32Array.from(from);
  graph.edgeTo = Int32Array.from(to);
  graph.edgeKinds = Uint8Array.from(kinds);
  return graph;
}
