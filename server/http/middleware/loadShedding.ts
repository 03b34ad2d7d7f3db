import type { RequestHandler } from 'express';
import { sendProblem } from '../problemJson.ts';

/**
 * Bounds the API requests in flight: past `maxInFlight`, a request is refused
 * at once with 503 and Retry-After instead of joining a backlog that only grows
 * while the store is slow. `inFlight()` feeds the metrics.
 */
export function loadShedding(maxInFlight: number): RequestHandler & { inFlight: () => number } {
  let inFlight = 0;
  const handler: RequestHandler = (_req, res, next) => {
    if (inFlight >= maxInFlight) {
      res.set('retry-after', '1');
      return sendProblem(res, 503, 'overloaded', `the server is handling ${inFlight} requests already (TRELLIS_MAX_IN_FLIGHT); try again shortly`);
    }
    inFlight += 1;
    let done = false;
    const finish = () => {
      if (!done) inFlight -= 1;
      done = true;
    };
    // Counted out as the response is ended, before a client can see it and send the next request.
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.end = ((...args: unknown[]) => {
      finish();
      return end(...args);
    }) as typeof res.end;
    res.once('close', finish);
    next();
  };
  return Object.assign(handler, { inFlight: () => inFlight });
}
