import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { InvalidError, LimitExceededError, NotFoundError, TrellisError } from '../errors.ts';

/** HTTP status of each domain error code. */
const statusOf: Record<string, number> = {
  invalid: 400,
  limit_exceeded: 400,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

/** Sends an RFC 9457 problem document with a stable `code`. */
export function sendProblem(res: Response, status: number, code: string, detail: string, extra: Record<string, unknown> = {}): void {
  res.status(status).type('application/problem+json').json({ type: `/problems/${code}`, title: titleOf(code), status, code, detail, ...extra });
}

/** The one place domain errors become HTTP responses; unexpected errors are logged, not leaked. */
export function problemJson(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof TrellisError) {
      const extra: Record<string, unknown> = {};
      if (error instanceof InvalidError) extra.problems = error.problems;
      if (error instanceof NotFoundError && error.ids.length) extra.ids = error.ids;
      if (error instanceof LimitExceededError && error.limit !== undefined) extra.limit = error.limit;
      sendProblem(res, statusOf[error.code] ?? 500, error.code, error.message, extra);
      return;
    }
    const bodyError = error as { type?: string; status?: number; message?: string };
    if (bodyError.type === 'entity.parse.failed') return sendProblem(res, 400, 'invalid_json', `the request body is not valid JSON: ${bodyError.message}`);
    if (bodyError.type === 'entity.too.large') return sendProblem(res, 413, 'too_large', 'the request body is too large');
    if (bodyError.status && bodyError.status >= 400 && bodyError.status < 500) {
      return sendProblem(res, bodyError.status, 'bad_request', bodyError.message ?? 'bad request');
    }
    logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
    sendProblem(res, 500, 'internal', 'an unexpected error occurred; see the server log');
  };
}

function titleOf(code: string): string {
  return code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
