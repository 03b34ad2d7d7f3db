import { afterAll } from 'vitest';
import type { GraphStore } from '../../server/store/GraphStore.ts';

/**
 * Opens stores with `create` (each returns an empty one) for the enclosing
 * describe, and closes every store it opened when the describe ends.
 */
export function storesClosedAfterAll(create: () => Promise<GraphStore>): () => Promise<GraphStore> {
  const opened: GraphStore[] = [];
  afterAll(async () => {
    for (const store of opened) await store.close();
  });
  return async () => {
    const store = await create();
    opened.push(store);
    return store;
  };
}
