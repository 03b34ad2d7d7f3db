import { ciTypes, type CIType } from '../../schema/ciTypes.ts';
import type { MapFacets } from '../../schema/explorer.ts';
import type { MapFilters } from './viewState.ts';

/**
 * The map's filter controls: which CIs a set of filters keeps, and which values
 * each control can offer (with how many CIs have them).
 */

/** What filtering reads of a node. */
export interface FilterableNode {
  id: string;
  type: string;
  facets: MapFacets;
}

/** The kind of a scope (`terraform` of `terraform:abc`); a scope without `:` is its own kind. */
export function sourceKindOfScope(scope: string): string {
  const colon = scope.indexOf(':');
  return colon < 0 ? scope : scope.slice(0, colon);
}

/** True when a scope is the wanted one, or of the wanted kind (`aws` matches `aws:123/eu-west-1`). */
function scopeMatches(scope: string, wanted: string): boolean {
  return scope === wanted || scope.startsWith(`${wanted}:`);
}

/** True when `value` is one of `allowed`, or `allowed` is empty (no filter). */
function passes<T>(allowed: readonly T[], value: T | undefined): boolean {
  return allowed.length === 0 || (value !== undefined && allowed.includes(value));
}

/**
 * True when a node matches every non-empty filter. Environment and provider
 * filters leave alone the CIs that have none (a Service belongs to no one
 * environment: "production only" hides staging hosts, not the services above
 * them); type, criticality and source filters keep only CIs that match.
 */
export function matchesFilters(node: FilterableNode, filters: MapFilters): boolean {
  const { facets } = node;
  const stale = facets.staleSince !== undefined;
  return (
    passes<string>(filters.types, node.type) &&
    (facets.environment === undefined || passes(filters.environments, facets.environment)) &&
    (facets.provider === undefined || passes(filters.providers, facets.provider)) &&
    passes(filters.criticalities, facets.criticality) &&
    (filters.sources.length === 0 || (facets.sources ?? []).some((scope) => filters.sources.some((wanted) => scopeMatches(scope, wanted)))) &&
    (filters.stale === 'any' || (filters.stale === 'only') === stale)
  );
}

/** The nodes that match the filters, the roots always, and the edges whose two ends are both kept. */
export function applyFilters<N extends FilterableNode, E extends { from: string; to: string }>(
  nodes: readonly N[], edges: readonly E[], filters: MapFilters, roots: readonly string[],
): { nodes: N[]; edges: E[]; hidden: number } {
  const rootSet = new Set(roots);
  const kept = nodes.filter((n) => rootSet.has(n.id) || matchesFilters(n, filters));
  const keptIds = new Set(kept.map((n) => n.id));
  return { nodes: kept, edges: edges.filter((e) => keptIds.has(e.from) && keptIds.has(e.to)), hidden: nodes.length - kept.length };
}

/** A value a filter control can offer, and how many nodes have it. */
export interface FacetCount<T> {
  value: T;
  count: number;
}

/** Every value present on a map for each filter, with counts. */
export interface FacetValues {
  types: FacetCount<CIType>[];
  environments: FacetCount<string>[];
  providers: FacetCount<string>[];
  /** Source kinds (`terraform`), counting nodes asserted by at least one scope of the kind. */
  sourceKinds: FacetCount<string>[];
  /** Whole scopes. Both kinds and scopes are values of `MapFilters.sources`. */
  scopes: FacetCount<string>[];
  criticalities: FacetCount<number>[];
  stale: { stale: number; fresh: number };
}

/** Counts values into a map, each value once per node. */
function tally<T>(counts: Map<T, number>, values: Iterable<T | undefined>): void {
  for (const value of new Set(values)) if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
}

/** The counted values, in the given order. */
function listed<T>(counts: Map<T, number>, compare: (a: T, b: T) => number): FacetCount<T>[] {
  return [...counts].sort(([a], [b]) => compare(a, b)).map(([value, count]) => ({ value, count }));
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The distinct values present on the map for each filter control, with how many nodes have each. */
export function facetValues(nodes: readonly FilterableNode[]): FacetValues {
  const types = new Map<CIType, number>();
  const [environments, providers, sourceKinds, scopes] = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  const criticalities = new Map<number, number>();
  let stale = 0;
  for (const { type, facets } of nodes) {
    if ((ciTypes as string[]).includes(type)) tally(types, [type as CIType]);
    tally(environments, [facets.environment]);
    tally(providers, [facets.provider]);
    tally(scopes, facets.sources ?? []);
    tally(sourceKinds, (facets.sources ?? []).map(sourceKindOfScope));
    tally(criticalities, [facets.criticality]);
    if (facets.staleSince !== undefined) stale += 1;
  }
  return {
    types: listed(types, (a, b) => ciTypes.indexOf(a) - ciTypes.indexOf(b)),
    environments: listed(environments, byText),
    providers: listed(providers, byText),
    sourceKinds: listed(sourceKinds, byText),
    scopes: listed(scopes, byText),
    criticalities: listed(criticalities, (a, b) => a - b),
    stale: { stale, fresh: nodes.length - stale },
  };
}
