// Child process of the crash test: writes numbered batches into an embedded store,
// printing BEGIN k before a batch and ACK k <ms> once the store has acknowledged it.
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import { crashBatch } from './crashBatch.ts';

const [dataDir, size] = process.argv.slice(2) as [string, string];
const store = new EmbeddedGraphStore({ dataDir });
for (let k = 0; ; k += 1) {
  const batch = crashBatch(k, Number(size));
  process.stdout.write(`BEGIN ${k}\n`);
  const started = performance.now();
  await store.applyBatch(batch, { actor: 'crash-test', source: `batch-${k}` });
  process.stdout.write(`ACK ${k} ${Math.round(performance.now() - started)}\n`);
}
