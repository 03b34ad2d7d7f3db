import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RelianceGraph } from '../../schema/relianceGraph.ts';
import { randomEstate, type RandomEstate } from '../support/randomEstates.ts';
import { impactOn, relianceGraphOf } from '../support/relianceGraphOf.ts';

const rank = { ok: 0, at_risk: 1, degraded: 2, down: 3 } as const;
type Name = keyof typeof rank;

function graphOf(estate: RandomEstate, order: 'as-drawn' | 'reversed' = 'as-drawn'): RelianceGraph {
  const nodes = order === 'reversed' ? [...estate.nodes].reverse() : estate.nodes;
  const edges = order === 'reversed' ? [...estate.edges].reverse() : estate.edges;
  return relianceGraphOf(Object.fromEntries(nodes.map((n) => [n.id, { type: n.type, minHealthy: n.minHealthy }])), edges);
}

/** The spec's rules written out again, plainly, as an oracle: the state a CI should have given the others'. */
function expectedState(estate: RandomEstate, id: string, state: (id: string) => number): number {
  const node = estate.nodes.find((n) => n.id === id)!;
  let s: number = rank[estate.targets[id] ?? 'ok'];
  const members: number[] = [];
  for (const edge of estate.edges) {
    const [from, arrow, to] = edge.split(' ') as [string, string, string];
    if (from !== id) continue;
    if (arrow === '->') s = Math.max(s, state(to));
    if (arrow === '~>') s = Math.max(s, state(to) >= rank.degraded ? rank.degraded : rank.ok);
    if (arrow === '=>') members.push(state(to));
  }
  if (node.type === 'RedundancyGroup' && members.some((m) => m !== rank.ok)) {
    const up = members.filter((m) => m !== rank.down).length;
    const group = up < node.minHealthy ? rank.down : members.some((m) => m === rank.degraded) ? rank.degraded : rank.at_risk;
    s = Math.max(s, group);
  }
  return s;
}

/** Least fixpoint by plain chaotic iteration: exact when every rule is monotone (no groups). */
function naiveFixpoint(estate: RandomEstate): Record<string, Name> {
  const states = new Map<string, number>(estate.nodes.map((n) => [n.id, rank[estate.targets[n.id] ?? 'ok']]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of estate.nodes) {
      const next = Math.max(states.get(n.id)!, expectedState(estate, n.id, (id) => states.get(id)!));
      if (next !== states.get(n.id)) {
        states.set(n.id, next);
        changed = true;
      }
    }
  }
  const names = Object.keys(rank) as Name[];
  return Object.fromEntries([...states].filter(([, s]) => s > 0).map(([id, s]) => [id, names[s]!]));
}

/** True when a CI relies on itself through some chain. */
function onCycle(estate: RandomEstate, id: string): boolean {
  const next = (x: string) => estate.edges.map((e) => e.split(' ')).filter(([f]) => f === x).map(([, , t]) => t!);
  const seen = new Set<string>();
  for (let frontier = next(id); frontier.length; ) {
    if (frontier.includes(id)) return true;
    frontier = frontier.filter((x) => !seen.has(x) && seen.add(x)).flatMap(next);
  }
  return false;
}

const runs = { numRuns: 300 };

describe('impact properties on random graphs (with cycles)', () => {
  it('does not depend on the order nodes and relationships were inserted', () => {
    fc.assert(fc.property(randomEstate({ groups: true }), (estate) => {
      const a = impactOn(graphOf(estate), estate.targets);
      const b = impactOn(graphOf(estate, 'reversed'), estate.targets);
      expect(b.impacted).toEqual(a.impacted);
    }), runs);
  });

  it('without groups, equals the least fixpoint found by naive iteration', () => {
    fc.assert(fc.property(randomEstate({ groups: false }), (estate) => {
      expect(impactOn(graphOf(estate), estate.targets).states).toEqual(naiveFixpoint(estate));
    }), runs);
  });

  it('with groups, every state is what the rules demand of the final states (at least that, on a cycle)', () => {
    fc.assert(fc.property(randomEstate({ groups: true }), (estate) => {
      const { states } = impactOn(graphOf(estate), estate.targets);
      const state = (id: string) => rank[(states[id] ?? 'ok') as Name];
      for (const n of estate.nodes) {
        if (onCycle(estate, n.id)) expect(state(n.id), n.id).toBeGreaterThanOrEqual(expectedState(estate, n.id, state));
        else expect(state(n.id), n.id).toBe(expectedState(estate, n.id, state));
      }
    }), runs);
  });

  it('is monotone without groups: another target or a worse effect never improves a state', () => {
    fc.assert(fc.property(randomEstate({ groups: false }), fc.nat(), (estate, pick) => {
      const before = impactOn(graphOf(estate), estate.targets).states;
      const node = estate.nodes[pick % estate.nodes.length]!.id;
      const after = impactOn(graphOf(estate), { ...estate.targets, [node]: 'down' }).states;
      for (const [id, s] of Object.entries(before)) expect(rank[(after[id] ?? 'ok') as Name], id).toBeGreaterThanOrEqual(rank[s as Name]);
    }), runs);
  });

  it('is monotone with groups for every CI that no group sits between it and the targets', () => {
    // With groups, a worse member can make its group better (impactRules: NOTE tests), and that
    // improvement travels to what relies on the group; everything else only gets worse.
    fc.assert(fc.property(randomEstate({ groups: true }), fc.nat(), fc.boolean(), (estate, pick, down) => {
      const node = estate.nodes[pick % estate.nodes.length]!.id;
      fc.pre(estate.targets[node] === undefined);
      const before = impactOn(graphOf(estate), estate.targets).states;
      const after = impactOn(graphOf(estate), { ...estate.targets, [node]: down ? 'down' : 'degraded' }).states;
      const throughGroup = reliesThroughGroup(estate);
      for (const [id, s] of Object.entries(before)) {
        if (!throughGroup.has(id)) expect(rank[(after[id] ?? 'ok') as Name], id).toBeGreaterThanOrEqual(rank[s as Name]);
      }
    }), runs);
  });

  it('reports for every impacted CI a valid shortest chain of impacted CIs from a target', () => {
    fc.assert(fc.property(randomEstate({ groups: true }), (estate) => {
      const { impacted, states } = impactOn(graphOf(estate), estate.targets);
      const relies = new Set(estate.edges.map((e) => { const [f, , t] = e.split(' '); return `${f} ${t}`; }));
      // Independent breadth-first distances from the targets through impacted CIs.
      const distance = new Map(Object.keys(estate.targets).map((id) => [id, 0]));
      for (let frontier = [...distance.keys()], d = 1; frontier.length; d += 1) {
        frontier = Object.keys(states).filter((x) => !distance.has(x) && frontier.some((y) => relies.has(`${x} ${y}`)));
        for (const x of frontier) distance.set(x, d);
      }
      for (const ci of impacted) {
        expect(ci.path[0]! in estate.targets).toBe(true);
        expect(ci.path.at(-1)).toBe(ci.id);
        expect(ci.path.length - 1).toBe(ci.depth);
        expect(ci.depth).toBe(distance.get(ci.id));
        for (let i = 1; i < ci.path.length; i += 1) {
          expect(states[ci.path[i]!]).toBeDefined();
          expect(relies.has(`${ci.path[i]} ${ci.path[i - 1]}`)).toBe(true);
        }
      }
    }), runs);
  });
});

/** CIs that are groups or rely, directly or not, on a group: where the group rules' non-monotonicity can reach. */
function reliesThroughGroup(estate: { nodes: { id: string; type: string }[]; edges: string[] }): Set<string> {
  const reached = new Set(estate.nodes.filter((n) => n.type === 'RedundancyGroup').map((n) => n.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const edge of estate.edges) {
      const [from, , to] = edge.split(' ');
      if (reached.has(to!) && !reached.has(from!)) {
        reached.add(from!);
        grew = true;
      }
    }
  }
  return reached;
}
