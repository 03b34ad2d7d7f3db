import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ciTypes } from '../../schema/ciTypes.ts';
import { limits } from '../../schema/limits.ts';
import { readableQuery } from '../../web/graph/searchParams.ts';
import {
  defaultMapView, impactViewFromParams, impactViewToParams, upstreamViewFromParams, upstreamViewToParams,
  viewFromParams, viewToParams, type ImpactView, type MapView, type UpstreamView,
} from '../../web/graph/viewState.ts';

/** CI ids as estate-format.md allows them, weighted towards the awkward characters. */
// Ids as the schema allows them: `.` and `..` are refused (a URL cannot name them).
const ciId = fc.stringMatching(/^[A-Za-z0-9._:/-]{1,40}$/).filter((id) => id !== '.' && id !== '..');
const facet = fc.string({ minLength: 1, maxLength: 20 });
const groupKey = fc.tuple(fc.constantFrom('group:', 'system:', 'namespace:'), ciId).map(([kind, id]) => kind + id);

const mapView: fc.Arbitrary<MapView> = fc.record({
  roots: fc.uniqueArray(ciId, { maxLength: 5 }),
  depth: fc.integer({ min: 0, max: limits.mapDepthMax }),
  direction: fc.constantFrom('upstream', 'downstream', 'both'),
  layout: fc.constantFrom('layered', 'force'),
  filters: fc.record({
    types: fc.uniqueArray(fc.constantFrom(...ciTypes)),
    environments: fc.uniqueArray(facet, { maxLength: 3 }),
    providers: fc.uniqueArray(facet, { maxLength: 3 }),
    sources: fc.uniqueArray(facet, { maxLength: 3 }),
    criticalities: fc.uniqueArray(fc.integer({ min: 1, max: 4 })),
    stale: fc.constantFrom('any', 'only', 'hide'),
  }),
  collapsed: fc.uniqueArray(groupKey, { maxLength: 3 }),
  budget: fc.integer({ min: 1, max: limits.mapNodeBudgetMax }),
  path: fc.option(fc.record({ from: ciId, to: ciId }), { nil: undefined }),
  expanded: fc.uniqueArray(ciId, { maxLength: 3 }),
}, { requiredKeys: ['roots', 'depth', 'direction', 'layout', 'filters', 'collapsed', 'budget', 'expanded'] });

/** Params as a browser would see them after following a link built from `params`. */
const throughLink = (params: URLSearchParams) => new URLSearchParams(readableQuery(params));

describe('viewToParams / viewFromParams', () => {
  it('reads back every view it writes, without a problem, also through a readable link', () => {
    fc.assert(fc.property(mapView, (view) => {
      for (const params of [viewToParams(view), throughLink(viewToParams(view))]) {
        const { view: back, problems } = viewFromParams(params);
        expect(problems).toEqual([]);
        expect(back).toEqual(view);
      }
    }), { numRuns: 300 });
  });

  it('writes nothing for the default view, and only what differs otherwise', () => {
    expect(viewToParams(defaultMapView()).toString()).toBe('');
    const view = { ...defaultMapView(), roots: ['k8s:prod/shop/Deployment/web', 'db-1'], depth: 3 };
    expect(readableQuery(viewToParams(view))).toBe('ci=k8s:prod/shop/Deployment/web&ci=db-1&depth=3');
  });

  it('opens a link with bad parameters, keeping the good ones and naming the bad ones', () => {
    const { view, problems } = viewFromParams(new URLSearchParams('ci=web&ci=bad id&depth=deep&dir=sideways&type=Service&type=Nope&crit=0&crit=2&stale=maybe&from=web'));
    expect(view).toEqual({ ...defaultMapView(), roots: ['web'], filters: { ...defaultMapView().filters, types: ['Service'], criticalities: [2] } });
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toMatch(/ci="bad id"/);
    expect(problems.join('\n')).toMatch(/from and to/);
  });

  it('clamps depth and budget to the shared limits, and says so', () => {
    const { view, problems } = viewFromParams(new URLSearchParams('depth=99&budget=0'));
    expect(view.depth).toBe(limits.mapDepthMax);
    expect(view.budget).toBe(1);
    expect(problems).toHaveLength(2);
    expect(viewFromParams(new URLSearchParams(`budget=${limits.mapNodeBudgetMax + 1}`)).view.budget).toBe(limits.mapNodeBudgetMax);
  });

  it('keeps a root named twice once, and stops at the most roots a map takes', () => {
    const many = Array.from({ length: limits.mapRootsMax + 5 }, (_, i) => `ci=c${i}`).join('&');
    const { view, problems } = viewFromParams(new URLSearchParams(`ci=a&ci=a&${many}`));
    expect(view.roots).toHaveLength(limits.mapRootsMax);
    expect(view.roots.slice(0, 2)).toEqual(['a', 'c0']);
    expect(problems).toEqual([`ci: at most ${limits.mapRootsMax} values; the rest were ignored`]);
  });
});

describe('impactViewToParams / impactViewFromParams', () => {
  const impactView: fc.Arbitrary<ImpactView> = fc.record({
    targets: fc.uniqueArray(fc.record({ id: ciId, effect: fc.constantFrom('down', 'degraded') }), { selector: (t) => t.id, maxLength: 6 }),
    selected: fc.option(ciId, { nil: undefined }),
  }, { requiredKeys: ['targets'] });

  it('reads back every view it writes', () => {
    fc.assert(fc.property(impactView, (view) => {
      const { view: back, problems } = impactViewFromParams(throughLink(impactViewToParams(view)));
      expect(problems).toEqual([]);
      expect(back).toEqual(view);
    }), { numRuns: 300 });
  });

  it('writes a degraded target as id~degraded, whatever the id holds', () => {
    const view: ImpactView = { targets: [{ id: 'arn:aws:rds:eu-west-1:1/db.main_x', effect: 'degraded' }, { id: 'tf:a.b-c', effect: 'down' }], selected: 'tf:a.b-c' };
    expect(readableQuery(impactViewToParams(view))).toBe('t=arn:aws:rds:eu-west-1:1/db.main_x~degraded&t=tf:a.b-c&sel=tf:a.b-c');
  });

  it('drops an unknown effect and a repeated target, and reports both', () => {
    const { view, problems } = impactViewFromParams(new URLSearchParams('t=a~broken&t=b&t=b~degraded&t=c~down'));
    expect(view.targets).toEqual([{ id: 'b', effect: 'down' }, { id: 'c', effect: 'down' }]);
    expect(problems).toHaveLength(2);
  });
});

describe('upstreamViewToParams / upstreamViewFromParams', () => {
  const upstreamView: fc.Arbitrary<UpstreamView> = fc.record({
    symptoms: fc.uniqueArray(ciId, { maxLength: 5 }),
    since: fc.oneof(fc.constantFrom('24h', '90m', '7d', '2w'), fc.date({ min: new Date('2000-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }).map((d) => d.toISOString())),
    selected: fc.option(ciId, { nil: undefined }),
  }, { requiredKeys: ['symptoms', 'since'] });

  it('reads back every view it writes', () => {
    fc.assert(fc.property(upstreamView, (view) => {
      const { view: back, problems } = upstreamViewFromParams(throughLink(upstreamViewToParams(view)));
      expect(problems).toEqual([]);
      expect(back).toEqual(view);
    }), { numRuns: 300 });
  });

  it('leaves the default window out, and falls back to it on a bad one', () => {
    expect(upstreamViewToParams({ symptoms: ['web'], since: '24h' }).toString()).toBe('s=web');
    const { view, problems } = upstreamViewFromParams(new URLSearchParams('s=web&since=yesterday'));
    expect(view).toEqual({ symptoms: ['web'], since: '24h' });
    expect(problems).toHaveLength(1);
  });
});
