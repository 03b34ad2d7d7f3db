import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { RequestState } from '../api/requestState.ts';
import { sendProblem } from '../problemJson.ts';

/**
 * Requests per minute per caller: per API token or signed-in user when there
 * is one, per client address otherwise. Past the limit, 429 with Retry-After.
 */
export function rateLimits(perMinute: number): RequestHandler {
  if (perMinute === 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const identity = (res.locals as RequestState).identity;
      return identity && identity.kind !== 'open' ? `actor:${identity.actor}` : `address:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (_req, res, _next, options) => {
      res.set('retry-after', String(Math.ceil(options.windowMs / 1000)));
      sendProblem(res, 429, 'rate_limited', `more than ${perMinute} requests in a minute from this caller (TRELLIS_RATE_LIMIT); retry after the Retry-After seconds`);
    },
  });
}
