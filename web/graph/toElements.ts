import type { ImpactedCI } from '../../schema/impact.ts';
import { classesOf, labelCharacters, shortLabel, type EdgeDefinition, type NodeDefinition } from './elements.ts';
import { edgeKey, type DrawnEdge, type DrawnNode } from './mapGraph.ts';
import { statePalette } from './graphStyle.ts';

/**
 * The map's nodes and edges as cytoscape elements: what each node is, its
 * impact state or candidate rank, what it hides, and the selected path.
 */

/** An impact state a node can be drawn in. */
export type NodeState = ImpactedCI['state'];

/** What a map node carries for the stylesheet, tooltips and clicks. */
export interface MapNodeData {
  id: string;
  label: string;
  /** The whole name, for a tooltip when the label is cut. */
  name: string;
  type: DrawnNode['type'];
  kind?: string;
  criticality?: number;
  state?: NodeState;
  /** Rank as a candidate cause (1 most likely). */
  rank?: number;
  /** Neighbours not drawn ("show N more"). */
  more?: number;
  /** CIs a collapsed group stands for. */
  memberCount?: number;
  stale: boolean;
}

/** What a map edge carries: drawn from the relying CI (source) to what it relies on (target). */
export interface MapEdgeData {
  id: string;
  source: string;
  target: string;
  type: DrawnEdge['type'];
  soft: boolean;
  /** Relationships the edge stands for (more than one after a roll-up). */
  count: number;
}

/** A map element definition. */
export type MapElement = NodeDefinition<MapNodeData> | EdgeDefinition<MapEdgeData>;

/** What decorates a map beyond its nodes and edges. */
export interface ElementOptions {
  roots: readonly string[];
  /** Impact state of each impacted node (an impact or upstream page). */
  impact?: ReadonlyMap<string, { state: NodeState; path?: string[] }>;
  /** Candidate-cause rank of each candidate node. */
  candidates?: ReadonlyMap<string, number>;
  /** Cut neighbours per node, from cutToBudget. */
  moreAt: ReadonlyMap<string, number>;
  /** The highlighted path; without edge keys, edges between consecutive nodes are on it. */
  selectedPath?: { nodes: readonly string[]; edges?: readonly string[] };
}

/** The impact states by CI id, for `ElementOptions.impact`. */
export function impactById(impacted: readonly Pick<ImpactedCI, 'id' | 'state' | 'path'>[]): Map<string, { state: NodeState; path: string[] }> {
  return new Map(impacted.map((ci) => [ci.id, { state: ci.state, path: ci.path }]));
}

/** The cytoscape elements of a map: every node, then every edge whose two ends are drawn (each id once). */
export function toElements(nodes: readonly DrawnNode[], edges: readonly DrawnEdge[], options: ElementOptions): MapElement[] {
  const roots = new Set(options.roots);
  const pathNodes = new Set(options.selectedPath?.nodes ?? []);
  const elements: MapElement[] = [];
  const ids = new Set<string>();
  for (const n of nodes) {
    if (ids.has(n.id)) continue;
    ids.add(n.id);
    elements.push(nodeElement(n, options, { root: roots.has(n.id), onPath: pathNodes.has(n.id) }));
  }
  const onPath = pathEdgeTest(options.selectedPath);
  const edgeIds = new Set<string>();
  for (const e of edges) {
    const id = edgeKey(e);
    if (!ids.has(e.from) || !ids.has(e.to) || edgeIds.has(id)) continue;
    edgeIds.add(id);
    const impacted = options.impact !== undefined && options.impact.has(e.from) && options.impact.has(e.to);
    elements.push({
      group: 'edges',
      data: { id, source: e.from, target: e.to, type: e.type, soft: e.strength === 'soft', count: e.count ?? 1 },
      classes: classesOf({ soft: e.strength === 'soft', member: e.type === 'HAS_MEMBER', impacted, 'on-path': onPath(e, id) }),
    });
  }
  return elements;
}

/** One node's element. */
function nodeElement(n: DrawnNode, options: ElementOptions, marks: { root: boolean; onPath: boolean }): NodeDefinition<MapNodeData> {
  const { kind, criticality, staleSince } = n.facets;
  const state = options.impact?.get(n.id)?.state;
  const rank = options.candidates?.get(n.id);
  const more = options.moreAt.get(n.id);
  const data: MapNodeData = {
    id: n.id, label: nodeLabel(n.name, { state, rank, more, memberCount: n.memberCount }), name: n.name, type: n.type, stale: staleSince !== undefined,
    ...(kind !== undefined && { kind }),
    ...(criticality !== undefined && { criticality }),
    ...(state !== undefined && { state }),
    ...(rank !== undefined && { rank }),
    ...(more !== undefined && more > 0 && { more }),
    ...(n.memberCount !== undefined && { memberCount: n.memberCount }),
  };
  const classes = [
    classesOf({ root: marks.root }), `type-${n.type}`, criticality === undefined ? '' : `crit-${criticality}`, state === undefined ? '' : `state-${state}`,
    classesOf({ stale: data.stale, candidate: rank !== undefined, group: n.memberCount !== undefined, 'on-path': marks.onPath, 'has-more': data.more !== undefined }),
  ];
  return { group: 'nodes', data, classes: classes.filter(Boolean).join(' ') };
}

/** Whether an edge is on the selected path: by key, or else joining consecutive path nodes. */
function pathEdgeTest(path: ElementOptions['selectedPath']): (edge: DrawnEdge, id: string) => boolean {
  if (path === undefined) return () => false;
  if (path.edges !== undefined) {
    const keys = new Set(path.edges);
    return (_, id) => keys.has(id);
  }
  const pairs = new Set(path.nodes.slice(1).flatMap((b, i) => [`${path.nodes[i]} ${b}`, `${b} ${path.nodes[i]}`]));
  return (edge) => pairs.has(`${edge.from} ${edge.to}`);
}

/**
 * A node's label: its short name, with what colour alone must not say: the
 * state's glyph, the candidate rank, a group's member count, the neighbours not drawn.
 */
export function nodeLabel(name: string, marks: { state?: NodeState | undefined; rank?: number | undefined; more?: number | undefined; memberCount?: number | undefined }): string {
  const glyph = marks.state ? `${statePalette[marks.state].glyph} ` : '';
  const rank = marks.rank !== undefined ? `#${marks.rank} ` : '';
  const members = marks.memberCount !== undefined ? ` (${marks.memberCount})` : '';
  const more = marks.more ? ` +${marks.more}` : '';
  return `${glyph}${rank}${shortLabel(name, labelCharacters)}${members}${more}`;
}
