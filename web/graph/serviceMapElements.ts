import type { ServiceMap, ServiceMapNode } from '../../schema/explorer.ts';
import { classesOf, labelCharacters, shortLabel, type EdgeDefinition, type NodeDefinition } from './elements.ts';

/**
 * The estate's service map as cytoscape elements: one node per service, boxed
 * by owner, domain or system, and one edge per derived reliance between services.
 */

/** What the service map boxes services by. */
export type ServiceGrouping = 'owner' | 'domain' | 'system' | 'none';

/** A service on the service map; `parent` is its box. */
export interface ServiceNodeData {
  id: string;
  label: string;
  name: string;
  kind?: string;
  criticality?: number;
  stale: boolean;
  parent?: string;
}

/** A box around the services sharing an owner, domain or system. */
export interface ServiceGroupData {
  id: string;
  label: string;
  /** The services in the box. */
  size: number;
}

/** A derived reliance: `source` relies on `target` through `via` intermediate CIs. */
export interface ServiceEdgeData {
  id: string;
  source: string;
  target: string;
  via: number;
  soft: boolean;
}

/** A service map element definition. */
export type ServiceMapElement = NodeDefinition<ServiceNodeData> | NodeDefinition<ServiceGroupData> | EdgeDefinition<ServiceEdgeData>;

/** The id of the box for a value: `grp:<value>`, or `grp:` alone for services without one. */
export function serviceGroupId(value: string | undefined): string {
  return `grp:${value ?? ''}`;
}

/** The value a service is boxed by, and the box's label. */
function boxOf(service: ServiceMapNode, groupBy: Exclude<ServiceGrouping, 'none'>): { value?: string; label: string } {
  const value = groupBy === 'owner' ? service.owner?.id : service[groupBy] || undefined;
  if (value === undefined) return { label: 'Unassigned' };
  return { value, label: groupBy === 'owner' ? service.owner!.name : value };
}

/** The boxes and each service's box, labels sorted, Unassigned last. */
function boxes(services: readonly ServiceMapNode[], groupBy: ServiceGrouping): { groups: NodeDefinition<ServiceGroupData>[]; parentOf: Map<string, string> } {
  const parentOf = new Map<string, string>();
  const groups = new Map<string, ServiceGroupData>();
  if (groupBy === 'none') return { groups: [], parentOf };
  for (const service of services) {
    const { value, label } = boxOf(service, groupBy);
    const id = serviceGroupId(value);
    parentOf.set(service.id, id);
    const group = groups.get(id) ?? { id, label, size: 0 };
    groups.set(id, { ...group, size: group.size + 1 });
  }
  const order = [...groups.values()].sort((a, b) => Number(a.id === 'grp:') - Number(b.id === 'grp:') || a.label.localeCompare(b.label));
  return { groups: order.map((data) => ({ group: 'nodes', data, classes: classesOf({ 'service-group': true, unassigned: data.id === 'grp:' }) })), parentOf };
}

/**
 * The cytoscape elements of the service map: boxes first (compound parents
 * must come before their children), then services, then reliance edges.
 * NOTE: a box id `grp:<value>` could equal a CI id in theory (`:` is allowed in ids); ids seen so far never start with `grp:`.
 */
export function serviceMapElements(map: ServiceMap, options: { groupBy: ServiceGrouping }): ServiceMapElement[] {
  const { groups, parentOf } = boxes(map.services, options.groupBy);
  const services: NodeDefinition<ServiceNodeData>[] = map.services.map((s) => {
    const parent = parentOf.get(s.id);
    const data: ServiceNodeData = {
      id: s.id, label: shortLabel(s.name, labelCharacters), name: s.name, stale: s.stale,
      ...(s.kind !== undefined && { kind: s.kind }),
      ...(s.criticality !== undefined && { criticality: s.criticality }),
      ...(parent !== undefined && { parent }),
    };
    const classes = ['service', s.criticality === undefined ? '' : `crit-${s.criticality}`, classesOf({ stale: s.stale })];
    return { group: 'nodes', data, classes: classes.filter(Boolean).join(' ') };
  });
  const ids = new Set(map.services.map((s) => s.id));
  const edgeIds = new Set<string>();
  const edges: EdgeDefinition<ServiceEdgeData>[] = [];
  for (const e of map.edges) {
    const id = `${e.from} RELIES_ON ${e.to}`;
    if (!ids.has(e.from) || !ids.has(e.to) || edgeIds.has(id)) continue;
    edgeIds.add(id);
    const soft = e.strength === 'soft';
    edges.push({ group: 'edges', data: { id, source: e.from, target: e.to, via: e.via.length, soft }, classes: classesOf({ soft, direct: e.via.length === 0 }) });
  }
  return [...groups, ...services, ...edges];
}
