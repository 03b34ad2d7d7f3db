import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServiceMapEdge } from '../../schema/explorer.ts';
import { deriveServiceMap } from '../../server/analysis/deriveServiceMap.ts';
import { randomEstate, type RandomEstate } from '../support/randomEstates.ts';
import { relianceGraphOf } from '../support/relianceGraphOf.ts';

// Arrows point from the CI that relies to the CI relied on: `a -> b` hard,
// `~>` soft DEPENDS_ON, `=>` HAS_MEMBER. Services are in capitals; the rest are components.

/** The service map of a drawing whose capitalised ids are services. */
function serviceMapOf(edges: string[], groups: string[] = []): ServiceMapEdge[] {
  const ids = edges.flatMap((e) => e.split(/\s*(?:->|~>|=>)\s*/));
  const nodes = Object.fromEntries(ids.map((id) => [id, id === id.toUpperCase() ? 'Service' as const : groups.includes(id) ? 'RedundancyGroup' as const : 'Component' as const]));
  return deriveServiceMap(relianceGraphOf(nodes, edges));
}

describe('deriveServiceMap', () => {
  it('relates two services through the components between them', () => {
    // SHOP -> app -> db -> PAY
    expect(serviceMapOf(['SHOP -> app', 'app -> db', 'db -> PAY'])).toEqual([{ from: 'SHOP', to: 'PAY', via: ['app', 'db'] }]);
  });

  it('relates services that rely on each other directly, with an empty chain', () => {
    // SHOP -> PAY
    expect(serviceMapOf(['SHOP -> PAY'])).toEqual([{ from: 'SHOP', to: 'PAY', via: [] }]);
  });

  it('walks through a redundancy group and its members', () => {
    // SHOP -> pool => m2, m1 ; m1 -> LOG ; m2 -> LOG   (the chain names the smaller member)
    expect(serviceMapOf(['SHOP -> pool', 'pool => m2', 'pool => m1', 'm2 -> LOG', 'm1 -> LOG'], ['pool']))
      .toEqual([{ from: 'SHOP', to: 'LOG', via: ['pool', 'm1'] }]);
  });

  it('is soft when every chain has a soft DEPENDS_ON, hard when one chain is all hard', () => {
    // SHOP ~> app -> PAY        SHOP soft on PAY
    expect(serviceMapOf(['SHOP ~> app', 'app -> PAY'])).toEqual([{ from: 'SHOP', to: 'PAY', via: ['app'], strength: 'soft' }]);
    // SHOP -> app ~> PAY ; SHOP -> b -> c -> PAY    the longer chain is all hard: hard, through the shortest chain
    expect(serviceMapOf(['SHOP -> app', 'app ~> PAY', 'SHOP -> b', 'b -> c', 'c -> PAY'])).toEqual([{ from: 'SHOP', to: 'PAY', via: ['app'] }]);
  });

  it('keeps the shortest of two chains to a service, and the smaller id between equal ones', () => {
    // SHOP -> a -> b -> c -> PAY ; SHOP -> d -> PAY
    expect(serviceMapOf(['SHOP -> a', 'a -> b', 'b -> c', 'c -> PAY', 'SHOP -> d', 'd -> PAY'])).toEqual([{ from: 'SHOP', to: 'PAY', via: ['d'] }]);
    // SHOP -> y -> PAY ; SHOP -> x -> PAY
    expect(serviceMapOf(['SHOP -> y', 'y -> PAY', 'SHOP -> x', 'x -> PAY'])).toEqual([{ from: 'SHOP', to: 'PAY', via: ['x'] }]);
  });

  it('stops at the first service: a service is never walked through', () => {
    // SHOP -> PAY -> db -> LEDGER
    expect(serviceMapOf(['SHOP -> PAY', 'PAY -> db', 'db -> LEDGER'])).toEqual([
      { from: 'PAY', to: 'LEDGER', via: ['db'] },
      { from: 'SHOP', to: 'PAY', via: [] },
    ]);
  });

  it('walks cycles of components, settling hops and hardness inside them', () => {
    // SHOP -> a -> b ~> a ; b -> PAY ; a -> LOG ; OPS -> b
    const map = serviceMapOf(['SHOP -> a', 'a -> b', 'b ~> a', 'b -> PAY', 'a -> LOG', 'OPS -> b']);
    expect(map).toEqual([
      { from: 'OPS', to: 'LOG', via: ['b', 'a'], strength: 'soft' },
      { from: 'OPS', to: 'PAY', via: ['b'] },
      { from: 'SHOP', to: 'LOG', via: ['a'] },
      { from: 'SHOP', to: 'PAY', via: ['a', 'b'] },
    ]);
  });

  it('takes the nearer way out of a cycle, and the smaller id between equal ones inside it', () => {
    // SHOP -> a -> b -> a ; b -> PAY ; a -> c -> d -> PAY    (out through b: 3 hops; through c and d: 4)
    expect(serviceMapOf(['SHOP -> a', 'a -> b', 'b -> a', 'b -> PAY', 'a -> c', 'c -> d', 'd -> PAY'])).toEqual([{ from: 'SHOP', to: 'PAY', via: ['a', 'b'] }]);
    // SHOP -> a -> y -> a ; a -> x -> a ; x -> PAY ; y -> PAY
    expect(serviceMapOf(['SHOP -> a', 'a -> y', 'y -> a', 'a -> x', 'x -> a', 'y -> PAY', 'x -> PAY'])).toEqual([{ from: 'SHOP', to: 'PAY', via: ['a', 'x'] }]);
  });

  it('relates services in a cycle both ways, and never a service to itself', () => {
    // SHOP -> PAY -> x -> SHOP ; SHOP -> y -> SHOP
    expect(serviceMapOf(['SHOP -> PAY', 'PAY -> x', 'x -> SHOP', 'SHOP -> y', 'y -> SHOP'])).toEqual([
      { from: 'PAY', to: 'SHOP', via: ['x'] },
      { from: 'SHOP', to: 'PAY', via: [] },
    ]);
  });

  it('agrees with a plain walk from each service on random estates, whatever the node numbering', () => {
    fc.assert(fc.property(randomEstate({ groups: true }), (estate) => {
      const map = deriveServiceMap(graphOf(estate));
      expect(map).toEqual(deriveServiceMap(graphOf(estate, 'reversed')));
      const expected = plainServiceMap(estate);
      expect(map.map((e) => `${e.from} ${e.to} ${e.via.length} ${e.strength ?? 'hard'}`))
        .toEqual(expected.map((e) => `${e.from} ${e.to} ${e.hops - 1} ${e.hard ? 'hard' : 'soft'}`));
      for (const edge of map) expect(isChain(estate, [edge.from, ...edge.via, edge.to]), JSON.stringify(edge)).toBe(true);
    }), { numRuns: 300 });
  });
});

function graphOf(estate: RandomEstate, order: 'as-drawn' | 'reversed' = 'as-drawn') {
  const nodes = order === 'reversed' ? [...estate.nodes].reverse() : estate.nodes;
  const edges = order === 'reversed' ? [...estate.edges].reverse() : estate.edges;
  return relianceGraphOf(Object.fromEntries(nodes.map((n) => [n.id, { type: n.type, minHealthy: n.minHealthy }])), edges);
}

/** The oracle: from each service, a breadth-first walk that stops at services, and another over hard relationships only. */
function plainServiceMap(estate: RandomEstate): { from: string; to: string; hops: number; hard: boolean }[] {
  const isService = new Set(estate.nodes.filter((n) => n.type === 'Service').map((n) => n.id));
  const out = (id: string, hardOnly: boolean) => estate.edges.map((e) => e.split(' ')).filter(([from, arrow]) => from === id && !(hardOnly && arrow === '~>')).map(([, , to]) => to!);
  const walk = (start: string, hardOnly: boolean) => {
    const hops = new Map<string, number>();
    const seen = new Set<string>([start]);
    for (let frontier = [start], depth = 1; frontier.length; depth += 1) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const to of out(id, hardOnly)) {
          if (isService.has(to)) {
            if (!hops.has(to)) hops.set(to, depth);
          } else if (!seen.has(to)) {
            seen.add(to);
            next.push(to);
          }
        }
      }
      frontier = next;
    }
    return hops;
  };
  return [...isService].sort().flatMap((from) => {
    const hard = walk(from, true);
    return [...walk(from, false)].filter(([to]) => to !== from).sort(([a], [b]) => (a < b ? -1 : 1)).map(([to, hops]) => ({ from, to, hops, hard: hard.has(to) }));
  });
}

/** True when each id relies on the next and only the ends are services. */
function isChain(estate: RandomEstate, ids: string[]): boolean {
  const type = new Map(estate.nodes.map((n) => [n.id, n.type]));
  const edges = new Set(estate.edges.map((e) => e.replace(/ (->|~>|=>) /, ' ')));
  return ids.every((id, i) => i === 0 || edges.has(`${ids[i - 1]} ${id}`)) && ids.slice(1, -1).every((id) => type.get(id) !== 'Service');
}
