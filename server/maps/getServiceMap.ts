import type { StoredCI } from '../../schema/configItem.ts';
import type { ServiceMap, ServiceMapNode } from '../../schema/explorer.ts';
import { limits } from '../../schema/limits.ts';
import { subgraphRootsMax } from '../../schema/queries.ts';
import { compareText } from '../../schema/ordering.ts';
import { ciTypeCode, linkTypes, type RelianceGraph } from '../../schema/relianceGraph.ts';
import { deriveServiceMap } from '../analysis/deriveServiceMap.ts';
import { LimitExceededError, NotFoundError } from '../errors.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { isStale } from './mapFacetsOf.ts';

/** Service maps derived so far, per store, with the write version each was derived at. */
const derived = new WeakMap<GraphStore, { version: number; map: Promise<ServiceMap> }>();

/** Times the map is derived again when a service disappears while it is derived (a write in between). */
const attempts = 3;

/**
 * The estate's service map: every service, and the reliance between services
 * through what lies between them (server/analysis/deriveServiceMap.ts).
 * Derived once per write version of the store: until the next write, requests
 * (concurrent ones too) share it.
 */
export async function getServiceMap(store: GraphStore): Promise<ServiceMap> {
  const { version } = await store.readScopeMarks([]);
  const cached = derived.get(store);
  if (cached?.version === version) return cached.map;
  const map = deriveWithRetry(store, version);
  derived.set(store, { version, map });
  // A failure is not kept: the next request tries again.
  map.catch(() => derived.get(store)?.map === map && derived.delete(store));
  return map;
}

async function deriveWithRetry(store: GraphStore, version: number): Promise<ServiceMap> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await deriveAt(store, version);
    } catch (error) {
      if (!(error instanceof NotFoundError) || attempt === attempts) throw error;
    }
  }
}

/** Lists the services, extracts what they rely on up to the next services, and derives the edges. */
async function deriveAt(store: GraphStore, version: number): Promise<ServiceMap> {
  const services = await listServices(store);
  if (services.length === 0) return { services: [], edges: [], version };
  if (services.length > subgraphRootsMax) {
    throw new LimitExceededError(`the service map is derived for at most ${subgraphRootsMax} services; the estate has ${services.length}`, subgraphRootsMax);
  }
  // NOTE: at the hard bounds (2M CIs, 50 hops) the graph is cut and some chains may be missing.
  const graph = await store.extractRelianceGraph({
    roots: services.map((ci) => ci.id), direction: 'upstream', maxDepth: limits.subgraphDepthMax, maxCIs: limits.subgraphCIsMax, onLimit: 'truncate',
  });
  const owners = await ownersOf(store, graph);
  return { services: services.map((ci) => toServiceMapNode(ci, owners.get(ci.id))), edges: deriveServiceMap(graph), version };
}

/** Every CI of type Service, in id order, a page at a time. */
async function listServices(store: GraphStore): Promise<StoredCI[]> {
  const services: StoredCI[] = [];
  for (;;) {
    const page = await store.searchCIs({ type: 'Service', limit: limits.pageSizeMax, offset: services.length });
    services.push(...page.items);
    if (page.items.length < limits.pageSizeMax || services.length >= page.total) return services;
  }
}

/** The owning team of each service (its OWNED_BY to a Team; the smaller id when there are several). */
async function ownersOf(store: GraphStore, graph: RelianceGraph): Promise<Map<string, StoredCI>> {
  const ownedBy = linkTypes.indexOf('OWNED_BY');
  const serviceType = ciTypeCode.get('Service');
  const claims: [string, string][] = [];
  for (let l = 0; l < graph.linkFrom.length; l += 1) {
    const node = graph.linkFrom[l]!;
    if (graph.linkTypes[l] === ownedBy && graph.types[node] === serviceType) claims.push([graph.ids[node]!, graph.linkTo[l]!]);
  }
  const teams = new Map((await store.findCIs([...new Set(claims.map(([, team]) => team))])).filter((ci) => ci.type === 'Team').map((ci) => [ci.id, ci]));
  const owners = new Map<string, StoredCI>();
  for (const [service, teamId] of claims) {
    const team = teams.get(teamId);
    const current = owners.get(service);
    if (team && (!current || compareText(team.id, current.id) < 0)) owners.set(service, team);
  }
  return owners;
}

function toServiceMapNode(ci: StoredCI, owner: StoredCI | undefined): ServiceMapNode {
  const { criticality, kind, domain, system } = ci.attributes;
  const node: ServiceMapNode = { id: ci.id, name: ci.name, stale: isStale(ci.attributes) };
  if (typeof criticality === 'number') node.criticality = criticality;
  if (typeof kind === 'string') node.kind = kind;
  if (owner) node.owner = { id: owner.id, name: owner.name };
  if (typeof domain === 'string') node.domain = domain;
  if (typeof system === 'string') node.system = system;
  return node;
}
