import { describe, expect, it } from 'vitest';
import type { ServiceMap } from '../../schema/explorer.ts';
import { shortLabel } from '../../web/graph/elements.ts';
import type { DrawnEdge, DrawnNode } from '../../web/graph/mapGraph.ts';
import { serviceMapElements } from '../../web/graph/serviceMapElements.ts';
import { impactById, nodeLabel, toElements, type MapElement } from '../../web/graph/toElements.ts';
import { edges, node } from './mapBuilders.ts';

const byId = <T extends { data: { id: string } }>(elements: readonly T[], id: string) => elements.find((e) => e.data.id === id);
const classesOf = (elements: readonly { data: { id: string }; classes: string }[], id: string) => byId(elements, id)?.classes.split(' ').sort();

/**
 *  shop ──► api ──► db (stale)
 *           └ ─ ─► cache (soft)      api ──► gone (not drawn)
 */
function shop(): { nodes: DrawnNode[]; edges: DrawnEdge[] } {
  return {
    nodes: [
      node('shop', { type: 'Service', name: 'Web shop', depth: 0, facets: { criticality: 1, kind: 'business' } }),
      node('api', { type: 'Service', name: 'Checkout API' }),
      node('db', { name: 'Orders database', depth: 2, facets: { kind: 'database', staleSince: '2025-01-01T00:00:00Z' } }),
      node('cache', { depth: 2 }),
    ],
    edges: edges('shop DEPENDS_ON api', 'api DEPENDS_ON db', 'api DEPENDS_ON cache soft', 'api DEPENDS_ON gone'),
  };
}

describe('toElements', () => {
  it('draws each node with what the stylesheet and tooltips need', () => {
    const elements = toElements(shop().nodes, shop().edges, { roots: ['shop'], moreAt: new Map() });
    expect(byId(elements, 'shop')).toEqual({
      group: 'nodes',
      data: { id: 'shop', label: 'Web shop', name: 'Web shop', type: 'Service', kind: 'business', criticality: 1, stale: false },
      classes: 'root type-Service crit-1',
    });
    expect(byId(elements, 'db')).toMatchObject({ data: { kind: 'database', stale: true }, classes: 'type-Component stale' });
  });

  it('draws edges from the relying CI to what it relies on, and none to a node that is not drawn', () => {
    const elements = toElements(shop().nodes, shop().edges, { roots: ['shop'], moreAt: new Map() });
    const drawnEdges = elements.filter((e) => e.group === 'edges');
    expect(drawnEdges.map((e) => e.data.id)).toEqual(['shop DEPENDS_ON api', 'api DEPENDS_ON db', 'api DEPENDS_ON cache']);
    expect(byId(elements, 'api DEPENDS_ON cache')).toEqual({
      group: 'edges', data: { id: 'api DEPENDS_ON cache', source: 'api', target: 'cache', type: 'DEPENDS_ON', soft: true, count: 1 }, classes: 'soft',
    });
  });

  it('marks impact states, candidate ranks, cut neighbours and roll-up groups', () => {
    const nodes: DrawnNode[] = [...shop().nodes, { ...node('pool', { type: 'RedundancyGroup' }), memberCount: 3 }];
    const elements = toElements(nodes, [...shop().edges, { ...edges('api DEPENDS_ON pool')[0]!, count: 3 }], {
      roots: ['shop'],
      impact: impactById([{ id: 'db', state: 'down', path: ['db'] }, { id: 'api', state: 'down', path: ['db', 'api'] }, { id: 'shop', state: 'at_risk', path: ['db', 'api', 'shop'] }]),
      candidates: new Map([['db', 1]]),
      moreAt: new Map([['api', 4], ['cache', 0]]),
    });
    expect(classesOf(elements, 'db')).toEqual(['candidate', 'stale', 'state-down', 'type-Component']);
    expect(byId(elements, 'db')?.data).toMatchObject({ state: 'down', rank: 1 });
    expect(classesOf(elements, 'api')).toEqual(['has-more', 'state-down', 'type-Service']);
    expect(byId(elements, 'api')?.data).toMatchObject({ more: 4 });
    expect(byId(elements, 'cache')?.data).not.toHaveProperty('more');
    expect(classesOf(elements, 'pool')).toEqual(['group', 'type-RedundancyGroup']);
    expect(byId(elements, 'pool')?.data).toMatchObject({ memberCount: 3 });
    expect(byId(elements, 'api DEPENDS_ON pool')?.data).toMatchObject({ count: 3 });
    expect(classesOf(elements, 'api DEPENDS_ON db')).toEqual(['impacted']);
    expect(classesOf(elements, 'api DEPENDS_ON cache')).toEqual(['soft']);
  });

  it('marks a selected path by edge keys, or by consecutive nodes when it has none (an impact path)', () => {
    const { nodes, edges: all } = shop();
    const onPath = (elements: MapElement[]) => elements.filter((e) => e.classes.split(' ').includes('on-path')).map((e) => e.data.id);
    const byKeys = toElements(nodes, all, { roots: [], moreAt: new Map(), selectedPath: { nodes: ['shop', 'api', 'cache'], edges: ['shop DEPENDS_ON api', 'api DEPENDS_ON cache'] } });
    expect(onPath(byKeys)).toEqual(['shop', 'api', 'cache', 'shop DEPENDS_ON api', 'api DEPENDS_ON cache']);
    const byNodes = toElements(nodes, all, { roots: [], moreAt: new Map(), selectedPath: { nodes: ['db', 'api', 'shop'] } });
    expect(onPath(byNodes)).toEqual(['shop', 'api', 'db', 'shop DEPENDS_ON api', 'api DEPENDS_ON db']);
  });

  it('draws each id once', () => {
    const { nodes, edges: all } = shop();
    const elements = toElements([...nodes, nodes[0]!], [...all, all[0]!], { roots: [], moreAt: new Map() });
    expect(new Set(elements.map((e) => e.data.id)).size).toBe(elements.length);
    expect(elements).toHaveLength(7);
  });
});

describe('shortLabel', () => {
  it('cuts long names to 32 characters with an ellipsis, never inside a character nor before a space', () => {
    expect(shortLabel('a'.repeat(32))).toBe('a'.repeat(32));
    expect(shortLabel('a'.repeat(33))).toBe(`${'a'.repeat(31)}…`);
    expect(Array.from(shortLabel('🚀'.repeat(40)))).toHaveLength(32);
    expect(shortLabel(`${'x'.repeat(30)} yyyyy`)).toBe(`${'x'.repeat(30)}…`);
  });
});

describe('serviceMapElements', () => {
  /**
   *  shop ──► payments (via api-gw, payments-db)      shop ─ ─► search (soft, direct)
   *  owners: shop → Team Web, payments → Team Pay, search → none
   */
  const map: ServiceMap = {
    services: [
      { id: 'shop', name: 'Shop', criticality: 1, owner: { id: 'team-web', name: 'Team Web' }, domain: 'retail', stale: false },
      { id: 'payments', name: 'Payments', criticality: 2, owner: { id: 'team-pay', name: 'Team Pay' }, domain: 'retail', system: 'checkout', stale: false },
      { id: 'search', name: 'Search', stale: true },
    ],
    edges: [
      { from: 'shop', to: 'payments', via: ['api-gw', 'payments-db'] },
      { from: 'shop', to: 'search', via: [], strength: 'soft' },
      { from: 'shop', to: 'elsewhere', via: [] },
    ],
    version: 7,
  };

  it('boxes services by owner, labelled with the team name, with Unassigned last', () => {
    const elements = serviceMapElements(map, { groupBy: 'owner' });
    const boxes = elements.filter((e) => e.group === 'nodes' && e.data.id.startsWith('grp:'));
    expect(boxes.map((b) => [b.data.id, (b.data as { label: string }).label])).toEqual([['grp:team-pay', 'Team Pay'], ['grp:team-web', 'Team Web'], ['grp:', 'Unassigned']]);
    expect(byId(elements, 'shop')).toEqual({
      group: 'nodes', data: { id: 'shop', label: 'Shop', name: 'Shop', criticality: 1, stale: false, parent: 'grp:team-web' }, classes: 'service crit-1',
    });
    expect(byId(elements, 'search')).toMatchObject({ data: { parent: 'grp:' }, classes: 'service stale' });
    expect(elements.findIndex((e) => e.data.id === 'grp:team-web')).toBeLessThan(elements.findIndex((e) => e.data.id === 'shop'));
  });

  it('boxes by domain or system, or not at all', () => {
    const byDomain = serviceMapElements(map, { groupBy: 'domain' });
    expect(byId(byDomain, 'grp:retail')?.data).toEqual({ id: 'grp:retail', label: 'retail', size: 2 });
    expect(byId(byDomain, 'payments')?.data).toMatchObject({ parent: 'grp:retail' });
    expect(byId(serviceMapElements(map, { groupBy: 'system' }), 'shop')?.data).toMatchObject({ parent: 'grp:' });
    const flat = serviceMapElements(map, { groupBy: 'none' });
    expect(flat.filter((e) => e.data.id.startsWith('grp:'))).toEqual([]);
    expect(byId(flat, 'shop')?.data).not.toHaveProperty('parent');
  });

  it('draws one edge per derived reliance with the length of its chain, none to a service not on the map', () => {
    const drawnEdges = serviceMapElements(map, { groupBy: 'none' }).filter((e) => e.group === 'edges');
    expect(drawnEdges).toEqual([
      { group: 'edges', data: { id: 'shop RELIES_ON payments', source: 'shop', target: 'payments', via: 2, soft: false }, classes: '' },
      { group: 'edges', data: { id: 'shop RELIES_ON search', source: 'shop', target: 'search', via: 0, soft: true }, classes: 'soft direct' },
    ]);
  });
});

describe('nodeLabel', () => {
  it('says in words and glyphs what colour shows: state, rank, members, neighbours not drawn', () => {
    expect(nodeLabel('Checkout', {})).toBe('Checkout');
    expect(nodeLabel('Checkout', { state: 'down' })).toBe('✕ Checkout');
    expect(nodeLabel('Checkout', { state: 'at_risk', rank: 2 })).toBe('! #2 Checkout');
    expect(nodeLabel('Web pool', { memberCount: 3, more: 12 })).toBe('Web pool (3) +12');
  });
});
