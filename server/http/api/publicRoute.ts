import type { RequestHandler } from 'express';

/**
 * Marks a handler mounted outside the declared API routes (the API reference,
 * the explorer's pages) as public on purpose, saying why: the authorization
 * tests walk the router and refuse any route that is neither declared nor marked.
 */
export function publicRoute(why: string, handler: RequestHandler): RequestHandler {
  return Object.assign(handler, { publicRoute: why });
}
