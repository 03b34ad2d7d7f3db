import type { RequestHandler } from 'express';
import { sendProblem } from '../problemJson.ts';

/**
 * Answers only requests addressed to a name this server is known by, so a
 * hostile page cannot reach a loopback Trellis through a DNS name it rebinds to
 * 127.0.0.1. The list is TRELLIS_ALLOWED_HOSTS (loopback names by default).
 */
export function hostCheck(allowedHosts: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    const host = hostnameOf(req.get('host'));
    if (host !== undefined && allowedHosts.has(host)) return next();
    sendProblem(res, 421, 'host_not_allowed', `this server does not answer to the host "${req.get('host') ?? ''}"; add it to TRELLIS_ALLOWED_HOSTS if it is one of its names`);
  };
}

/** The lower-cased host name of a Host header, without its port; IPv6 literals keep their brackets off. */
export function hostnameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:]+)(:\d{1,5})?$/.exec(header.trim());
  return match?.[1]?.replace(/^\[|\]$/g, '').toLowerCase();
}
