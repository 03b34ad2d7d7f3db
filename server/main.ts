import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { readInputFile } from '../importers/shared/readInputFile.ts';
import { limits } from '../schema/limits.ts';
import { describeStore, loadConfig, type Config } from './config.ts';
import { importEstate } from './estate/importEstate.ts';
import { createApp } from './http/createApp.ts';
import { createLogger } from './logger.ts';
import { createGraphStore } from './store/createGraphStore.ts';
import type { GraphStore } from './store/GraphStore.ts';

/** The demo estate loaded into an empty store by `npm start`. */
export const demoEstatePath = fileURLToPath(new URL('../demo/estate.yaml', import.meta.url));

/** A running server and how to stop it. */
export interface RunningServer {
  url: string;
  store: GraphStore;
  stop: () => Promise<void>;
}

/**
 * Composition root: configuration, store, app, listener. Loads the demo estate
 * when asked and the store is empty; stops cleanly on SIGINT/SIGTERM.
 */
export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const store = await createGraphStore(config.store);
  logger.info(`store: ${describeStore(config.store)}`);
  if (config.loadDemo && (await store.countAll()).cis === 0) {
    const result = await importEstate(store, { text: await readInputFile(demoEstatePath, limits.estateFileMaxBytes), file: 'demo/estate.yaml', actor: 'demo' });
    logger.info(`loaded the demo estate: ${result.cis} CIs, ${result.relationships} relationships`);
  }
  const server = createApp({ store, logger, analysis: config.analysis, precedence: config.precedence, explorerDir: config.explorerDir, staleGraceDays: config.staleGraceDays }).listen(config.http.port, config.http.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${port}`;
  logger.info(`Trellis is serving on ${url}`);
  const stop = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  };
  return { url, store, stop };
}

/** Runs the server until a signal asks it to stop. */
export async function serveUntilSignalled(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const running = await startServer(config, logger);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info(`${signal}: stopping`);
      running.stop().then(() => process.exit(0), (error) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      });
    });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  serveUntilSignalled(loadConfig()).catch((error) => {
    console.error(`trellis: ${error.message}`);
    process.exit(1);
  });
}
