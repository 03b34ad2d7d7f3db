import type { Relationship, RelationshipType } from '../../schema/relationships.ts';
import type { Batch } from '../../server/store/GraphStore.ts';
import type { RandomEstate } from './randomEstates.ts';

const hardTypes: RelationshipType[] = ['DEPENDS_ON', 'RUNS_ON', 'PROVIDED_BY'];

/** A random estate as a store batch: hard arrows become DEPENDS_ON, RUNS_ON or PROVIDED_BY in turn. */
export function estateBatch(estate: RandomEstate): Batch {
  return {
    upsertCIs: estate.nodes.map((n, i) => ({
      id: n.id,
      type: n.type,
      name: `CI ${n.id}`,
      attributes: (n.type === 'RedundancyGroup' ? { minHealthy: n.minHealthy } : n.type === 'Service' ? { criticality: 1 + (i % 4) } : {}) as Record<string, number>,
    })),
    upsertRelationships: estate.edges.map((edge, i): Relationship => {
      const [from, arrow, to] = edge.split(' ') as [string, string, string];
      if (arrow === '=>') return { from, type: 'HAS_MEMBER', to };
      if (arrow === '~>') return { from, type: 'DEPENDS_ON', to, strength: 'soft' };
      return { from, type: hardTypes[i % 3]!, to };
    }),
  };
}
