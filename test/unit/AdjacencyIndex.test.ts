import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relianceTypes } from '../../schema/relationships.ts';
import { AdjacencyIndex, typeMask, typeOfCode } from '../../server/store/embedded/AdjacencyIndex.ts';

const everything = typeMask(['DEPENDS_ON', 'RUNS_ON', 'PROVIDED_BY', 'HAS_MEMBER', 'OWNED_BY', 'SUPPORTED_BY', 'COVERED_BY', 'AGREED_WITH', 'CONNECTS_TO']);

/** What the index holds, as sorted text: `from TYPE[~] to` per relationship, seen from both ends. */
function contents(index: AdjacencyIndex): { out: string[]; in: string[] } {
  const out: string[] = [];
  const into: string[] = [];
  for (let node = 0; node < index.capacity; node += 1) {
    const id = index.ids[node];
    if (id === undefined) continue;
    index.forEachNeighbour(node, true, everything, (n, code) => out.push(`${id} ${typeOfCode[code]}${code === 9 ? '~' : ''} ${index.idAt(n)}`));
    index.forEachNeighbour(node, false, everything, (n, code) => into.push(`${index.idAt(n)} ${typeOfCode[code]}${code === 9 ? '~' : ''} ${id}`));
  }
  return { out: out.sort(), in: into.sort() };
}

const operation = fc.oneof(
  fc.record({ op: fc.constant('set' as const), from: fc.nat(7), to: fc.nat(7), type: fc.constantFrom(...relianceTypes), soft: fc.boolean() }),
  fc.record({ op: fc.constant('unset' as const), from: fc.nat(7), to: fc.nat(7), type: fc.constantFrom(...relianceTypes) }),
  fc.record({ op: fc.constant('remove' as const), node: fc.nat(7) }),
);

describe('AdjacencyIndex (compressed rows + additions)', () => {
  it('matches a plain model through loads, changes, removals and rebuilds', () => {
    fc.assert(fc.property(fc.array(operation, { maxLength: 80 }), fc.boolean(), (operations, loadFirst) => {
      const index = new AdjacencyIndex({ rebuildFloor: 4 });
      const model = new Map<string, string>(); // "from type to" → soft flag
      const present = new Set<number>();
      const ensure = (n: number) => {
        if (!present.has(n)) index.setCI({ id: `c${n}`, type: 'Component', name: `C${n}` });
        present.add(n);
      };
      if (loadFirst) {
        index.load([0, 1, 2].map((n) => ({ id: `c${n}`, type: 'Component' as const, name: `C${n}` })), [{ from: 'c0', type: 'RUNS_ON', to: 'c1', soft: false }]);
        [0, 1, 2].forEach((n) => present.add(n));
        model.set('c0 RUNS_ON c1', '');
      }
      for (const o of operations) {
        if (o.op === 'remove') {
          if (!present.has(o.node)) continue;
          index.removeCI(`c${o.node}`);
          present.delete(o.node);
          for (const key of [...model.keys()]) if (key.split(' ')[0] === `c${o.node}` || key.split(' ')[2] === `c${o.node}`) model.delete(key);
        } else if (o.from !== o.to) {
          ensure(o.from);
          ensure(o.to);
          const key = `c${o.from} ${o.type} c${o.to}`;
          if (o.op === 'set') {
            index.setRelationship(`c${o.from}`, o.type, `c${o.to}`, o.soft);
            model.set(key, o.soft && o.type === 'DEPENDS_ON' ? '~' : '');
          } else {
            index.removeRelationship(`c${o.from}`, o.type, `c${o.to}`);
            model.delete(key);
          }
        }
      }
      const expected = [...model].map(([key, soft]) => key.replace(/^(\S+) (\S+) /, `$1 $2${soft} `)).sort();
      const actual = contents(index);
      expect(actual.out).toEqual(expected);
      expect(actual.in).toEqual(expected);
    }), { numRuns: 300 });
  });
});
