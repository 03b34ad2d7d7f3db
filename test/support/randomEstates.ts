import fc from 'fast-check';
import type { CIType } from '../../schema/ciTypes.ts';

/** A small random estate for property tests: typed nodes, reliance edges and impact targets. */
export interface RandomEstate {
  nodes: { id: string; type: CIType; minHealthy: number }[];
  /** `a -> b` hard, `a ~> b` soft, `g => m` member (only from groups). */
  edges: string[];
  targets: Record<string, 'down' | 'degraded'>;
}

/** Random estates with cycles, soft edges and redundancy groups (or none, when `groups` is false). */
export function randomEstate(options: { groups: boolean; maxNodes?: number }): fc.Arbitrary<RandomEstate> {
  const maxNodes = options.maxNodes ?? 24;
  const types: CIType[] = options.groups ? ['Service', 'Component', 'RedundancyGroup'] : ['Service', 'Component'];
  return fc
    .integer({ min: 2, max: maxNodes })
    .chain((n) =>
      fc.record({
        nodes: fc.array(fc.record({ type: fc.constantFrom(...types), minHealthy: fc.constantFrom(1, 1, 1, 2, 3) }), { minLength: n, maxLength: n }),
        edges: fc.uniqueArray(
          fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1), kind: fc.constantFrom('->', '~>', '=>', '=>') }),
          { minLength: Math.floor(n / 2), maxLength: 2 * n, selector: (e) => `${e.from} ${e.to}` },
        ),
        // Half the estates are drawn without cycles, where every rule must hold exactly.
        acyclic: fc.boolean(),
        targets: fc.uniqueArray(fc.record({ node: fc.nat(n - 1), effect: fc.constantFrom('down' as const, 'degraded' as const) }), {
          minLength: 1,
          maxLength: 3,
          selector: (t) => t.node,
        }),
      }),
    )
    .map(({ nodes, edges: drawn, acyclic, targets }) => {
      const edges = acyclic ? drawn.map((e) => (e.from > e.to ? { ...e, from: e.to, to: e.from } : e)) : drawn;
      const id = (i: number) => `n${String(i).padStart(2, '0')}`;
      const typed = nodes.map((node, i) => ({ id: id(i), ...node }));
      const isGroup = (i: number) => typed[i]!.type === 'RedundancyGroup';
      return {
        nodes: typed,
        edges: [...new Map(edges.map((e) => [`${e.from} ${e.to}`, e])).values()]
          .filter((e) => e.from !== e.to)
          .map((e) => `${id(e.from)} ${isGroup(e.from) && e.kind === '=>' ? '=>' : e.kind === '=>' ? '->' : e.kind} ${id(e.to)}`),
        targets: Object.fromEntries(targets.map((t) => [id(t.node), t.effect])),
      };
    });
}
