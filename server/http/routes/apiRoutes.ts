import { defaultRiskWeights, type RiskFactorName } from '../../../schema/changeRisk.ts';
import type { AnalysisSettings } from '../../impact/assessImpact.ts';
import type { Precedence } from '../../reconcile/precedence.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import type { RouteSpec } from '../api/defineRoute.ts';
import type { Lifecycle } from '../serverLifecycle.ts';
import type { ServerMetrics } from '../metrics.ts';
import { auditRoutes } from './auditRoutes.ts';
import { sessionRoutes } from './sessionRoutes.ts';
import { tokenRoutes } from './tokenRoutes.ts';
import type { Authentication } from '../../auth/createAuthentication.ts';
import { analysisRoutes } from './analysisRoutes.ts';
import { calendarRoutes } from './calendarRoutes.ts';
import { changeRoutes } from './changeRoutes.ts';
import { templateRoutes } from './templateRoutes.ts';
import { incidentRoutes } from './incidentRoutes.ts';
import { ciRoutes } from './ciRoutes.ts';
import { estateRoutes } from './estateRoutes.ts';
import { healthRoutes } from './healthRoutes.ts';
import { importRoutes, type ImportJobs } from './importRoutes.ts';
import { mapRoutes } from './mapRoutes.ts';
import { overviewRoutes } from './overviewRoutes.ts';
import { planRoutes } from './planRoutes.ts';
import { relationshipRoutes } from './relationshipRoutes.ts';

/** What the route handlers need from the composition root. */
export interface RouteDependencies {
  store: GraphStore;
  analysis: AnalysisSettings;
  /** Weights of the change risk factors (the documented defaults when absent). */
  riskWeights?: Readonly<Record<RiskFactorName, number>>;
  /** Hours after a change is implemented in which incidents on its impact set are laid at its door. */
  correlationHours?: number;
  precedence?: Precedence | undefined;
  staleGraceDays: number;
  lifecycle: Lifecycle;
  /** False in open mode: `/readyz` says so. */
  authRequired: boolean;
  authentication: Pick<Authentication, 'signIn' | 'sealer' | 'secureCookies'>;
  /** Runs imports and estate uploads off the event loop. */
  imports: ImportJobs;
  metrics: ServerMetrics;
}

/** Every route of the server, declared: the router, the OpenAPI document and the authorization tests all read this list. */
export function apiRoutes({ store, analysis, riskWeights = defaultRiskWeights, correlationHours = 24, precedence, staleGraceDays, lifecycle, authRequired, authentication, imports, metrics }: RouteDependencies): RouteSpec[] {
  return [
    ...healthRoutes(store, lifecycle, authRequired, metrics),
    ...sessionRoutes(authRequired, authentication),
    ...tokenRoutes(store),
    ...calendarRoutes(store),
    ...incidentRoutes(store, { analysis, correlationHours }),
    ...changeRoutes(store, { analysis, riskWeights }),
    ...templateRoutes(store),
    ...auditRoutes(store),
    ...ciRoutes(store),
    ...relationshipRoutes(store),
    ...estateRoutes(store, imports),
    ...importRoutes(store, imports, { precedence, staleGraceDays }),
    ...mapRoutes(store),
    ...overviewRoutes(store),
    ...analysisRoutes(store, analysis),
    ...planRoutes(store, analysis),
  ];
}
