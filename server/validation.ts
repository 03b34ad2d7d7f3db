import type { z } from 'zod';
import { findHostileKey } from '../schema/identifiers.ts';
import { InvalidError, problemsFromIssues } from './errors.ts';

/**
 * Parses input with a zod schema, or throws InvalidError naming the entry and
 * each field. Keys that reach an object's prototype are refused first, because
 * parsing would silently drop them.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, entry: string): z.output<S> {
  const hostile = findHostileKey(input);
  if (hostile) throw new InvalidError([{ entry, field: hostile.join('.'), message: `key "${hostile.at(-1)}" is not allowed` }]);
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidError(problemsFromIssues(parsed.error.issues, { entry }));
  return parsed.data;
}
