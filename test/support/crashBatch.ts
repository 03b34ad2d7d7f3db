import type { Batch } from '../../server/store/GraphStore.ts';

/** Batch k of the crash test: `size` CIs in a chain, all ids prefixed `b<k>-`. */
export function crashBatch(k: number, size: number): Batch {
  const id = (i: number) => `b${k}-${i}`;
  return {
    upsertCIs: Array.from({ length: size }, (_, i) => ({ id: id(i), type: 'Component', name: `CI ${i} of batch ${k}`, attributes: { batch: k, i, padding: 'x'.repeat(200) } })),
    upsertRelationships: Array.from({ length: size - 1 }, (_, i) => ({ from: id(i), type: 'DEPENDS_ON', to: id(i + 1) })),
  };
}
