import type { ConfigItem } from '../../schema/configItem.ts';
import type { Relationship, RelationshipType } from '../../schema/relationships.ts';
import type { Batch } from '../../server/store/GraphStore.ts';
import type { RandomEstate } from './randomEstates.ts';

const hardTypes: RelationshipType[] = ['DEPENDS_ON', 'RUNS_ON', 'PROVIDED_BY'];

/** A random estate as a store batch: hard arrows become DEPENDS_ON, RUNS_ON or PROVIDED_BY in turn. */
export function estateBatch(estate: RandomEstate): Batch {
  const parties: ConfigItem[] = [
    { id: 'team-a', type: 'Team' as const, name: 'Team A', attributes: {} },
    { id: 'team-b', type: 'Team' as const, name: 'Team B', attributes: {} },
    { id: 'ctr-1', type: 'Contract' as const, name: 'Contract 1', attributes: { kind: 'support' } },
    { id: 'sup-1', type: 'Supplier' as const, name: 'Supplier 1', attributes: {} },
  ];
  // Owners, support, coverage and agreements, so reports have people and contracts to list.
  const links: Relationship[] = estate.nodes.flatMap((n, i): Relationship[] => [
    { from: n.id, type: 'OWNED_BY', to: i % 2 ? 'team-a' : 'team-b' },
    ...(i % 3 === 0 ? [{ from: n.id, type: 'SUPPORTED_BY' as const, to: 'team-a' }] : []),
    ...(i % 4 === 0 ? [{ from: n.id, type: 'COVERED_BY' as const, to: 'ctr-1' }] : []),
  ]);
  return {
    upsertCIs: [...parties, ...estate.nodes.map((n, i) => ({
      id: n.id,
      type: n.type,
      name: `CI ${n.id}`,
      attributes: (n.type === 'RedundancyGroup' ? { minHealthy: n.minHealthy } : n.type === 'Service' ? { criticality: 1 + (i % 4) } : {}) as Record<string, number>,
    }))],
    upsertRelationships: estate.edges.map((edge, i): Relationship => {
      const [from, arrow, to] = edge.split(' ') as [string, string, string];
      if (arrow === '=>') return { from, type: 'HAS_MEMBER', to };
      if (arrow === '~>') return { from, type: 'DEPENDS_ON', to, strength: 'soft' };
      return { from, type: hardTypes[i % 3]!, to };
    }).concat(links, [{ from: 'ctr-1', type: 'AGREED_WITH', to: 'sup-1' }]),
  };
}
