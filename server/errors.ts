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
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
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
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnavailableError';
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
