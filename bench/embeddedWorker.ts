// Child process of the impact benchmark, so each phase's peak memory is its own:
//   node bench/embeddedWorker.ts load <total> <seed> <dataDir>    import the synthetic estate
//   node bench/embeddedWorker.ts query <total> <seed> <dataDir>   open the store cold and ask the questions
// Prints one JSON line of figures on stdout; progress goes to stderr.
import { EmbeddedGraphStore } from '../server/store/embedded/EmbeddedGraphStore.ts';
import { loadEstate } from './loadEstate.ts';
import { peakRssMiB } from './measure.ts';
import { queryEstate } from './queryEstate.ts';

const [mode, total, seed, dataDir] = process.argv.slice(2) as [string, string, string, string];
const shape = { total: Number(total), seed: Number(seed) };
const opened = performance.now();
const store = new EmbeddedGraphStore({ dataDir });
const openSeconds = (performance.now() - opened) / 1000;
let lastLog = 0;
const progress = (message: string) => {
  if (performance.now() - lastLog > 5000) {
    process.stderr.write(`  embedded: ${message}\n`);
    lastLog = performance.now();
  }
};
const figures = mode === 'load' ? { load: await loadEstate(store, shape, progress) } : { openSeconds, queries: await queryEstate(store, shape) };
await store.close();
process.stdout.write(`${JSON.stringify({ ...figures, peakRssMiB: peakRssMiB() })}\n`);
