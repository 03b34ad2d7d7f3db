import { describe, expect, it } from 'vitest';
import { clusterOf, collapse, findGroups, groupNodeId } from '../../web/graph/rollUp.ts';
import { edges, idsOf, node } from './mapBuilders.ts';

/**
 *  svc ──► pool ══► node-1, node-2, node-3   (HAS_MEMBER)
 *           └──► k8s (RUNS_ON)    node-1 ──► disk, node-2 ──► disk (soft), node-3 ~~► disk (soft)
 */
function pool() {
  return {
    nodes: [
      node('svc', { type: 'Service', depth: 0, facets: { criticality: 1 } }),
      node('pool', { type: 'RedundancyGroup', name: 'Web pool', depth: 1 }),
      node('node-1', { depth: 2 }), node('node-2', { depth: 2 }), node('node-3', { depth: 2 }),
      node('k8s', { depth: 2 }), node('disk', { depth: 3 }),
    ],
    edges: edges(
      'svc DEPENDS_ON pool', 'pool HAS_MEMBER node-1', 'pool HAS_MEMBER node-2', 'pool HAS_MEMBER node-3', 'pool RUNS_ON k8s',
      'node-1 DEPENDS_ON disk', 'node-2 DEPENDS_ON disk soft', 'node-3 DEPENDS_ON disk soft',
    ),
  };
}

/**
 *  checkout (System) ──► cart (Component), cart-api (API), cart-db (Resource), billing (System: not a part)
 */
function system() {
  return {
    nodes: [
      node('checkout', { name: 'Checkout', facets: { backstageKind: 'System' } }),
      node('cart', { facets: { backstageKind: 'Component' } }),
      node('cart-api', { facets: { backstageKind: 'API' } }),
      node('cart-db', { facets: { backstageKind: 'Resource' } }),
      node('billing', { facets: { backstageKind: 'System' } }),
    ],
    edges: edges('checkout DEPENDS_ON cart', 'checkout DEPENDS_ON cart-api', 'checkout DEPENDS_ON cart-db', 'checkout DEPENDS_ON billing', 'cart DEPENDS_ON cart-db'),
  };
}

const k8s = (cluster: string, namespace: string, name: string, depth = 1) =>
  node(`k8s:${cluster}/${namespace}/Deployment/${name}`, { depth, facets: { namespace } });

describe('findGroups', () => {
  it('finds a redundancy group with its members; the group CI stands for it', () => {
    const groups = findGroups(pool().nodes, pool().edges);
    expect(groups).toEqual([{ key: 'group:pool', kind: 'redundancy', label: 'Web pool', members: ['node-1', 'node-2', 'node-3'] }]);
    expect(groupNodeId(groups[0]!)).toBe('pool');
  });

  it('finds a Backstage system with the components, APIs and resources it depends on, not other systems', () => {
    expect(findGroups(system().nodes, system().edges)).toEqual([
      { key: 'system:checkout', kind: 'system', label: 'Checkout', members: ['cart', 'cart-api', 'cart-db'] },
    ]);
  });

  //  prod: shop/{web, api}, ops/{agent}   staging: shop/{web}   (no relationships)
  it('finds Kubernetes namespaces per cluster, only with at least two members', () => {
    const nodes = [k8s('prod', 'shop', 'web'), k8s('prod', 'shop', 'api'), k8s('prod', 'ops', 'agent'), k8s('staging', 'shop', 'web'), node('plain', { facets: { namespace: 'shop' } })];
    expect(findGroups(nodes, [])).toEqual([
      { key: 'namespace:prod/shop', kind: 'namespace', label: 'shop (prod)', members: ['k8s:prod/shop/Deployment/web', 'k8s:prod/shop/Deployment/api'] },
    ]);
    expect(clusterOf('k8s:prod-eu.1/shop/Deployment/web')).toBe('prod-eu.1');
    expect(clusterOf('k8s:uid:1234')).toBeUndefined();
  });
});

describe('collapse', () => {
  it('draws a collapsed redundancy group as its own CI, redirecting and merging its members\' edges', () => {
    const { nodes, edges: drawn } = pool();
    const out = collapse(nodes, drawn, findGroups(nodes, drawn), ['group:pool']);
    expect(idsOf(out.nodes)).toEqual(['disk', 'k8s', 'pool', 'svc']);
    expect(out.nodes.find((n) => n.id === 'pool')).toMatchObject({ memberCount: 3, depth: 1 });
    expect(out.edges).toEqual([
      { from: 'svc', type: 'DEPENDS_ON', to: 'pool', count: 1 },
      { from: 'pool', type: 'RUNS_ON', to: 'k8s', count: 1 },
      { from: 'pool', type: 'DEPENDS_ON', to: 'disk', count: 3 },
    ]);
    expect(out.drawnAs.get('node-2')).toBe('pool');
  });

  it('keeps a merged edge soft only when every edge it stands for is soft', () => {
    const { nodes } = pool();
    const allSoft = edges('pool HAS_MEMBER node-1', 'pool HAS_MEMBER node-2', 'node-1 DEPENDS_ON disk soft', 'node-2 DEPENDS_ON disk soft');
    const merged = collapse(nodes, allSoft, findGroups(nodes, allSoft), ['group:pool']).edges;
    expect(merged).toEqual([{ from: 'pool', type: 'DEPENDS_ON', to: 'disk', strength: 'soft', count: 2 }]);
  });

  it('changes nothing when no key is collapsed (expanding is removing the key)', () => {
    const { nodes, edges: drawn } = pool();
    const out = collapse(nodes, drawn, findGroups(nodes, drawn), []);
    expect(out.nodes).toEqual(nodes);
    expect(out.edges.map((e) => e.count)).toEqual(drawn.map(() => 1));
  });

  //  prod/shop: web ──► api ──► db (prod/data);  edge ──► web, edge ──► api (outside)
  it('draws a collapsed namespace as one synthetic node with its closest depth', () => {
    const [web, api, db] = [k8s('prod', 'shop', 'web', 2), k8s('prod', 'shop', 'api', 1), k8s('prod', 'data', 'db', 3)];
    const outside = node('edge', { depth: 0 });
    const drawn = edges(`${web.id} DEPENDS_ON ${api.id}`, `${api.id} DEPENDS_ON ${db.id}`, `edge DEPENDS_ON ${web.id}`, `edge DEPENDS_ON ${api.id}`);
    const out = collapse([web, api, db, outside], drawn, findGroups([web, api, db, outside], drawn), ['namespace:prod/shop']);
    expect(out.nodes.find((n) => n.id === 'namespace:prod/shop')).toEqual({
      id: 'namespace:prod/shop', type: 'Namespace', name: 'shop (prod)', depth: 1, facets: { namespace: 'shop' }, memberCount: 2,
    });
    expect(out.edges).toEqual([
      { from: 'namespace:prod/shop', type: 'DEPENDS_ON', to: db.id, count: 1 },
      { from: 'edge', type: 'DEPENDS_ON', to: 'namespace:prod/shop', count: 2 },
    ]);
  });

  //  prod/shop: pool ══► m1, m2 (all three in the namespace); svc ──► pool
  it('gives a CI in two collapsed groups to the first in key order, and folds a group into its namespace', () => {
    const pool2 = node('k8s:prod/shop/Group/pool', { type: 'RedundancyGroup', depth: 1, facets: { namespace: 'shop' } });
    const [m1, m2] = [k8s('prod', 'shop', 'm1', 2), k8s('prod', 'shop', 'm2', 2)];
    const nodes = [node('svc', { depth: 0 }), pool2, m1, m2];
    const drawn = edges(`svc DEPENDS_ON ${pool2.id}`, `${pool2.id} HAS_MEMBER ${m1.id}`, `${pool2.id} HAS_MEMBER ${m2.id}`);
    const groups = findGroups(nodes, drawn);
    expect(groups.map((g) => g.key)).toEqual([`group:${pool2.id}`, 'namespace:prod/shop']);

    const both = collapse(nodes, drawn, groups, ['namespace:prod/shop', `group:${pool2.id}`]);
    expect(idsOf(both.nodes)).toEqual(['namespace:prod/shop', 'svc']);
    expect(both.nodes.find((n) => n.id === 'namespace:prod/shop')?.memberCount).toBe(3);
    expect(both.edges).toEqual([{ from: 'svc', type: 'DEPENDS_ON', to: 'namespace:prod/shop', count: 1 }]);
    expect(both.drawnAs.get(m1.id)).toBe('namespace:prod/shop');

    const groupOnly = collapse(nodes, drawn, groups, [`group:${pool2.id}`]);
    expect(idsOf(groupOnly.nodes)).toEqual([pool2.id, 'svc']);
  });

  //  a ══► b, b ══► a (two redundancy groups holding each other)
  it('does not loop on groups that hold each other', () => {
    const nodes = [node('a', { type: 'RedundancyGroup' }), node('b', { type: 'RedundancyGroup' })];
    const drawn = edges('a HAS_MEMBER b', 'b HAS_MEMBER a');
    const out = collapse(nodes, drawn, findGroups(nodes, drawn), ['group:a', 'group:b']);
    expect(out.nodes).toEqual([{ ...nodes[0], memberCount: 1 }]);
    expect(out.edges).toEqual([]);
  });

  it('leaves a group expanded when its own CI is not on the map', () => {
    const { nodes, edges: drawn } = pool();
    const groups = findGroups(nodes, drawn);
    const out = collapse(nodes.filter((n) => n.id !== 'pool'), drawn, groups, ['group:pool']);
    expect(out.nodes).toHaveLength(6);
  });
});
