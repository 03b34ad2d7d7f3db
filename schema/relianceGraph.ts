import type { CIType } from './ciTypes.ts';
import { ciTypes } from './ciTypes.ts';

/**
 * The compact, array-based form in which a store hands the reachable part of the
 * reliance graph to the analysis (impact, upstream). Nodes are numbered 0..n-1;
 * plain arrays and typed arrays only, so it is cheap to build at a million CIs
 * and identical whichever store built it.
 */
export interface RelianceGraph {
  /** CI id of each node. */
  ids: string[];
  /** CI type of each node, as an index into `ciTypes`. */
  types: Uint8Array;
  names: string[];
  /** `minHealthy` of RedundancyGroup nodes (1 when absent); 0 for other nodes. */
  minHealthy: Int32Array;
  /** `criticality` of Service nodes (1 most critical); 0 when absent. */
  criticality: Uint8Array;
  /** For RedundancyGroup nodes: how many members the group has in the whole estate. */
  memberCounts: Int32Array;
  /** Hop distance from the nearest root in the direction of extraction. */
  extractionDepth: Int32Array;
  /** Reliance relationships among the nodes: `edgeFrom[e]` relies on `edgeTo[e]` in the way `edgeKinds[e]` says. */
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeKinds: Uint8Array;
  /**
   * Informational relationships from the nodes, for the people and contracts of an
   * impact: COVERED_BY of every node; OWNED_BY and SUPPORTED_BY of services and
   * roots only (the CIs whose teams are told). Node `linkFrom[l]` has a
   * `linkTypes[l]` (index into `linkTypes`) to the CI `linkTo[l]`.
   */
  linkFrom: Int32Array;
  linkTypes: Uint8Array;
  linkTo: string[];
  /** True when the extraction stopped at its size limit (the caller asked for a bounded answer). */
  truncated: boolean;
}

/** The informational relationships a RelianceGraph carries for each node, by code. */
export const linkTypes = ['OWNED_BY', 'SUPPORTED_BY', 'COVERED_BY'] as const;
export type LinkType = (typeof linkTypes)[number];

/** How a reliance relationship propagates state (impact-semantics.md). */
export const RelianceKind = {
  /** `DEPENDS_ON` (hard), `RUNS_ON`, `PROVIDED_BY`: state passes unchanged. */
  hard: 0,
  /** `DEPENDS_ON` soft: down or degraded becomes degraded; at_risk does not pass. */
  soft: 1,
  /** `HAS_MEMBER`: counted by the group rules only. */
  member: 2,
} as const;

/** Code of each CI type in `RelianceGraph.types`. */
export const ciTypeCode = new Map<CIType, number>(ciTypes.map((type, code) => [type, code]));

/** The CI type of a code. */
export function ciTypeOf(code: number): CIType {
  return ciTypes[code]!;
}

/**
 * Marks a graph truncated when some node sits at the depth bound: what lies beyond
 * it was not explored. One rule for every store, so answers compare equal.
 */
export function flagDepthBound(graph: RelianceGraph, maxDepth: number): RelianceGraph {
  if (!graph.truncated && graph.extractionDepth.some((depth) => depth >= maxDepth)) graph.truncated = true;
  return graph;
}

/** A RelianceGraph of `n` nodes with zeroed fields and no edges, for adapters to fill in. */
export function emptyRelianceGraph(n: number, truncated: boolean): RelianceGraph {
  return {
    ids: new Array<string>(n),
    types: new Uint8Array(n),
    names: new Array<string>(n),
    minHealthy: new Int32Array(n),
    criticality: new Uint8Array(n),
    memberCounts: new Int32Array(n),
    extractionDepth: new Int32Array(n),
    edgeFrom: new Int32Array(0),
    edgeTo: new Int32Array(0),
    edgeKinds: new Uint8Array(0),
    linkFrom: new Int32Array(0),
    linkTypes: new Uint8Array(0),
    linkTo: [],
    truncated,
  };
}
