import { z } from 'zod';
import { livenessSchema, readinessSchema } from '../../../schema/api/healthResponses.ts';
import { UnavailableError } from '../../errors.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { problem } from '../api/commonSchemas.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';
import type { Lifecycle } from '../serverLifecycle.ts';
import type { ServerMetrics } from '../metrics.ts';

const readiness = readinessSchema.extend({
  auth: z.enum(['open', 'required']).meta({ description: '`open`: no authentication is configured (loopback only, everyone may do everything).' }),
});

/** Liveness (the process answers) and readiness (the store answers, and the server is neither starting nor draining). */
export function healthRoutes(store: GraphStore, lifecycle: Lifecycle, authRequired: boolean, metrics: ServerMetrics): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/metrics', operationId: 'getMetrics', tag: 'Operations', permission: 'read',
      summary: 'Prometheus metrics: request latency by route and status, requests in flight, store call latency, import runs, the process',
      responses: { 200: { description: 'Metrics in the Prometheus text format.', schema: z.string(), contentTypes: ['text/plain'] } },
      handler: async () => ({ body: await metrics.registry.metrics(), type: metrics.registry.contentType }),
    }),
    defineRoute({
      method: 'get', path: '/healthz', operationId: 'getLiveness', tag: 'Operations', permission: 'public',
      summary: 'Liveness: the process answers',
      responses: { 200: { description: 'Alive.', schema: livenessSchema } },
      handler: async () => ({ body: { status: 'ok' } }),
    }),
    defineRoute({
      method: 'get', path: '/readyz', operationId: 'getReadiness', tag: 'Operations', permission: 'public',
      summary: 'Readiness: the store answers and the server is neither starting nor stopping; says whether authentication is on',
      responses: { 200: { description: 'Ready.', schema: readiness }, 503: problem('Not ready: the store is unreachable, or the server is starting or draining.') },
      handler: async () => {
        if (lifecycle.phase !== 'ready') throw new UnavailableError(`the server is ${lifecycle.phase}`, { retryAfterSeconds: 1 });
        await store.checkReady();
        return { body: { status: 'ready', store: store.kind, auth: authRequired ? 'required' : 'open', ...(await store.countAll()) } };
      },
    }),
  ];
}
