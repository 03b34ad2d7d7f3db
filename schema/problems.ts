/**
 * One precise reason why input was refused: where it is (file, entry, field)
 * and what is wrong, so a person can fix it without guessing.
 */
export interface Problem {
  /** The file (or request) the input came from. */
  file?: string;
  /** The entry within it, e.g. `cis[3] (svc-checkout)`. */
  entry?: string;
  /** The field within the entry, e.g. `sla.availabilityPercent`. */
  field?: string;
  message: string;
}

/** Formats a problem as one line: `file: entry: field: message`. */
export function formatProblem(problem: Problem): string {
  return [problem.file, problem.entry, problem.field, problem.message].filter(Boolean).join(': ');
}

/** An RFC 9457 problem document as the HTTP API sends it (`application/problem+json`). */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  /** Stable code clients branch on: `invalid`, `not_found`, `limit_exceeded`, `unavailable`... */
  code: string;
  detail: string;
  /** For invalid input: each precise reason. */
  problems?: Problem[];
  /** For not_found: the ids that do not exist. */
  ids?: string[];
}
