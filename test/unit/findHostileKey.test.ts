import { describe, expect, it } from 'vitest';
import { findHostileKey } from '../../schema/identifiers.ts';

describe('findHostileKey', () => {
  it('gives the path to the first prototype-reaching key, through arrays and objects', () => {
    expect(findHostileKey({ a: [{ b: 1 }, { c: { ok: true, constructor: 1 } }] })).toEqual(['a', 1, 'c', 'constructor']);
    expect(findHostileKey(JSON.parse('{"x": [0, {"__proto__": {"polluted": 1}}]}'))).toEqual(['x', 1, '__proto__']);
    expect(findHostileKey({ prototype: 1 })).toEqual(['prototype']);
  });

  it('finds nothing in clean input and leaves no path behind from the branches it searched', () => {
    expect(findHostileKey({ a: [{ b: [1, 2, { c: 'constructor' }] }], d: null, e: 'prototype' })).toBeUndefined();
    expect(findHostileKey({ a: { b: { c: 1 } }, z: [{ __proto_: 1 }, { prototype: 2 }] })).toEqual(['z', 1, 'prototype']);
  });
});
