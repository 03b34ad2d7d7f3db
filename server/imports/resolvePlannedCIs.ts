import type { PlannedChange } from '../../schema/proposals.ts';
import { ciIdOfKey } from '../reconcile/identity.ts';
import type { GraphStore } from '../store/GraphStore.ts';

/**
 * The planned changes, each with the CI it touches when Trellis knows it: by
 * the resource's identity key, or else by a unique `terraform.address`. A moved
 * resource is looked for where the graph last saw it (its previous address),
 * then where it goes. Creations and data sources touch no CI yet.
 */
export async function resolvePlannedCIs(store: GraphStore, changes: readonly PlannedChange[]): Promise<PlannedChange[]> {
  const resolved = changes.map(({ ciId: _stale, ...change }) => ({ ...change } as PlannedChange));
  const byKey = new Map(resolved.filter((c) => c.ciKey).map((c) => [ciIdOfKey(c.ciKey!), c]));
  const known = new Set((await store.findCIs([...byKey.keys()])).map((ci) => ci.id));
  for (const [id, change] of byKey) if (known.has(id)) change.ciId = id;
  for (const change of resolved) {
    if (change.ciId || change.action === 'create' || change.mode === 'data') continue;
    for (const address of change.previousAddress ? [change.previousAddress, change.address] : [change.address]) {
      const found = await store.searchCIs({ attributes: { 'terraform.address': address }, limit: 2 });
      if (found.total === 1) {
        change.ciId = found.items[0]!.id;
        break;
      }
    }
  }
  return resolved;
}
