import type { StoredCI } from '../../schema/configItem.ts';
import type { Relationship } from '../../schema/relationships.ts';
import { NotFoundError } from '../errors.ts';
import type { GraphStore } from '../store/GraphStore.ts';

/** A CI with the relationships that touch it, split by direction. */
export interface CIDetail {
  ci: StoredCI;
  /** Relationships from this CI (what it relies on, who owns it...). */
  outgoing: Relationship[];
  /** Relationships to this CI (what relies on it...). */
  incoming: Relationship[];
}

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
