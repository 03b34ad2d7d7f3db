/**
 * Reading nested source documents by dotted paths (`vpc_config.subnet_ids`,
 * `Reservations.Instances`): lists met on the way are walked, so one path reaches
 * every element.
 */

/** Every non-empty string at a dotted path. */
export function stringsAt(value: unknown, path: string): string[] {
  const [head, ...rest] = path.split('.');
  if (Array.isArray(value)) return value.flatMap((v) => stringsAt(v, path));
  if (typeof value !== 'object' || value === null) return [];
  const next = (value as Record<string, unknown>)[head!];
  if (rest.length) return stringsAt(next, rest.join('.'));
  return (Array.isArray(next) ? next : [next]).filter((v): v is string => typeof v === 'string' && v.length > 0);
}

/** The objects at a dotted path; a single object counts as one. */
export function recordsAt(value: unknown, path: string): Record<string, unknown>[] {
  const [head, ...rest] = path.split('.');
  if (Array.isArray(value)) return value.flatMap((v) => recordsAt(v, path));
  if (typeof value !== 'object' || value === null) return [];
  const next = (value as Record<string, unknown>)[head!];
  if (rest.length) return recordsAt(next, rest.join('.'));
  if (Array.isArray(next)) return next.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
  return typeof next === 'object' && next !== null ? [next as Record<string, unknown>] : [];
}
