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

describe('canonicalJson', () => {
  const key = fc.oneof(fc.string(), fc.constantFrom('0', '1', '10', '9', '01', '-1', '4294967295', 'a', 'B', '__proto__'));
  /** The reference: a copy with keys inserted in sorted order (as own properties, "__proto__" too), then JSON.stringify. */
  const sortedCopy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortedCopy);
    if (value === null || typeof value !== 'object') return value;
    const copy = {};
    for (const k of Object.keys(value).sort()) Object.defineProperty(copy, k, { value: sortedCopy((value as Record<string, unknown>)[k]), enumerable: true });
    return copy;
  };
  const withOddKeys = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), fc.constant(undefined), fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 5 })),
  })).value;

  it('writes the text of the sorted copy, integer-like keys and undefined values included', () => {
    fc.assert(fc.property(withOddKeys, fc.nat(), (value, seed) => {
      const text = canonicalJson(value);
      expect(text).toBe(JSON.stringify(sortedCopy(value)));
      expect(canonicalJson(shuffled(value, seed))).toBe(text);
    }), { numRuns: 1000 });
  });

  it('serializes what has toJSON as JSON.stringify does', () => {
    const at = new Date(Date.UTC(2026, 10, 24));
    expect(canonicalJson({ b: at, a: [undefined, () => 1] })).toBe('{"a":[null,null],"b":"2026-11-24T00:00:00.000Z"}');
  });
});
