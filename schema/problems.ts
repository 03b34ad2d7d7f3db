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
