// One import benchmark case in a process of its own, so its peak memory is its own:
// `node bench/importWorker.ts <embedded|neo4j> <terraform|aws> <count> <dataDir|bolt uri>`.
// Prints one JSON line: first import and unchanged re-import, seconds and items per second.
import { createGraphStore } from '../server/store/createGraphStore.ts';
import { runImport } from '../server/imports/runImport.ts';
import { snapshotOf } from '../server/imports/importSources.ts';
import { awsRecording, terraformState } from './syntheticSources.ts';

const [storeKind, kind, countText, where] = process.argv.slice(2) as ['embedded' | 'neo4j', 'terraform' | 'aws', string, string];
const count = Number(countText);
const text = kind === 'terraform' ? terraformState(count, 20261124) : awsRecording(count, 20261124);
const store = await createGraphStore(storeKind === 'embedded'
  ? { kind: 'embedded', dataDir: where }
  : { kind: 'neo4j', uri: where, user: 'neo4j', password: '', database: 'neo4j' });

async function importOnce(): Promise<{ seconds: number; parseSeconds: number; itemsPerSecond: number; created: number; unchanged: number }> {
  const started = performance.now();
  const snapshot = snapshotOf(kind, text, `bench.${kind === 'terraform' ? 'tfstate' : 'json'}`, { account: '111122223333', region: 'eu-west-1' });
  const parsed = performance.now();
  const { run } = await runImport(store, { snapshot, input: 'bench', actor: 'bench' });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, parseSeconds: (parsed - started) / 1000, itemsPerSecond: Math.round(snapshot.items.length / seconds), created: run.counts.created, unchanged: run.counts.unchanged };
}

try {
  const first = await importOnce();
  const again = await importOnce();
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ storeKind, kind, count, bytes: text.length, first, again, peakRssMiB }));
} finally {
  await store.close();
}
