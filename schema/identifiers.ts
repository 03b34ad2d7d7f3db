import { z } from 'zod';
import { limits } from './limits.ts';

/** A CI id as estate-format.md defines it: `[A-Za-z0-9._:/-]{1,200}`. */
export const ciIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:/-]+$/, 'must match [A-Za-z0-9._:/-]')
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

/** The path to the first prototype-reaching key anywhere in parsed input, or undefined. */
export function findHostileKey(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findHostileKey(item, [...path, index]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (hostileKeys.has(key)) return [...path, key];
      const found = findHostileKey((value as Record<string, unknown>)[key], [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
