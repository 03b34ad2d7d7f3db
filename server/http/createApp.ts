import express, { json } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { limits } from '../../schema/limits.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { problemJson, sendProblem } from './problemJson.ts';
import type { AnalysisSettings } from '../impact/assessImpact.ts';
import { analysisRoutes } from './routes/analysisRoutes.ts';
import { ciRoutes } from './routes/ciRoutes.ts';
import { estateRoutes } from './routes/estateRoutes.ts';
import { explorerStatic } from './explorerStatic.ts';
import { healthRoutes } from './routes/healthRoutes.ts';
import { importRoutes, proposalRoutes } from './routes/importRoutes.ts';
import { mapRoutes } from './routes/mapRoutes.ts';
import { overviewRoutes } from './routes/overviewRoutes.ts';
import type { Precedence } from '../reconcile/precedence.ts';
import { relationshipRoutes } from './routes/relationshipRoutes.ts';

/** What the app needs from the composition root. */
export interface AppDependencies {
  store: GraphStore;
  logger: Logger;
  analysis: AnalysisSettings;
  /** Directory of the built explorer served at `/`; no explorer when absent. */
  explorerDir?: string;
  /** Source precedence for imports (TRELLIS_PRECEDENCE); the defaults when absent. */
  precedence?: Precedence;
  /** Days a stale CI is kept before it may be retired (TRELLIS_STALE_GRACE_DAYS). */
  staleGraceDays?: number;
}

/** Builds the express app: health, the JSON API under /api/v1, problem+json errors. */
export function createApp({ store, logger, analysis, precedence, explorerDir, staleGraceDays = 30 }: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(pinoHttp({
    logger,
    autoLogging: { ignore: (req) => req.url === '/healthz' },
    // Method, path and status only: headers can carry credentials, which never go to logs.
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  }));
  app.use(json({ limit: limits.httpBodyMaxBytes }));
  app.use(healthRoutes(store));
  app.use('/api/v1/cis', ciRoutes(store));
  app.use('/api/v1/relationships', relationshipRoutes(store));
  app.use('/api/v1/estate', estateRoutes(store));
  app.use('/api/v1/imports', importRoutes(store, { precedence, staleGraceDays }));
  app.use('/api/v1/proposals', proposalRoutes(store));
  app.use('/api/v1/maps', mapRoutes(store));
  app.use('/api/v1/overview', overviewRoutes(store));
  app.use('/api/v1', analysisRoutes(store, analysis));
  if (explorerDir) app.use(explorerStatic(explorerDir));
  app.use('/api', (req, res) => sendProblem(res, 404, 'no_route', `no API route ${req.method} ${req.originalUrl}`));
  app.use(problemJson(logger));
  return app;
}
