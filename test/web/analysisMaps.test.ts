import { describe, expect, it } from 'vitest';
import type { ImpactReport, UpstreamReport } from '../../schema/impact.ts';
import { impactToMap, upstreamToMap } from '../../web/graph/analysisMaps.ts';

/* db (target) ◄── api ◄── shop;  db ◄── reports */
const impact: ImpactReport = {
  targets: [{ id: 'db', effect: 'down' }],
  impacted: [
    { id: 'db', type: 'Component', name: 'DB', state: 'down', depth: 0, path: ['db'] },
    { id: 'api', type: 'Service', name: 'API', state: 'down', depth: 1, path: ['db', 'api'] },
    { id: 'shop', type: 'Service', name: 'Shop', state: 'down', depth: 2, path: ['db', 'api', 'shop'] },
    { id: 'reports', type: 'Service', name: 'Reports', state: 'degraded', depth: 1, path: ['db', 'reports'] },
  ],
  services: [
    { id: 'shop', type: 'Service', name: 'Shop', state: 'down', depth: 2, path: ['db', 'api', 'shop'], criticality: 1 },
    { id: 'api', type: 'Service', name: 'API', state: 'down', depth: 1, path: ['db', 'api'] },
  ],
  notify: [], suppliers: [], contracts: [],
  counts: { impacted: 4, down: 3, degraded: 1, at_risk: 0, services: 3 },
  truncated: false,
};

describe('impactToMap', () => {
  it('draws each impacted CI once, relying on the CI before it on its explanation chain', () => {
    const map = impactToMap(impact);
    expect(map.nodes.map((n) => [n.id, n.depth, n.facets.criticality])).toEqual([['db', 0, undefined], ['api', 1, undefined], ['shop', 2, 1], ['reports', 1, undefined]]);
    expect(map.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['api>db', 'reports>db', 'shop>api']);
  });
});

/* checkout ──► pay ──► pg ;  cart ──► pg */
const upstream: UpstreamReport = {
  symptoms: ['checkout', 'cart'],
  dependencies: [
    { id: 'pay', type: 'Service', name: 'Payments', depth: 1, path: ['checkout', 'pay'], reliedOnBy: ['checkout'] },
    { id: 'pg', type: 'Component', name: 'Postgres', depth: 1, path: ['cart', 'pg'], reliedOnBy: ['checkout', 'cart'] },
  ],
  candidates: [], signals: [], unavailableSignals: [], since: '24h', truncated: false,
};

describe('upstreamToMap', () => {
  it('starts from the symptoms, named when the page knows them, and follows each chain towards what is relied on', () => {
    const map = upstreamToMap(upstream, { names: new Map([['checkout', { name: 'Checkout', type: 'Service' as const }]]) });
    expect(map.nodes.map((n) => [n.id, n.name, n.depth])).toEqual([['checkout', 'Checkout', 0], ['cart', 'cart', 0], ['pay', 'Payments', 1], ['pg', 'Postgres', 1]]);
    expect(map.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['cart>pg', 'checkout>pay']);
  });
});

describe('upstreamToMap with the neighbourhood loaded', () => {
  it('adds the real reliance edges among its CIs, once, so a shared dependency shows as shared', () => {
    const relationships = [
      { from: 'checkout', type: 'DEPENDS_ON' as const, to: 'pg' },
      { from: 'cart', type: 'DEPENDS_ON' as const, to: 'pg' },
      { from: 'pg', type: 'RUNS_ON' as const, to: 'elsewhere' },
    ];
    const map = upstreamToMap(upstream, { relationships });
    expect(map.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(['cart>pg', 'checkout>pay', 'checkout>pg']);
  });
});
