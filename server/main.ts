import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { readInputFile } from '../importers/shared/readInputFile.ts';
import { limits } from '../schema/limits.ts';
import { createAuthentication } from './auth/createAuthentication.ts';
import { allowedHostsOf, assertSafeToListen, isLoopback } from './auth/secureDefault.ts';
import { describeStore, loadConfig, type Config } from './config.ts';
import { seedDemoChangeHistory } from './estate/demoChangeHistory.ts';
import { importEstate } from './estate/importEstate.ts';
import { createApp } from './http/createApp.ts';
import { boundSockets, drain, type Lifecycle } from './http/serverLifecycle.ts';
import { ImportRunner } from './imports/worker/ImportRunner.ts';
import { createLogger } from './logger.ts';
import { ServerMetrics } from './http/metrics.ts';
import { createGraphStore } from './store/createGraphStore.ts';
import type { GraphStore } from './store/GraphStore.ts';
import { trellisVersion } from './version.ts';

/** The demo estate loaded into an empty store by `npm start`. */
export const demoEstatePath = fileURLToPath(new URL('../demo/estate.yaml', import.meta.url));

/** A running server and how to stop it. */
export interface RunningServer {
  url: string;
  store: GraphStore;
  /** The express app, for tests that walk its router. */
  app: Express;
  stop: () => Promise<void>;
}

/**
 * Composition root: configuration, store, app, listener. Refuses to listen
 * beyond loopback without authentication; loads the demo estate when asked and
 * the store is empty; stops gracefully.
 */
export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  assertSafeToListen(config);
  const lifecycle: Lifecycle = { phase: 'starting' };
  const store = await createGraphStore(config.store, { log: logger });
  logger.info(`store: ${describeStore(config.store)}`);
  if (config.loadDemo && (await store.countAll()).cis === 0) {
    const result = await importEstate(store, { text: await readInputFile(demoEstatePath, limits.estateFileMaxBytes), file: 'demo/estate.yaml', actor: 'demo' });
    logger.info(`loaded the demo estate: ${result.cis} CIs, ${result.relationships} relationships`);
    if (config.loadDemoHistory) await seedDemoChangeHistory(store, { analysis: config.analysis, riskWeights: config.riskWeights, correlationHours: config.correlationHours }, logger);
  }
  const authentication = createAuthentication(config.auth, store, logger);
  const metrics = new ServerMetrics();
  const imports = new ImportRunner(config.store, logger, (kind, outcome, seconds) => metrics.importRun(kind, outcome, seconds));
  const app = createApp({
    store: metrics.timedStore(store), logger, metrics, lifecycle, analysis: config.analysis, riskWeights: config.riskWeights, correlationHours: config.correlationHours, precedence: config.precedence, explorerDir: config.explorerDir, staleGraceDays: config.staleGraceDays,
    api: config.api, allowedHosts: allowedHostsOf(config), authRequired: config.auth.required, authenticator: authentication.authenticator, authentication, imports,
    version: trellisVersion,
  });
  const server = app.listen(config.http.port, config.http.host);
  boundSockets(server, config.api.longDeadlineMs);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  lifecycle.phase = 'ready';
  const { port } = server.address() as AddressInfo;
  const url = `http://${isLoopback(config.http.host) || config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${port}`;
  logger.info(`Trellis is serving on ${url}`);
  if (!config.auth.required) {
    logger.warn('OPEN MODE: no authentication is configured, so anyone who can reach this port may read and change everything; it listens on loopback only. Set TRELLIS_AUTH=required (API tokens) or TRELLIS_OIDC_ISSUER to serve others.');
  }
  const stop = async () => {
    await drain(server, lifecycle, config.api.shutdownGraceMs);
    await imports.close(config.api.shutdownGraceMs);
    await store.close();
  };
  return { url, store, app, stop };
}

/** Runs the server until a signal asks it to stop. */
export async function serveUntilSignalled(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const running = await startServer(config, logger);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info(`${signal}: draining (up to ${config.api.shutdownGraceMs} ms), then stopping`);
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
