import { z } from 'zod';
import { limits } from './limits.ts';

/** A CI id as estate-format.md defines it: `[A-Za-z0-9._:/-]{1,200}`, except `.` and `..`. */
export const ciIdSchema = z
  .string()
  // Not `.` or `..`: URLs read them (even as %2E) as path steps, so such a CI could never be addressed by the API.
  .regex(/^(?!\.\.?$)[A-Za-z0-9._:/-]+$/, 'must match [A-Za-z0-9._:/-], and not be "." or ".." (a URL cannot name it)')
  .min(1)
  .max(limits.ciIdMaxLength);

/** Keys that would let input reach an object's prototype; rejected anywhere in input. */
export const hostileKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * An attribute name at the top level of a CI or relationship. Restricted because
 * top-level attributes become store properties and search keys.
 */
export const attributeNamePattern = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;
export const attributeNameMessage = 'attribute names must match [A-Za-z_][A-Za-z0-9_.-]{0,99}';
export const attributeNameSchema = z
  .string()
  .regex(attributeNamePattern, attributeNameMessage)
  .refine((key) => !hostileKeys.has(key), 'reserved attribute name');

/**
 * False only when JSON text cannot hold a hostile key once parsed: it names none
 * of them as a whole string, and escapes no `_` or lower-case letter (all they
 * are made of), so no key can decode to one. Scanning the text this way is
 * several times faster than walking the parsed document.
 */
export function jsonMayHoldHostileKey(text: string): boolean {
  return /"(?:__proto__|constructor|prototype)"|\\u00(?:5[fF]|[67][0-9a-fA-F])/.test(text);
}

/** The path to the first prototype-reaching key anywhere in parsed input, or undefined. */
export function findHostileKey(value: unknown): (string | number)[] | undefined {
  const path: (string | number)[] = [];
  return pathToHostileKey(value, path) ? path : undefined;
}

// One path, pushed and popped: a copy per level cost 0.5 s on a 100k-resource state.
function pathToHostileKey(value: unknown, path: (string | number)[]): boolean {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      path.push(index);
      if (pathToHostileKey(value[index], path)) return true;
      path.pop();
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      path.push(key);
      if (hostileKeys.has(key) || pathToHostileKey((value as Record<string, unknown>)[key], path)) return true;
      path.pop();
    }
  }
  return false;
}
