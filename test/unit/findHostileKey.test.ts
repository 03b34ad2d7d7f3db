import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHostileKey, jsonMayHoldHostileKey } from '../../schema/identifiers.ts';

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

describe('jsonMayHoldHostileKey', () => {
  it('clears text that names no hostile key, escapes of other characters included', () => {
    expect(jsonMayHoldHostileKey('{"policy": "a \\u003c b \\u0026 c", "protocol": "tcp", "constructors": 1}')).toBe(false);
  });

  it('flags hostile keys written plainly or with escaped letters', () => {
    expect(jsonMayHoldHostileKey('{"a": {"__proto__": 1}}')).toBe(true);
    expect(jsonMayHoldHostileKey('{"a": {"\\u005f_proto__": 1}}')).toBe(true);
    expect(jsonMayHoldHostileKey('{"a": {"constr\\u0075ctor": 1}}')).toBe(true);
    expect(findHostileKey(JSON.parse('{"a": {"constr\\u0075ctor": 1}}'))).toEqual(['a', 'constructor']);
  });

  it('never clears text whose parse holds a hostile key, however its keys are escaped', () => {
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype', 'proto', 'name', '_x');
    const value = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string(), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node;
    // Writes JSON with each character of each key escaped as \uXXXX or not, as `escape` says.
    const write = (v: unknown, escape: (i: number) => boolean): string => {
      if (Array.isArray(v)) return `[${v.map((x) => write(x, escape)).join(',')}]`;
      if (v !== null && typeof v === 'object') {
        return `{${Object.entries(v).map(([k, x]) => `"${[...k].map((c, i) => (escape(i) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('')}":${write(x, escape)}`).join(',')}}`;
      }
      return JSON.stringify(v);
    };
    fc.assert(fc.property(value, fc.func(fc.boolean()), (document, escape) => {
      const text = write(document, escape);
      if (findHostileKey(JSON.parse(text))) expect(jsonMayHoldHostileKey(text)).toBe(true);
    }), { numRuns: 500 });
  });
});
