import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { ApiConfig } from '../config.ts';
import type { RequestState } from './api/requestState.ts';
import { mountRoutes } from './api/mountRoutes.ts';
import { apiDocs } from './apiDocs.ts';
import { explorerStatic } from './explorerStatic.ts';
import { authenticate, type Authenticator } from './middleware/authenticate.ts';
import { crossSiteCheck } from './middleware/crossSiteCheck.ts';
import { hostCheck } from './middleware/hostCheck.ts';
import { loadShedding } from './middleware/loadShedding.ts';
import { rateLimits } from './middleware/rateLimits.ts';
import { requestIds } from './middleware/requestIds.ts';
import { problemJson, sendProblem } from './problemJson.ts';
import type { Lifecycle } from './serverLifecycle.ts';
import { apiRoutes, type RouteDependencies } from './routes/apiRoutes.ts';

/** What the app needs from the composition root. */
export interface AppDependencies extends RouteDependencies {
  logger: Logger;
  api: ApiConfig;
  /** Host names the server answers to (see hostCheck). */
  allowedHosts: ReadonlySet<string>;
  lifecycle: Lifecycle;
  /** False in open mode. */
  authRequired: boolean;
  authenticator: Authenticator;
  /** Directory of the built explorer served at `/`; no explorer when absent. */
  explorerDir?: string;
  version: string;
}

/**
 * Builds the express app. Every request gets an id and a log line; then the
 * protections run in order (host, security headers, CORS, load, identity,
 * rate, cross-site), then the declared routes, the API reference and the
 * explorer; errors become problem+json in one place.
 */
export function createApp(deps: AppDependencies): express.Express {
  const { logger, api } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestIds());
  app.use(deps.metrics.requests());
  app.use(pinoHttp({
    logger,
    genReqId: (_req, res) => (res as express.Response).locals.requestId as string,
    autoLogging: { ignore: (req) => req.url === '/healthz' },
    // Method, path and status only: headers carry credentials and cookies, which never go to logs.
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  }));
  app.use(hostCheck(deps.allowedHosts));
  app.use(helmet({ contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'blob:'], 'worker-src': ["'self'", 'blob:'] } } }));
  if (api.corsOrigins.length) app.use('/api', cors({ origin: api.corsOrigins, credentials: true, exposedHeaders: ['etag', 'location', 'retry-after', 'x-request-id'] }));
  const routes = apiRoutes(deps);
  app.use(apiDocs(routes, deps.version));
  app.use(['/api', '/readyz', '/metrics'], loadShedding(api.maxInFlight));
  app.use(authenticate(deps.authRequired, deps.authenticator));
  app.use('/api', rateLimits(api.rateLimitPerMinute));
  app.use(crossSiteCheck(new Set(api.corsOrigins)));
  app.use(mountRoutes(routes, { checkResponses: api.checkResponses, deadlineMs: api.deadlineMs, longDeadlineMs: api.longDeadlineMs }));
  if (deps.explorerDir) app.use(explorerStatic(deps.explorerDir));
  app.use('/api', (req, res) => sendProblem(res, 404, 'no_route', `no API route ${req.method} ${req.originalUrl.split('?')[0]}`));
  app.use(problemJson(logger));
  return app;
}

/** The identity of a request, for code outside the route handlers (logs, metrics). */
export function requestStateOf(res: express.Response): RequestState {
  return res.locals as RequestState;
}
