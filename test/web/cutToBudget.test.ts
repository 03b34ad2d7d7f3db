import { describe, expect, it } from 'vitest';
import type { MapEdge, MapNode } from '../../schema/explorer.ts';
import { cutToBudget } from '../../web/graph/cutToBudget.ts';
import { edges, idsOf, node } from './mapBuilders.ts';

const options = (budget: number, roots: string[], expanded: string[] = []) => ({ budget, roots, expanded });

/**
 *  r ──► a ──► x1, x2, x3
 *  └───► b ──► y ──► z
 */
function fan() {
  return {
    nodes: [node('r', { depth: 0 }), node('a'), node('b'), node('x1', { depth: 2 }), node('x2', { depth: 2 }), node('x3', { depth: 2 }), node('y', { depth: 2 }), node('z', { depth: 3 })],
    edges: edges('r DEPENDS_ON a', 'r DEPENDS_ON b', 'a DEPENDS_ON x1', 'a DEPENDS_ON x2', 'a DEPENDS_ON x3', 'b DEPENDS_ON y', 'y DEPENDS_ON z'),
  };
}

describe('cutToBudget', () => {
  it('keeps everything when the map fits', () => {
    const { nodes, edges: all } = fan();
    const out = cutToBudget(nodes, all, options(8, ['r']));
    expect(out).toEqual({ nodes, edges: all, cut: 0, moreAt: new Map() });
  });

  it('keeps the closest nodes, and counts on each kept node the neighbours that were cut', () => {
    const { nodes, edges: all } = fan();
    const out = cutToBudget(nodes, all, options(3, ['r']));
    expect(idsOf(out.nodes)).toEqual(['a', 'b', 'r']);
    expect(out.edges).toEqual(edges('r DEPENDS_ON a', 'r DEPENDS_ON b'));
    expect(out.cut).toBe(5);
    expect(out.moreAt).toEqual(new Map([['a', 3], ['b', 1]]));
  });

  it('keeps the cut neighbours of an expanded node, past the budget, and of expanded nodes found that way', () => {
    const { nodes, edges: all } = fan();
    const once = cutToBudget(nodes, all, options(3, ['r'], ['a']));
    expect(idsOf(once.nodes)).toEqual(['a', 'b', 'r', 'x1', 'x2', 'x3']);
    expect(once.moreAt).toEqual(new Map([['b', 1]]));
    const chained = cutToBudget(nodes, all, options(3, ['r'], ['b', 'y']));
    expect(idsOf(chained.nodes)).toEqual(['a', 'b', 'r', 'y', 'z']);
    expect(chained.moreAt).toEqual(new Map([['a', 3]]));
  });

  it('ignores an expanded node that was itself cut', () => {
    const { nodes, edges: all } = fan();
    expect(cutToBudget(nodes, all, options(3, ['r'], ['y'])).cut).toBe(5);
  });

  //  r ──► s1 (crit 2), s2 (crit 1), s3 (no criticality), s4 (crit 1), far (depth 5, a root)
  it('ranks by depth, then criticality (1 first, missing last), then id; roots always stay', () => {
    const nodes = [
      node('r', { depth: 0 }), node('s1', { facets: { criticality: 2 } }), node('s2', { facets: { criticality: 1 } }),
      node('s3'), node('s4', { facets: { criticality: 1 } }), node('far', { depth: 5 }),
    ];
    const all = edges('r DEPENDS_ON s1', 'r DEPENDS_ON s2', 'r DEPENDS_ON s3', 'r DEPENDS_ON s4');
    expect(idsOf(cutToBudget(nodes, all, options(3, ['r'])).nodes)).toEqual(['r', 's2', 's4']);
    expect(idsOf(cutToBudget(nodes, all, options(4, ['r'])).nodes)).toEqual(['r', 's1', 's2', 's4']);
    expect(idsOf(cutToBudget(nodes, all, options(3, ['r', 'far'])).nodes)).toEqual(['far', 'r', 's2']);
    expect(idsOf(cutToBudget(nodes, all, options(1, ['r', 'far'])).nodes)).toEqual(['far', 'r']);
  });

  //  a ──► x (DEPENDS_ON and RUNS_ON), x ──► a
  it('counts a cut neighbour once however many edges lead to it', () => {
    const nodes = [node('a', { depth: 0 }), node('x')];
    const out = cutToBudget(nodes, edges('a DEPENDS_ON x', 'a RUNS_ON x', 'x DEPENDS_ON a'), options(1, ['a']));
    expect(out.moreAt).toEqual(new Map([['a', 1]]));
  });

  /**
   *  50,000 nodes n0..n49999 at depth ⌊i / 1000⌋, 150,000 pseudo-random edges; roots n0 and n49999.
   *  At depth 1, i % 10 = 0 has criticality 1 and i % 10 = 1 criticality 2.
   */
  it('cuts a 50,000-node, 150,000-edge map to the expected nodes and counts', () => {
    const count = 50_000;
    const nodes: MapNode[] = Array.from({ length: count }, (_, i) =>
      node(`n${i}`, { depth: Math.floor(i / 1000), facets: i >= 1000 && i < 2000 && i % 10 < 2 ? { criticality: (i % 10) + 1 } : {} }));
    let seed = 42;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      const t = Math.imul(seed ^ (seed >>> 15), seed | 1);
      return ((t ^ (t >>> 13)) >>> 0) % count;
    };
    const all: MapEdge[] = Array.from({ length: 150_000 }, () => ({ from: `n${random()}`, type: 'DEPENDS_ON' as const, to: `n${random()}` })).filter((e) => e.from !== e.to);

    const out = cutToBudget(nodes, all, options(1500, ['n0', 'n49999']));

    const depthOne = nodes.slice(1000, 2000);
    const rest = depthOne.filter((n) => n.facets.criticality === undefined).map((n) => n.id).sort();
    const expected = ['n49999', ...nodes.slice(0, 1000).map((n) => n.id), ...depthOne.filter((n) => n.facets.criticality !== undefined).map((n) => n.id), ...rest.slice(0, 299)];
    expect(idsOf(out.nodes)).toEqual(expected.sort());
    expect(out.cut).toBe(count - 1500);

    const kept = new Set(expected);
    expect(out.edges.length).toBe(all.filter((e) => kept.has(e.from) && kept.has(e.to)).length);
    for (const id of ['n0', 'n49999', 'n500', 'n1000', 'n1011']) {
      const cutNeighbours = new Set(all.flatMap((e) => (e.from === id ? [e.to] : e.to === id ? [e.from] : [])).filter((n) => !kept.has(n)));
      expect(cutNeighbours.size).toBeGreaterThan(0);
      expect(out.moreAt.get(id)).toBe(cutNeighbours.size);
    }
  });
});
