import type { RequestHandler } from 'express';
import type { RequestState } from '../api/requestState.ts';
import { sendProblem } from '../problemJson.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses writes a page on another site could make a browser send: a
 * cross-site Origin (unless CORS allows that origin) or Sec-Fetch-Site, and,
 * for a session cookie, a missing or wrong X-CSRF-Token. Bearer tokens are not
 * sent by browsers on their own, so only cookie-authenticated writes need the
 * CSRF token.
 */
export function crossSiteCheck(corsOrigins: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    if (safeMethods.has(req.method)) return next();
    const origin = req.get('origin');
    const ownOrigin = `${req.protocol}://${req.get('host') ?? ''}`;
    if (origin !== undefined && origin !== ownOrigin && !corsOrigins.has(origin)) {
      return sendProblem(res, 403, 'cross_site', `writes from another site (${origin}) are refused; a trusted origin can be allowed with TRELLIS_CORS_ORIGINS`);
    }
    if (origin === undefined && req.get('sec-fetch-site') === 'cross-site') {
      return sendProblem(res, 403, 'cross_site', 'writes from another site are refused');
    }
    const state = res.locals as RequestState;
    if (state.viaCookie && (!state.identity?.csrfToken || req.get('x-csrf-token') !== state.identity.csrfToken)) {
      return sendProblem(res, 403, 'csrf', 'a write with the session cookie must carry the X-CSRF-Token header the session gave (GET /api/v1/session)');
    }
    next();
  };
}
