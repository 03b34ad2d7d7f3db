import type { MapFacets } from '../../schema/explorer.ts';
import type { DrawnEdge, DrawnNode, EdgeEnds } from './mapGraph.ts';

/**
 * Roll-up: groups of CIs that a map can draw as one node (a redundancy group
 * and its members, a Backstage system and its parts, a Kubernetes namespace),
 * and collapsing them. Expanding a group is removing its key from the collapsed keys.
 */

/** A set of CIs that can be drawn as one node. */
export interface RollUpGroup {
  /** `group:<id>`, `system:<id>` or `namespace:<cluster>/<namespace>`. */
  key: string;
  kind: 'redundancy' | 'system' | 'namespace';
  label: string;
  /** The CIs folded into the group (a redundancy group's or system's own CI is not one of them). */
  members: string[];
}

const systemParts = new Set(['Component', 'API', 'Resource']);

/** The id of the node drawn for a collapsed group: the group's own CI, or the namespace key. */
export function groupNodeId(group: RollUpGroup): string {
  return group.kind === 'namespace' ? group.key : group.key.slice(group.key.indexOf(':') + 1);
}

/** The cluster of a Kubernetes CI id `k8s:<cluster>/<namespace>/...`, or undefined. */
export function clusterOf(id: string): string | undefined {
  return /^k8s:([^/]+)\//.exec(id)?.[1];
}

/** For each CI, the distinct CIs on the map that it relates to by `type` and that `accept` admits. */
function targetsBy(edges: readonly EdgeEnds[], type: EdgeEnds['type'], accept: (from: string, to: string) => boolean): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.type !== type || edge.from === edge.to || !accept(edge.from, edge.to)) continue;
    const list = targets.get(edge.from) ?? [];
    if (!list.includes(edge.to)) list.push(edge.to);
    targets.set(edge.from, list);
  }
  return targets;
}

/** Redundancy groups with their members, and Backstage systems with their components, APIs and resources. */
function anchoredGroups(byId: ReadonlyMap<string, DrawnNode>, edges: readonly EdgeEnds[]): RollUpGroup[] {
  const isGroup = (id: string) => byId.get(id)?.type === 'RedundancyGroup';
  const isSystem = (id: string) => byId.get(id)?.facets.backstageKind === 'System';
  const isPart = (id: string) => systemParts.has(byId.get(id)?.facets.backstageKind ?? '');
  const members = targetsBy(edges, 'HAS_MEMBER', (from, to) => isGroup(from) && byId.has(to));
  const parts = targetsBy(edges, 'DEPENDS_ON', (from, to) => isSystem(from) && isPart(to));
  return [
    ...[...members].map(([id, list]) => ({ key: `group:${id}`, kind: 'redundancy' as const, label: byId.get(id)!.name, members: list })),
    ...[...parts].map(([id, list]) => ({ key: `system:${id}`, kind: 'system' as const, label: byId.get(id)!.name, members: list })),
  ];
}

/** Kubernetes namespaces with at least two CIs on the map. NOTE: a CI whose id is not `k8s:<cluster>/...` is in none. */
function namespaceGroups(nodes: readonly DrawnNode[]): RollUpGroup[] {
  const byKey = new Map<string, RollUpGroup>();
  for (const { id, facets } of nodes) {
    const cluster = clusterOf(id);
    if (facets.namespace === undefined || cluster === undefined) continue;
    const key = `namespace:${cluster}/${facets.namespace}`;
    const group = byKey.get(key) ?? { key, kind: 'namespace', label: `${facets.namespace} (${cluster})`, members: [] };
    group.members.push(id);
    byKey.set(key, group);
  }
  return [...byKey.values()].filter((g) => g.members.length >= 2);
}

/** Every roll-up group on a map, in key order; a group with no member on the map is not one. */
export function findGroups(nodes: readonly DrawnNode[], edges: readonly EdgeEnds[]): RollUpGroup[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return [...anchoredGroups(byId, edges), ...namespaceGroups(nodes)].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** What collapsing gives: what to draw, and for each folded CI the id of the node drawn for it. */
export interface Collapsed {
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  /** Folded CI id → id of the node that stands for it (follows nested groups to the outermost). */
  drawnAs: Map<string, string>;
}

/**
 * The nodes and edges to draw with the `collapsedKeys` groups each drawn as one
 * node. A CI in two collapsed groups goes to the first in key order; a group
 * whose own CI is in another collapsed group is folded into that one in turn.
 * Groups whose own CI is not on the map are left expanded.
 */
export function collapse(nodes: readonly DrawnNode[], edges: readonly DrawnEdge[], groups: readonly RollUpGroup[], collapsedKeys: readonly string[]): Collapsed {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const wanted = new Set(collapsedKeys);
  const chosen = groups
    .filter((g) => wanted.has(g.key) && (g.kind === 'namespace' || byId.has(groupNodeId(g))))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const drawnAs = assignMembers(chosen, byId);
  const drawn = drawnNodes(nodes, chosen, drawnAs);
  return { nodes: drawn, edges: mergeEdges(edges, drawnAs), drawnAs };
}

/** Each member's outermost drawn node, by the first chosen group that takes it; never a cycle. */
function assignMembers(chosen: readonly RollUpGroup[], byId: ReadonlyMap<string, DrawnNode>): Map<string, string> {
  const into = new Map<string, string>();
  const outermost = (id: string) => {
    let at = id;
    for (let next = into.get(at); next !== undefined; next = into.get(at)) at = next;
    return at;
  };
  for (const group of chosen) {
    const groupId = groupNodeId(group);
    for (const member of group.members) {
      if (!byId.has(member) || into.has(member) || outermost(groupId) === member) continue;
      into.set(member, groupId);
    }
  }
  return new Map([...into.keys()].map((id) => [id, outermost(id)]));
}

/** The CIs left standing, group nodes with their member counts, depth and best criticality. */
function drawnNodes(nodes: readonly DrawnNode[], chosen: readonly RollUpGroup[], drawnAs: ReadonlyMap<string, string>): DrawnNode[] {
  const synthetic = new Map<string, DrawnNode>(chosen.filter((g) => g.kind === 'namespace').map((g) => [g.key, namespaceNode(g)]));
  const folded = new Map<string, { count: number; depth: number; criticality?: number }>();
  for (const n of nodes) {
    const into = drawnAs.get(n.id);
    if (into === undefined) continue;
    const seen = folded.get(into) ?? { count: 0, depth: Infinity };
    const criticality = Math.min(seen.criticality ?? Infinity, n.facets.criticality ?? Infinity);
    folded.set(into, { count: seen.count + 1, depth: Math.min(seen.depth, n.depth), ...(criticality < Infinity ? { criticality } : {}) });
  }
  const standing = [...nodes.filter((n) => !drawnAs.has(n.id)), ...[...synthetic.values()].filter((n) => folded.has(n.id))];
  return standing.map((n) => {
    const f = folded.get(n.id);
    if (f === undefined) return n;
    const criticality = synthetic.has(n.id) ? f.criticality : n.facets.criticality;
    const facets: MapFacets = criticality === undefined ? n.facets : { ...n.facets, criticality };
    return { ...n, depth: Math.min(n.depth, f.depth), facets, memberCount: f.count };
  });
}

/** The node drawn for a collapsed namespace (not a CI). */
function namespaceNode(group: RollUpGroup): DrawnNode {
  const namespace = group.key.slice(group.key.indexOf('/') + 1);
  return { id: group.key, type: 'Namespace', name: group.label, depth: Infinity, facets: { namespace } };
}

/**
 * Edges redirected to the nodes drawn for their ends; edges inside one group
 * dropped; parallel edges (same ends and type) merged, counting the edges
 * they stand for, soft only when all of them are soft.
 */
function mergeEdges(edges: readonly DrawnEdge[], drawnAs: ReadonlyMap<string, string>): DrawnEdge[] {
  const merged = new Map<string, DrawnEdge>();
  for (const edge of edges) {
    const from = drawnAs.get(edge.from) ?? edge.from;
    const to = drawnAs.get(edge.to) ?? edge.to;
    if (from === to) continue;
    const key = `${from} ${edge.type} ${to}`;
    const seen = merged.get(key);
    if (seen === undefined) {
      merged.set(key, { ...edge, from, to, count: edge.count ?? 1 });
      continue;
    }
    seen.count = (seen.count ?? 1) + (edge.count ?? 1);
    if (edge.strength !== 'soft') delete seen.strength;
  }
  return [...merged.values()];
}
