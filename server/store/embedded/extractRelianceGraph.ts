import { limits } from '../../../schema/limits.ts';
import { ciTypeCode, emptyRelianceGraph, linkTypes, RelianceKind, type RelianceGraph } from '../../../schema/relianceGraph.ts';
import { relianceTypes } from '../../../schema/relationships.ts';
import { LimitExceededError, NotFoundError } from '../../errors.ts';
import type { RelianceRequest } from '../GraphStore.ts';
import { compareText } from '../../../schema/ordering.ts';
import { memberCode, softCode, typeMask, typeOfCode, type AdjacencyIndex } from './AdjacencyIndex.ts';

const relianceMask = typeMask(relianceTypes);
const coverageMask = typeMask(['COVERED_BY']);
const linkMask = typeMask(linkTypes);
const serviceType = ciTypeCode.get('Service')!;
/** Index of each edge code's type in `linkTypes`, or -1 for reliance codes. */
const linkCodeOf = typeOfCode.map((type) => (linkTypes as readonly string[]).indexOf(type));
const groupType = ciTypeCode.get('RedundancyGroup')!;

/**
 * Breadth-first extraction of the reliance graph from the in-memory index, in
 * typed arrays. `scratch` maps index numbers to local numbers (-1 = unseen) and
 * is left all -1 again on return, so calls reuse it without clearing 1M entries.
 */
export function extractRelianceGraph(index: AdjacencyIndex, request: RelianceRequest, scratch: Int32Array): RelianceGraph {
  const maxDepth = request.maxDepth ?? limits.subgraphDepthDefault;
  const maxCIs = request.maxCIs ?? limits.subgraphCIsDefault;
  const missing = request.roots.filter((id) => index.find(id) === undefined);
  if (missing.length) throw new NotFoundError(`unknown CI: ${missing.join(', ')}`, missing);
  const forward = request.direction === 'upstream';
  const nodes: number[] = [];
  const depths: number[] = [];
  let truncated = false;
  try {
    /** Takes a level into the result; returns false when the size limit cut it. */
    const admit = (level: number[], depth: number): boolean => {
      const room = maxCIs - nodes.length;
      if (level.length > room) {
        if (request.onLimit !== 'truncate') {
          throw new LimitExceededError(`the traversal reaches more than ${maxCIs} CIs; narrow it or raise maxCIs`, maxCIs);
        }
        level.sort((a, b) => compareText(index.idAt(a), index.idAt(b)));
        level.length = room;
        truncated = true;
      }
      for (const node of level) {
        scratch[node] = nodes.length;
        nodes.push(node);
        depths.push(depth);
      }
      return !truncated;
    };
    const roots = [...new Set(request.roots.map((id) => index.find(id)!))];
    let frontier = roots;
    let more = admit(roots, 0);
    for (let depth = 1; more && depth <= maxDepth && frontier.length > 0; depth += 1) {
      const level: number[] = [];
      for (const node of frontier) {
        index.forEachNeighbour(node, forward, relianceMask, (neighbour) => {
          if (scratch[neighbour] !== -1) return;
          scratch[neighbour] = -2; // seen in this level
          level.push(neighbour);
        });
      }
      for (const node of level) scratch[node] = -1;
      more = admit(level, depth);
      frontier = level;
    }
    return assemble(index, nodes, depths, scratch, truncated, roots.length);
  } finally {
    for (const node of nodes) scratch[node] = -1;
  }
}

/** Builds the RelianceGraph of the chosen nodes: their fields and the reliance edges among them. */
function assemble(index: AdjacencyIndex, nodes: number[], depths: number[], local: Int32Array, truncated: boolean, rootCount: number): RelianceGraph {
  const n = nodes.length;
  const graph = emptyRelianceGraph(n, truncated);
  graph.extractionDepth = Int32Array.from(depths);
  const from: number[] = [];
  const to: number[] = [];
  const kinds: number[] = [];
  const linkFrom: number[] = [];
  const linkCodes: number[] = [];
  for (let u = 0; u < n; u += 1) {
    const node = nodes[u]!;
    graph.ids[u] = index.idAt(node);
    graph.names[u] = index.names[node]!;
    graph.types[u] = index.typeCodes[node]!;
    graph.minHealthy[u] = index.minHealthy[node]!;
    graph.criticality[u] = index.criticality[node]!;
    let members = 0;
    // One pass over the CI's relationships: reliance edges inside the graph, and the links analysis needs.
    const links = u < rootCount || graph.types[u] === serviceType ? linkMask : coverageMask;
    index.forEachNeighbour(node, true, relianceMask | links, (neighbour, code) => {
      const link = linkCodeOf[code]!;
      if (link >= 0) {
        linkFrom.push(u);
        linkCodes.push(link);
        graph.linkTo.push(index.idAt(neighbour));
        return;
      }
      if (code === memberCode) members += 1;
      const v = local[neighbour]!;
      if (v < 0) return;
      from.push(u);
      to.push(v);
      kinds.push(code === memberCode ? RelianceKind.member : code === softCode ? RelianceKind.soft : RelianceKind.hard);
    });
    if (graph.types[u] === groupType) graph.memberCounts[u] = members;
  }
  graph.edgeFrom = Int32Array.from(from);
  graph.edgeTo = Int32Array.from(to);
  graph.edgeKinds = Uint8Array.from(kinds);
  graph.linkFrom = Int32Array.from(linkFrom);
  graph.linkTypes = Uint8Array.from(linkCodes);
  return graph;
}
