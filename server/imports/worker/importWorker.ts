import { parentPort, workerData } from 'node:worker_threads';
import type { StoreConfig } from '../../config.ts';
import { createGraphStore } from '../../store/createGraphStore.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { postableError } from './errorsAcrossThreads.ts';
import { runImportJob, type ImportJob } from './importJobs.ts';

/**
 * The import worker: a thread of its own with its own connection to the store,
 * so that parsing, reconciling and writing a large import never stalls the
 * API's event loop. Jobs come one at a time; each answer names its job.
 */
const { store: storeConfig } = workerData as { store: StoreConfig };
let store: Promise<GraphStore> | undefined;

/** What the store has to say (its circuit opening and closing) goes to the API thread's log. */
const workerLog = {
  warn: (message: string) => parentPort!.postMessage({ log: 'warn', message }),
  info: (message: string) => parentPort!.postMessage({ log: 'info', message }),
};

function storeOf(): Promise<GraphStore> {
  // The embedded store here only writes: its traversal index is built only if a job traverses.
  const config = storeConfig.kind === 'embedded' ? { ...storeConfig, lazyIndex: true } : storeConfig;
  store ??= createGraphStore(config, { log: workerLog }).catch((error: unknown) => {
    store = undefined;
    throw error;
  });
  return store;
}

parentPort!.on('message', async (message: { id: number; job: ImportJob } | { close: true }) => {
  if ('close' in message) {
    if (store) await (await store.catch(() => undefined))?.close();
    parentPort!.close();
    return;
  }
  try {
    const result = await runImportJob(await storeOf(), message.job);
    parentPort!.postMessage({ id: message.id, result });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: postableError(error) });
  }
});
