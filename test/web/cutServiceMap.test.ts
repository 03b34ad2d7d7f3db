import { describe, expect, it } from 'vitest';
import type { ServiceMap, ServiceMapNode } from '../../schema/explorer.ts';
import { cutServiceMap } from '../../web/graph/cutServiceMap.ts';

const service = (id: string, criticality?: number): ServiceMapNode => ({ id, name: id, stale: false, ...(criticality ? { criticality } : {}) });
const edge = (from: string, to: string) => ({ from, to, via: [] });

/*
 * shop(1) ──► pay(2) ──► db-svc(3)
 * blog(4) ──► db-svc(3)          search(3) ──► db-svc(3)      wiki (none)
 */
const estate: ServiceMap = {
  services: [service('shop', 1), service('pay', 2), service('db-svc', 3), service('blog', 4), service('search', 3), service('wiki')],
  edges: [edge('shop', 'pay'), edge('pay', 'db-svc'), edge('blog', 'db-svc'), edge('search', 'db-svc')],
  version: 1,
};

describe('cutServiceMap', () => {
  it('keeps everything within the budget', () => {
    const { map, cut, total } = cutServiceMap(estate, { budget: 10 });
    expect(map.services).toHaveLength(6);
    expect(map.edges).toHaveLength(4);
    expect([cut, total]).toEqual([0, 6]);
  });

  it('keeps the most critical, then the most relied on, and drops edges to cut services', () => {
    const { map, cut } = cutServiceMap(estate, { budget: 3 });
    expect(map.services.map((s) => s.id)).toEqual(['shop', 'pay', 'db-svc']);
    expect(map.edges).toEqual([edge('shop', 'pay'), edge('pay', 'db-svc')]);
    expect(cut).toBe(3);
  });

  it('always keeps the services asked for by name, even past the budget', () => {
    const { map } = cutServiceMap(estate, { budget: 1, keep: ['wiki', 'blog'] });
    expect(map.services.map((s) => s.id).sort()).toEqual(['blog', 'wiki']);
  });

  it('filters by criticality before cutting', () => {
    const { map, total } = cutServiceMap(estate, { budget: 10, criticalities: [3] });
    expect(map.services.map((s) => s.id)).toEqual(['db-svc', 'search']);
    expect(map.edges).toEqual([edge('search', 'db-svc')]);
    expect(total).toBe(2);
  });
});

describe('service map view in the URL', () => {
  it('round-trips, leaving defaults out, and reports what it could not read', async () => {
    const { serviceMapViewFromParams, serviceMapViewToParams } = await import('../../web/graph/serviceMapView.ts');
    const view = { groupBy: 'domain' as const, criticalities: [1, 2], budget: 300, selected: 'svc-checkout' };
    const params = serviceMapViewToParams(view);
    expect(params.toString()).toBe('group=domain&crit=1&crit=2&budget=300&sel=svc-checkout');
    expect(serviceMapViewFromParams(params)).toEqual({ view, problems: [] });
    expect(serviceMapViewToParams({ groupBy: 'owner', criticalities: [], budget: 1500 }).toString()).toBe('');
    const bad = serviceMapViewFromParams(new URLSearchParams('group=colour&crit=9&budget=abc'));
    expect(bad.view).toEqual({ groupBy: 'owner', criticalities: [], budget: 1500 });
    expect(bad.problems).toHaveLength(3);
  });
});
