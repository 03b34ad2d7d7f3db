import { loneSurrogateProblem } from './text.ts';
import { z } from 'zod';
import { attributeNameMessage, attributeNamePattern, hostileKeys } from './identifiers.ts';
import { limits } from './limits.ts';

/** A JSON value as stored in attributes: no dates, functions or undefined. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Attributes of a CI or relationship: known ones validated by the type, the rest kept as-is. */
export type Attributes = Record<string, JsonValue>;

/**
 * Finds the first problem that makes `value` unfit to store as JSON, or
 * undefined; adds to `size.bytes` at least as many bytes as the value's JSON
 * text takes in UTF-8 (a UTF-16 unit is at most 6 bytes there, escaped).
 */
function findJsonProblem(value: unknown, depth: number, size: { bytes: number }): { path: (string | number)[]; message: string } | undefined {
  if (typeof value === 'string') {
    size.bytes += value.length * 6 + 2;
    const problem = loneSurrogateProblem(value);
    return problem ? { path: [], message: problem } : undefined;
  }
  if (value === null || typeof value === 'boolean') {
    size.bytes += 5;
    return undefined;
  }
  if (typeof value === 'number') {
    size.bytes += 24;
    return Number.isFinite(value) ? undefined : { path: [], message: 'numbers must be finite' };
  }
  if (depth > limits.attributesMaxDepth) return { path: [], message: `nested deeper than ${limits.attributesMaxDepth}` };
  if (Array.isArray(value)) {
    size.bytes += 2 + value.length;
    for (let index = 0; index < value.length; index++) {
      const problem = findJsonProblem(value[index], depth + 1, size);
      if (problem) return { path: [index, ...problem.path], message: problem.message };
    }
    return undefined;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    size.bytes += 2;
    for (const key of Object.keys(value)) {
      if (hostileKeys.has(key)) return { path: [key], message: `key "${key}" is not allowed` };
      const keyProblem = loneSurrogateProblem(key);
      if (keyProblem) return { path: [key], message: `the key ${keyProblem}` };
      size.bytes += key.length * 6 + 4;
      const problem = findJsonProblem((value as Record<string, unknown>)[key], depth + 1, size);
      if (problem) return { path: [key, ...problem.path], message: problem.message };
    }
    return undefined;
  }
  return { path: [], message: `not a JSON value (${value instanceof Date ? 'a date: quote it' : typeof value})` };
}

/** A plain `{...}` object: not an array, a Date, a Map or a class instance, whose keys would not be its content. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Top-level attribute map: safe names, JSON values, bounded size. Checked in
 * one pass over the caller's object, not copied key by key as z.record would:
 * imports validate 100k CIs at a time.
 */
export const attributesSchema = z
  .custom<Record<string, unknown>>((value) => isPlainObject(value), 'attributes must be an object')
  .superRefine((attributes, ctx) => {
    const size = { bytes: 2 };
    for (const key of Object.keys(attributes)) {
      if (!attributeNamePattern.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: attributeNameMessage });
      else if (hostileKeys.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'reserved attribute name' });
      size.bytes += key.length * 6 + 4;
      const problem = findJsonProblem(attributes[key], 1, size);
      if (problem) ctx.addIssue({ code: 'custom', path: [key, ...problem.path], message: problem.message });
    }
    // The walk's bound settles most attribute maps (clearly small enough) without serializing them.
    if (size.bytes > limits.attributesMaxBytes && new TextEncoder().encode(JSON.stringify(attributes)).length > limits.attributesMaxBytes) {
      ctx.addIssue({ code: 'custom', path: [], message: `attributes exceed ${limits.attributesMaxBytes} bytes` });
    }
  })
  .transform((attributes) => attributes as Attributes);

/**
 * Serializes a JSON value with object keys sorted, so equal values have equal
 * text: the same text as JSON.stringify(sortKeys(value)), written directly
 * instead of through a sorted copy (imports serialize 100k CIs at a time).
 */
export function canonicalJson(value: unknown): string {
  return writeCanonical(value) ?? (undefined as unknown as string);
}

/** Canonical text of a value, or undefined where JSON.stringify leaves a value out. */
function writeCanonical(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return writeCanonical((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i ? ',' : '') + (writeCanonical(value[i]) ?? 'null');
    return text + ']';
  }
  let keys = Object.keys(value);
  // Object.keys lists integer-like keys first, in numeric order, as the sorted copy of sortKeys would hold them too.
  let start = 0;
  while (start < keys.length && isArrayIndex(keys[start]!)) start += 1;
  if (!isSorted(keys, start)) keys = [...keys.slice(0, start), ...keys.slice(start).sort()];
  let text = '{';
  for (const key of keys) {
    const item = writeCanonical((value as Record<string, unknown>)[key]);
    if (item === undefined) continue;
    text += (text.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + item;
  }
  return text + '}';
}

function isSorted(keys: string[], start: number): boolean {
  for (let i = start + 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57) return false;
  const n = Number(key);
  return String(n) === key && Number.isInteger(n) && n < 4294967295;
}

/**
 * True when two JSON values are equal, key order aside: what comparing their
 * canonicalJson says, without building either string (imports compare 100k CIs).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (Array.isArray(b)) return false;
  // Keys whose value is undefined do not exist in JSON.
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return keysA.length === keysB.length && keysA.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Returns a deep copy of `value` with object keys in sorted order. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted as T;
  }
  return value;
}
