import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import {
  AlreadyExistsError, InvalidError, LimitExceededError, NotFoundError, PreconditionFailedError, TrellisError, UnavailableError,
} from '../errors.ts';

/** HTTP status of each domain error code. */
const statusOf: Record<string, number> = {
  invalid: 400,
  limit_exceeded: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_exists: 409,
  precondition_failed: 412,
  unsupported_media_type: 415,
  precondition_required: 428,
  unavailable: 503,
  timeout: 503,
  outcome_unknown: 503,
};

/** Sends an RFC 9457 problem document with a stable `code`. */
export function sendProblem(res: Response, status: number, code: string, detail: string, extra: Record<string, unknown> = {}): void {
  res.status(status).type('application/problem+json').json({ type: `/problems/${code}`, title: titleOf(code), status, code, detail, ...extra });
}

/** The one place errors become HTTP responses; unexpected errors are logged, not leaked. */
export function problemJson(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    // The deadline answered already; what the work did afterwards is for the log only.
    if (res.headersSent) {
      if (!(error instanceof TrellisError)) logger.error({ err: error, method: req.method, url: req.originalUrl }, 'error after the response was sent');
      return;
    }
    if (error instanceof TrellisError) return sendDomainError(res, error);
    const httpError = error as { type?: string; status?: number; message?: string; code?: string };
    if (httpError.type === 'entity.too.large') return sendProblem(res, 413, 'too_large', 'the request body is larger than the limit');
    if (httpError.status === 405) return sendProblem(res, 405, 'method_not_allowed', httpError.message ?? 'method not allowed');
    if (httpError.status && httpError.status >= 400 && httpError.status < 500) {
      return sendProblem(res, httpError.status, 'bad_request', httpError.message ?? 'bad request');
    }
    logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
    sendProblem(res, 500, 'internal', 'an unexpected error occurred; see the server log');
  };
}

function sendDomainError(res: Response, error: TrellisError): void {
  const extra: Record<string, unknown> = {};
  if (error instanceof InvalidError) extra.problems = error.problems;
  if ((error instanceof NotFoundError || error instanceof AlreadyExistsError) && error.ids.length) extra.ids = error.ids;
  if (error instanceof LimitExceededError && error.limit !== undefined) extra.limit = error.limit;
  if (error instanceof PreconditionFailedError && error.currentETag) res.set('etag', error.currentETag);
  if (error.code === 'unauthenticated') res.set('www-authenticate', 'Bearer realm="trellis"');
  if (error instanceof UnavailableError) res.set('retry-after', String(error.retryAfterSeconds));
  else if (error.code === 'timeout' || error.code === 'outcome_unknown') res.set('retry-after', '1');
  sendProblem(res, statusOf[error.code] ?? 500, error.code, error.message, extra);
}

function titleOf(code: string): string {
  return code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
