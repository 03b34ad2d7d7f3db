import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { limits } from '../../../schema/limits.ts';
import { ciTypeCode, emptyRelianceGraph, linkTypes, RelianceKind, type LinkType, type RelianceGraph } from '../../../schema/relianceGraph.ts';
import type { CIType } from '../../../schema/ciTypes.ts';
import { LimitExceededError, NotFoundError } from '../../errors.ts';
import { boundedBreadthFirst } from '../boundedBreadthFirst.ts';
import type { RelianceRequest } from '../GraphStore.ts';
import * as cypher from './cypher.ts';

const chunkSize = 10_000;

/** A CI as the closure query returns it, with its outgoing reliance edges. */
interface ClosureRow {
  id: string;
  type: CIType;
  name: string;
  minHealthy: unknown;
  criticality: unknown;
  out: [string, string | null, string][];
  links: [string, string][];
}

/**
 * Extracts the reliance graph in one query (see cypher.relianceClosure). Only when
 * the closure is larger than `maxCIs` and the caller asked for a truncated answer
 * does it walk level by level, so the cut falls where the embedded store cuts.
 */
export async function extractRelianceGraph(tx: ManagedTransaction, request: RelianceRequest): Promise<RelianceGraph> {
  const maxCIs = request.maxCIs ?? limits.subgraphCIsDefault;
  const maxDepth = request.maxDepth ?? limits.subgraphDepthDefault;
  const roots = [...new Set(request.roots)];
  const forward = request.direction === 'upstream';
  const query = cypher.relianceClosure(forward, maxDepth);
  let rows = (await tx.run(query, { roots, linkRoots: roots, limit: neo4j.int(maxCIs + 1) })).records.map((r) => r.toObject() as ClosureRow);
  const found = new Set(rows.map((row) => row.id));
  let missing = roots.filter((id) => !found.has(id));
  if (missing.length && rows.length > maxCIs) {
    // The limit may have cut a root off the rows: ask about those roots directly.
    const existing = new Set((await tx.run(cypher.ciIdsExist, { ids: missing })).records.map((r) => r.get('id') as string));
    missing = missing.filter((id) => !existing.has(id));
  }
  if (missing.length) throw new NotFoundError(`unknown CI: ${missing.join(', ')}`, missing);
  let truncated = false;
  if (rows.length > maxCIs) {
    if (request.onLimit !== 'truncate') throw new LimitExceededError(`the traversal reaches more than ${maxCIs} CIs; narrow it or raise maxCIs`, maxCIs);
    rows = await truncatedRows(tx, request, maxCIs);
    truncated = true;
  }
  return assemble(rows, roots, forward, truncated);
}

/** The CIs a level-by-level walk keeps at the size limit, with their fields and edges. */
async function truncatedRows(tx: ManagedTransaction, request: RelianceRequest, maxCIs: number): Promise<ClosureRow[]> {
  const edgesAt = cypher.relianceEdgesAt(request.direction === 'upstream');
  const { depths } = await boundedBreadthFirst({
    ...request,
    maxCIs,
    onLimit: 'truncate',
    expand: async (frontier) => {
      const reached: string[] = [];
      for (let start = 0; start < frontier.length; start += chunkSize) {
        const records = (await tx.run(edgesAt, { frontier: frontier.slice(start, start + chunkSize) })).records;
        for (const record of records) reached.push(record.get(request.direction === 'upstream' ? 'to' : 'from'));
      }
      return reached;
    },
  });
  const rows: ClosureRow[] = [];
  const ids = [...depths.keys()];
  for (let start = 0; start < ids.length; start += chunkSize) {
    const records = (await tx.run(cypher.relianceClosure(true, 0), { roots: ids.slice(start, start + chunkSize), linkRoots: request.roots, limit: neo4j.int(chunkSize) })).records;
    rows.push(...records.map((r) => r.toObject() as ClosureRow));
  }
  return rows;
}

/** Builds the RelianceGraph: node fields, edges among the chosen CIs, group sizes and hop distances. */
function assemble(rows: ClosureRow[], roots: string[], forward: boolean, truncated: boolean): RelianceGraph {
  const n = rows.length;
  const local = new Map(rows.map((row, u) => [row.id, u]));
  const graph = emptyRelianceGraph(n, truncated);
  graph.ids = rows.map((row) => row.id);
  graph.names = rows.map((row) => row.name);
  const from: number[] = [];
  const to: number[] = [];
  const kinds: number[] = [];
  const linkFrom: number[] = [];
  const linkCodes: number[] = [];
  rows.forEach((row, u) => {
    for (const [type, target] of row.links) {
      linkFrom.push(u);
      linkCodes.push(linkTypes.indexOf(type as LinkType));
      graph.linkTo.push(target);
    }
    graph.types[u] = ciTypeCode.get(row.type)!;
    const isGroup = row.type === 'RedundancyGroup';
    graph.minHealthy[u] = isGroup ? Math.max(1, Math.trunc(typeof row.minHealthy === 'number' ? row.minHealthy : 1)) : 0;
    graph.criticality[u] = Number.isInteger(row.criticality) ? (row.criticality as number) : 0;
    for (const [type, strength, target] of row.out) {
      if (type === 'HAS_MEMBER') graph.memberCounts[u]! += 1;
      const v = local.get(target);
      if (v === undefined) continue;
      from.push(u);
      to.push(v);
      kinds.push(type === 'HAS_MEMBER' ? RelianceKind.member : strength === 'soft' ? RelianceKind.soft : RelianceKind.hard);
    }
  });
  graph.edgeFrom = Int32Array.from(from);
  graph.edgeTo = Int32Array.from(to);
  graph.edgeKinds = Uint8Array.from(kinds);
  graph.linkFrom = Int32Array.from(linkFrom);
  graph.linkTypes = Uint8Array.from(linkCodes);
  graph.extractionDepth = hopDistances(n, roots.map((id) => local.get(id)!), forward ? from : to, forward ? to : from);
  return graph;
}

/** Breadth-first hop distances from the roots along edges `tails[e] → heads[e]`. */
function hopDistances(n: number, roots: number[], tails: number[], heads: number[]): Int32Array {
  const offsets = new Int32Array(n + 1);
  for (const t of tails) offsets[t + 1]! += 1;
  for (let i = 0; i < n; i += 1) offsets[i + 1]! += offsets[i]!;
  const cursor = offsets.slice(0, n);
  const next = new Int32Array(tails.length);
  tails.forEach((t, e) => (next[cursor[t]!++] = heads[e]!));
  const depth = new Int32Array(n).fill(-1);
  const queue: number[] = [];
  for (const root of roots) {
    if (depth[root] !== -1) continue;
    depth[root] = 0;
    queue.push(root);
  }
  for (let head = 0; head < queue.length; head += 1) {
    const u = queue[head]!;
    for (let e = offsets[u]!; e < offsets[u + 1]!; e += 1) {
      const v = next[e]!;
      if (depth[v] === -1) {
        depth[v] = depth[u]! + 1;
        queue.push(v);
      }
    }
  }
  return depth;
}
