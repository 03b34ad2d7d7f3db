import { describe, expect, it } from 'vitest';
import { fastLayered } from '../../web/graph/layout/fastLayered.ts';
import { groupedGrid } from '../../web/graph/layout/groupedGrid.ts';

const node = (id: string, parent?: string) => ({ id, width: 30, height: 30, ...(parent ? { parent } : {}) });
const edge = (source: string, target: string) => ({ source, target });

describe('fastLayered', () => {
  it('puts each CI above what it relies on, a layer per longest chain', () => {
    // shop ──► api ──► db ;  shop ──► db
    const positions = fastLayered([node('db'), node('api'), node('shop')], [edge('shop', 'api'), edge('api', 'db'), edge('shop', 'db')]);
    expect(positions.shop!.y).toBeLessThan(positions.api!.y);
    expect(positions.api!.y).toBeLessThan(positions.db!.y);
  });

  it('lays out a cycle without looping, and places every node once', () => {
    // a ──► b ──► c ──► a
    const positions = fastLayered([node('a'), node('b'), node('c')], [edge('a', 'b'), edge('b', 'c'), edge('c', 'a')]);
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'c']);
    expect(new Set(Object.values(positions).map((p) => p.y)).size).toBe(3);
  });

  it('wraps a wide layer into rows and never puts two nodes on one spot', () => {
    // hub ◄── leaf-0 … leaf-99
    const leaves = Array.from({ length: 100 }, (_, i) => node(`leaf-${i}`));
    const positions = fastLayered([node('hub'), ...leaves], leaves.map((l) => edge(l.id, 'hub')), { maxPerRow: 20 });
    const spots = new Set(Object.values(positions).map((p) => `${p.x},${p.y}`));
    expect(spots.size).toBe(101);
    expect(new Set(leaves.map((l) => positions[l.id]!.y)).size).toBe(5);
    expect(Math.max(...leaves.map((l) => positions[l.id]!.y))).toBeLessThan(positions.hub!.y);
  });
});

describe('groupedGrid', () => {
  it('keeps each group together in its own block, blocks apart', () => {
    // box a: a1..a9 ; box b: b1..b4 ; no box: loner
    const nodes = [node('A'), node('B'), ...Array.from({ length: 9 }, (_, i) => node(`a${i}`, 'A')), ...Array.from({ length: 4 }, (_, i) => node(`b${i}`, 'B')), node('loner')];
    const positions = groupedGrid(nodes, { cell: 10, gap: 50 });
    expect(positions.A).toBeUndefined();
    const box = (prefix: string) => {
      const points = Object.entries(positions).filter(([id]) => id.startsWith(prefix)).map(([, p]) => p);
      return { minX: Math.min(...points.map((p) => p.x)), maxX: Math.max(...points.map((p) => p.x)), minY: Math.min(...points.map((p) => p.y)), maxY: Math.max(...points.map((p) => p.y)) };
    };
    const [a, b] = [box('a'), box('b')];
    expect(a.maxX - a.minX).toBe(20); // 3 x 3
    expect(b.maxX - b.minX).toBe(10); // 2 x 2
    const apart = a.maxX < b.minX || b.maxX < a.minX || a.maxY < b.minY || b.maxY < a.minY;
    expect(apart).toBe(true);
    expect(positions.loner).toBeDefined();
  });
});
