import { configItemInputSchema, type StoredCI } from '../../schema/configItem.ts';
import { parseOrThrow } from '../validation.ts';
import type { BatchResult, GraphStore, WriteContext } from '../store/GraphStore.ts';

/** Creates or replaces one CI from client input (flat or with `attributes`). */
export async function saveCI(store: GraphStore, input: unknown, context: WriteContext): Promise<{ ci: StoredCI; result: BatchResult }> {
  const data = parseOrThrow(configItemInputSchema, input, 'CI');
  const result = await store.applyBatch({ upsertCIs: [data] }, context);
  return { ci: (await store.findCI(data.id))!, result };
}
