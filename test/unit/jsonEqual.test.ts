import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, jsonEqual } from '../../schema/attributes.ts';

/** Reorders object keys deeply, so equal values come in different key orders. */
function shuffled(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => shuffled(v, seed + i));
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const order = keys.map((k, i) => [k, (i * 7919 + seed) % (keys.length + 1)] as const).sort((a, b) => a[1] - b[1]);
    return Object.fromEntries(order.map(([k]) => [k, shuffled((value as Record<string, unknown>)[k], seed + 1)]));
  }
  return value;
}

describe('jsonEqual', () => {
  it('agrees with comparing canonical JSON, whatever the key order', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), fc.nat(), (a, b, seed) => {
      expect(jsonEqual(a, b)).toBe(canonicalJson(a) === canonicalJson(b));
      expect(jsonEqual(a, shuffled(a, seed))).toBe(true);
    }), { numRuns: 500 });
  });

  it('treats keys holding undefined as absent, as JSON does', () => {
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: [1, { x: 2 }] }, { a: [1, { x: 3 }] })).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
  });
});
