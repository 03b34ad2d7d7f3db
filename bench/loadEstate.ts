import type { GraphStore } from '../server/store/GraphStore.ts';
import { generateCIs, generateRelationships, type EstateShape } from './syntheticEstate.ts';

/** Loads a synthetic estate into a store through its normal batch API; returns counts and seconds. */
export async function loadEstate(store: GraphStore, shape: EstateShape, progress: (message: string) => void): Promise<{ cis: number; relationships: number; seconds: number }> {
  const started = performance.now();
  const writer = { actor: 'bench', source: `synthetic-${shape.total}` };
  let cis = 0;
  let relationships = 0;
  for (const chunk of generateCIs(shape)) {
    await store.applyBatch({ upsertCIs: chunk }, writer);
    cis += chunk.length;
    progress(`${cis} CIs`);
  }
  for (const chunk of generateRelationships(shape)) {
    await store.applyBatch({ upsertRelationships: chunk }, writer);
    relationships += chunk.length;
    progress(`${relationships} relationships`);
  }
  return { cis, relationships, seconds: (performance.now() - started) / 1000 };
}
