import type { CIDetail } from '../../schema/explorer.ts';
import { NotFoundError } from '../errors.ts';
import type { GraphStore } from '../store/GraphStore.ts';

export type { CIDetail };

/** Reads one CI and its relationships; throws NotFoundError naming the id. */
export async function getCI(store: GraphStore, id: string): Promise<CIDetail> {
  const ci = await store.findCI(id);
  if (!ci) throw new NotFoundError(`CI "${id}" does not exist`, [id]);
  const relationships = await store.listRelationshipsOf(id);
  return {
    ci,
    outgoing: relationships.filter((r) => r.from === id),
    incoming: relationships.filter((r) => r.to === id),
  };
}
