import { z } from 'zod';

/**
 * Reading URL search params forgivingly: each parameter is checked on its own,
 * a bad one is reported in `problems` and replaced by its default, so a shared
 * link with one bad parameter still opens.
 */

/** A raw value as a problem message shows it: quoted, and cut short if long. */
function shown(raw: string): string {
  return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw);
}

/** The first message of a failed parse. */
function messageOf(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'not valid';
}

/** Every value of a repeated parameter that passes `schema`, once each and at most `max`; the others are reported. */
export function readList<T>(params: URLSearchParams, name: string, schema: z.ZodType<T>, problems: string[], max = Infinity): T[] {
  const values: T[] = [];
  const seen = new Set<string>();
  for (const raw of params.getAll(name)) {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      problems.push(`${name}=${shown(raw)} ignored: ${messageOf(parsed.error)}`);
      continue;
    }
    const key = JSON.stringify(parsed.data);
    if (seen.has(key)) continue;
    if (values.length >= max) {
      problems.push(`${name}: at most ${max} values; the rest were ignored`);
      break;
    }
    seen.add(key);
    values.push(parsed.data);
  }
  return values;
}

/** The first value of a parameter if it passes `schema`, else `fallback` (reported when the value was given). */
export function readOne<T>(params: URLSearchParams, name: string, schema: z.ZodType<T>, fallback: T, problems: string[]): T {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const instead = fallback === undefined ? '' : `; using ${String(fallback)}`;
  problems.push(`${name}=${shown(raw)} ignored (${messageOf(parsed.error)})${instead}`);
  return fallback;
}

/** A whole number as it appears in a link: digits, with an optional minus. */
const wholeNumber = z.string().regex(/^-?\d{1,9}$/, 'not a whole number').transform(Number);

/** An integer parameter clamped to min..max; not a number falls back, out of range is clamped, both reported. */
export function readClamped(params: URLSearchParams, name: string, range: { min: number; max: number; fallback: number }, problems: string[]): number {
  const value = readOne(params, name, wholeNumber, range.fallback, problems);
  const clamped = Math.min(Math.max(value, range.min), range.max);
  if (clamped !== value) problems.push(`${name}=${value} is outside ${range.min}..${range.max}; using ${clamped}`);
  return clamped;
}

/** An integer within min..max, from a link (for lists of numbers). */
export function intInRange(min: number, max: number): z.ZodType<number> {
  return wholeNumber.pipe(z.number().min(min, `below ${min}`).max(max, `above ${max}`));
}

/** Appends each value as a repeated parameter. */
export function appendAll(params: URLSearchParams, name: string, values: readonly (string | number)[]): void {
  for (const value of values) params.append(name, String(value));
}

/**
 * The query string of `params` with `/`, `:` and `~` left as they are (all
 * legal in a query), so links to CIs stay readable: `?ci=k8s:prod/shop/...`.
 */
export function readableQuery(params: URLSearchParams): string {
  return params.toString().replace(/%2F/gi, '/').replace(/%3A/gi, ':').replace(/%7E/gi, '~');
}
