import type { z } from 'zod';
import { InvalidError, problemsFromIssues } from './errors.ts';

/** Parses input with a zod schema, or throws InvalidError naming the entry and each field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, entry: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidError(problemsFromIssues(parsed.error.issues, { entry }));
  return parsed.data;
}
