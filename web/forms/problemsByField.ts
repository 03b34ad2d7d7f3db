import { ApiError } from '../api/client.ts';

/** A refused write's reasons, by the form field each names; reasons naming no known field under `form`. */
export type FieldErrors<F extends string> = Partial<Record<F | 'form', string[]>>;

/**
 * Sorts a refused request's problem+json reasons by the form field each names,
 * with `fieldOf` mapping the API's field path (`days.0`, `window.start`) to a
 * field of the form; a missing value is said as "required" rather than in the
 * validator's words.
 */
export function problemsByField<F extends string>(error: unknown, fieldOf: (path: string | undefined) => F | 'form'): FieldErrors<F> {
  const out: FieldErrors<F> = {};
  if (!(error instanceof ApiError)) {
    if (error) out.form = [String((error as Error).message ?? error)];
    return out;
  }
  const problems = error.problem?.problems ?? [];
  if (problems.length === 0) {
    out.form = [error.message];
    return out;
  }
  for (const problem of problems) (out[fieldOf(problem.field)] ??= []).push(plainMessage(problem.message));
  return out;
}

/** The first segment of an API field path: `days` of `days.0`, `window` of `window.start`. */
export function headOf(path: string | undefined): string {
  return (path ?? '').split(/[.[]/)[0]!;
}

function plainMessage(message: string): string {
  return /received undefined$/.test(message) ? 'required' : message;
}
