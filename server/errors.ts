import type { Problem } from '../schema/problems.ts';
import { formatProblem } from '../schema/problems.ts';

/**
 * Domain errors. Code throws these; the HTTP layer maps them to problem+json and
 * the CLI to exit codes, each in one place. `code` is stable for clients to branch on.
 */
export abstract class TrellisError extends Error {
  abstract readonly code: string;
}

/** Something named by the caller does not exist. */
export class NotFoundError extends TrellisError {
  readonly code = 'not_found';
  readonly ids: string[];
  constructor(message: string, ids: string[] = []) {
    super(message);
    this.name = 'NotFoundError';
    this.ids = ids;
  }
}

/** The input breaks the schema or a rule of the graph; `problems` says exactly where. */
export class InvalidError extends TrellisError {
  readonly code = 'invalid';
  readonly problems: Problem[];
  constructor(problems: Problem[], summary?: string) {
    const first = problems.slice(0, 5).map(formatProblem).join('; ');
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    super(summary ?? `${first}${more}`);
    this.name = 'InvalidError';
    this.problems = problems;
  }
}

/** The write conflicts with the current state (e.g. a concurrent change). */
export class ConflictError extends TrellisError {
  readonly code = 'conflict';
  /** For a write planned on an older version of the store: the version it is at now. */
  readonly currentVersion?: number;
  constructor(message: string, currentVersion?: number) {
    super(message);
    this.name = 'ConflictError';
    this.currentVersion = currentVersion;
  }
}

/** The request would exceed a configured limit (traversal size, page size, body size). */
export class LimitExceededError extends TrellisError {
  readonly code = 'limit_exceeded';
  /** The limit as a number, where it is one of Trellis's own. */
  readonly limit?: number;
  constructor(message: string, limit?: number) {
    super(message);
    this.name = 'LimitExceededError';
    this.limit = limit;
  }
}

/** The store (or another dependency) cannot be reached or is not ready. */
export class UnavailableError extends TrellisError {
  readonly code = 'unavailable';
  /** Seconds after which trying again makes sense (sent as Retry-After). */
  readonly retryAfterSeconds: number;
  constructor(message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(message, options);
    this.name = 'UnavailableError';
    this.retryAfterSeconds = options?.retryAfterSeconds ?? 5;
  }
}

/** The write names an id that exists already (POST creates only). */
export class AlreadyExistsError extends TrellisError {
  readonly code = 'already_exists';
  readonly ids: string[];
  constructor(message: string, ids: string[]) {
    super(message);
    this.name = 'AlreadyExistsError';
    this.ids = ids;
  }
}

/** The caller's version of the resource is not the current one (If-Match): read it again, then retry. */
export class PreconditionFailedError extends TrellisError {
  readonly code = 'precondition_failed';
  /** The current ETag, when the resource exists. */
  readonly currentETag?: string;
  constructor(message: string, currentETag?: string) {
    super(message);
    this.name = 'PreconditionFailedError';
    this.currentETag = currentETag;
  }
}

/** A write to an existing resource came without If-Match, which could lose a concurrent update. */
export class PreconditionRequiredError extends TrellisError {
  readonly code = 'precondition_required';
  constructor(message: string) {
    super(message);
    this.name = 'PreconditionRequiredError';
  }
}

/** No credentials, or credentials that prove nothing (expired, revoked, forged). */
export class UnauthenticatedError extends TrellisError {
  readonly code = 'unauthenticated';
  constructor(message: string) {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends TrellisError {
  readonly code = 'forbidden';
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** The request body is in a media type the route does not read. */
export class UnsupportedMediaTypeError extends TrellisError {
  readonly code = 'unsupported_media_type';
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedMediaTypeError';
  }
}

/**
 * The store may or may not have committed the write: the connection died while
 * it committed. Idempotent writes (imports) can simply be sent again.
 */
export class OutcomeUnknownError extends TrellisError {
  readonly code = 'outcome_unknown';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OutcomeUnknownError';
  }
}

/** The request ran past its deadline; nothing was changed (reads), or see OutcomeUnknownError (writes). */
export class DeadlineExceededError extends TrellisError {
  readonly code = 'timeout';
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineExceededError';
  }
}

/** Turns zod issues into problems for `InvalidError`. */
export function problemsFromIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  where: { file?: string; entry?: string } = {},
): Problem[] {
  return issues.map((issue) => ({
    ...where,
    field: issue.path.length ? issue.path.map(String).join('.') : undefined,
    message: issue.message,
  }));
}
