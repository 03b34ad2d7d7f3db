import { describe, expect, it } from 'vitest';
import { applyFilters, facetValues, matchesFilters } from '../../web/graph/filterMap.ts';
import { defaultMapView, type MapFilters } from '../../web/graph/viewState.ts';
import { edges, idsOf, node } from './mapBuilders.ts';

const noFilter = defaultMapView().filters;
const filters = (overrides: Partial<MapFilters>): MapFilters => ({ ...noFilter, ...overrides });

/**
 *  shop ──► api ──► db-prod      (aws, prod, terraform + aws scopes)
 *             └───► db-test      (aws, test, terraform scope)
 *             └───► cache-prod   (gcp, prod, stale, kubernetes scope)
 */
function shop() {
  return {
    nodes: [
      node('shop', { type: 'Service', depth: 0, facets: { criticality: 1, sources: ['backstage:catalog'] } }),
      node('api', { type: 'Service', facets: { criticality: 2 } }),
      node('db-prod', { depth: 2, facets: { environment: 'prod', provider: 'aws', sources: ['terraform:lineage-1', 'aws:123/eu-west-1'] } }),
      node('db-test', { depth: 2, facets: { environment: 'test', provider: 'aws', sources: ['terraform:lineage-2'] } }),
      node('cache-prod', { depth: 2, facets: { environment: 'prod', provider: 'gcp', sources: ['kubernetes:prod/shop/Deployment'], staleSince: '2025-01-01T00:00:00Z' } }),
    ],
    edges: edges('shop DEPENDS_ON api', 'api DEPENDS_ON db-prod', 'api DEPENDS_ON db-test', 'api DEPENDS_ON cache-prod soft'),
  };
}

describe('applyFilters', () => {
  it('keeps everything when no filter is set', () => {
    const { nodes, edges: kept, hidden } = applyFilters(shop().nodes, shop().edges, noFilter, ['shop']);
    expect(nodes).toHaveLength(5);
    expect(kept).toHaveLength(4);
    expect(hidden).toBe(0);
  });

  it('keeps nodes matching every non-empty filter, the root always, and edges between kept nodes only', () => {
    const { nodes, edges: kept, hidden } = applyFilters(shop().nodes, shop().edges, filters({ environments: ['prod'], providers: ['aws'], types: ['Component'] }), ['shop']);
    expect(idsOf(nodes)).toEqual(['db-prod', 'shop']);
    expect(kept).toEqual([]);
    expect(hidden).toBe(3);
  });

  it('leaves CIs without an environment or provider to the other filters (services belong to no one environment)', () => {
    const { nodes, edges: kept } = applyFilters(shop().nodes, shop().edges, filters({ environments: ['prod'], providers: ['aws'] }), ['shop']);
    expect(idsOf(nodes)).toEqual(['api', 'db-prod', 'shop']);
    expect(kept).toEqual(edges('shop DEPENDS_ON api', 'api DEPENDS_ON db-prod'));
  });

  it('keeps the edges whose two ends survive', () => {
    const { edges: kept } = applyFilters(shop().nodes, shop().edges, filters({ types: ['Service'] }), ['shop']);
    expect(kept).toEqual(edges('shop DEPENDS_ON api'));
  });

  it('matches a source by kind or by whole scope, never by a scope cut short', () => {
    const bySource = (sources: string[]) => idsOf(applyFilters(shop().nodes, shop().edges, filters({ sources }), []).nodes);
    expect(bySource(['terraform'])).toEqual(['db-prod', 'db-test']);
    expect(bySource(['terraform:lineage-2'])).toEqual(['db-test']);
    expect(bySource(['aws', 'kubernetes'])).toEqual(['cache-prod', 'db-prod']);
    expect(bySource(['terraform:lineage'])).toEqual([]);
    expect(bySource(['kubernetes:prod'])).toEqual([]);
  });

  it('shows only stale nodes, or hides them', () => {
    expect(idsOf(applyFilters(shop().nodes, [], filters({ stale: 'only' }), []).nodes)).toEqual(['cache-prod']);
    expect(idsOf(applyFilters(shop().nodes, [], filters({ stale: 'hide' }), []).nodes)).toEqual(['api', 'db-prod', 'db-test', 'shop']);
  });

  it('filters by criticality; a node without one does not match', () => {
    expect(idsOf(applyFilters(shop().nodes, [], filters({ criticalities: [1, 2] }), []).nodes)).toEqual(['api', 'shop']);
    expect(matchesFilters(node('x'), filters({ criticalities: [3] }))).toBe(false);
  });
});

describe('facetValues', () => {
  it('lists each value present with how many nodes have it', () => {
    const facets = facetValues(shop().nodes);
    expect(facets.types).toEqual([{ value: 'Service', count: 2 }, { value: 'Component', count: 3 }]);
    expect(facets.environments).toEqual([{ value: 'prod', count: 2 }, { value: 'test', count: 1 }]);
    expect(facets.providers).toEqual([{ value: 'aws', count: 2 }, { value: 'gcp', count: 1 }]);
    expect(facets.sourceKinds).toEqual([
      { value: 'aws', count: 1 }, { value: 'backstage', count: 1 }, { value: 'kubernetes', count: 1 }, { value: 'terraform', count: 2 },
    ]);
    expect(facets.scopes.map((s) => s.value)).toEqual(['aws:123/eu-west-1', 'backstage:catalog', 'kubernetes:prod/shop/Deployment', 'terraform:lineage-1', 'terraform:lineage-2']);
    expect(facets.criticalities).toEqual([{ value: 1, count: 1 }, { value: 2, count: 1 }]);
    expect(facets.stale).toEqual({ stale: 1, fresh: 4 });
  });

  it('counts a node once per kind even with two scopes of that kind', () => {
    const facets = facetValues([node('a', { facets: { sources: ['aws:1/eu-west-1', 'aws:1/us-east-1'] } })]);
    expect(facets.sourceKinds).toEqual([{ value: 'aws', count: 1 }]);
    expect(facets.scopes).toHaveLength(2);
  });
});
