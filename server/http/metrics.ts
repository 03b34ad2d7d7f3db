import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { GraphStore } from '../store/GraphStore.ts';

/**
 * The server's Prometheus metrics: request latency by route and status, requests
 * in flight, store call latency by method, import runs and their durations, and
 * the process's own (event-loop lag, heap, CPU).
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly requestSeconds = new Histogram({
    name: 'trellis_http_request_duration_seconds', help: 'HTTP request latency by route template, method and status.',
    labelNames: ['method', 'route', 'status'], buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [this.registry],
  });
  private readonly inFlight = new Gauge({ name: 'trellis_http_requests_in_flight', help: 'HTTP requests being handled.', registers: [this.registry] });
  private readonly storeSeconds = new Histogram({
    name: 'trellis_store_call_duration_seconds', help: 'Latency of store calls by method and outcome.',
    labelNames: ['store', 'method', 'outcome'], buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30], registers: [this.registry],
  });
  private readonly importRuns = new Counter({ name: 'trellis_import_runs_total', help: 'Import runs by kind and outcome.', labelNames: ['kind', 'outcome'], registers: [this.registry] });
  private readonly importSeconds = new Histogram({
    name: 'trellis_import_duration_seconds', help: 'Duration of import runs by kind.', labelNames: ['kind'], buckets: [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900], registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'trellis_' });
  }

  /** Observes every request: the route label is the declared template (never the raw path, which would explode the series). */
  requests(): RequestHandler {
    return (_req, res, next) => {
      const started = process.hrtime.bigint();
      this.inFlight.inc();
      res.once('close', () => {
        this.inFlight.dec();
        const route = (res.locals as { routeTemplate?: string }).routeTemplate ?? 'unmatched';
        this.requestSeconds.observe({ method: res.req.method, route, status: String(res.statusCode) }, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    };
  }

  /** Records an import run's outcome and duration. */
  importRun(kind: string, outcome: string, seconds: number): void {
    this.importRuns.inc({ kind, outcome });
    this.importSeconds.observe({ kind }, seconds);
  }

  /** The store, with the latency of each call observed. */
  timedStore(store: GraphStore): GraphStore {
    const observe = this.storeSeconds;
    return new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]) => {
          const started = process.hrtime.bigint();
          const done = (outcome: string) => observe.observe({ store: target.kind, method: property, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (result instanceof Promise) return result.then((v) => (done('ok'), v), (error: unknown) => (done('error'), Promise.reject(error)));
          done('ok');
          return result;
        };
      },
    });
  }
}
