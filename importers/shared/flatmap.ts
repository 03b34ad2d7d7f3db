import type { JsonValue } from '../../schema/attributes.ts';

/**
 * Terraform 0.11 (state v3) and early 0.12 (`attributes_flat`) store attributes
 * as a flat map: `tags.%` = "2", `tags.Name` = "web", `subnets.#` = "2",
 * `subnets.0` = "subnet-1" (sets use hashes instead of indexes). Rebuilds the
 * nesting; values stay strings, as Terraform wrote them.
 */
export function unflatten(flat: Record<string, unknown>): Record<string, JsonValue> {
  return build(flat, '') as Record<string, JsonValue>;
}

function build(flat: Record<string, unknown>, prefix: string): JsonValue {
  const children = new Map<string, string>();
  for (const key of Object.keys(flat)) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const head = rest.split('.')[0]!;
    if (head !== '#' && head !== '%' && !children.has(head)) children.set(head, rest.includes('.') ? 'nested' : 'leaf');
  }
  const isList = Object.hasOwn(flat, `${prefix}#`);
  const valueOf = (head: string): JsonValue =>
    children.get(head) === 'leaf' && !hasNested(flat, `${prefix}${head}.`) ? String(flat[`${prefix}${head}`]) : build(flat, `${prefix}${head}.`);
  if (isList) return [...children.keys()].sort(byIndex).map(valueOf);
  const object: Record<string, JsonValue> = {};
  for (const head of children.keys()) object[head] = valueOf(head);
  return object;
}

function hasNested(flat: Record<string, unknown>, prefix: string): boolean {
  return Object.keys(flat).some((key) => key.startsWith(prefix));
}

function byIndex(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)];
  return Number.isInteger(x) && Number.isInteger(y) ? x - y : a < b ? -1 : a > b ? 1 : 0;
}
