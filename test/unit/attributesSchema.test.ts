import { describe, expect, it } from 'vitest';
import { attributesSchema } from '../../schema/attributes.ts';
import { limits } from '../../schema/limits.ts';

const problems = (value: unknown) => {
  const result = attributesSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('attribute maps', () => {
  it('accepts plain JSON objects as they are, without copying them', () => {
    const attributes = { kind: 'database', 'aws.arn': 'arn:x', nested: { list: [1, 'two', null, true] } };
    const result = attributesSchema.safeParse(attributes);
    expect(result.success && result.data).toBe(attributes);
    expect(problems(Object.assign(Object.create(null), { a: 1 }))).toEqual([]);
  });

  it('names each bad key: the pattern, reserved names, nested values that are not JSON', () => {
    expect(problems({ 'bad key': 1, '9lives': 2 })).toEqual([
      'bad key: attribute names must match [A-Za-z_][A-Za-z0-9_.-]{0,99}',
      '9lives: attribute names must match [A-Za-z_][A-Za-z0-9_.-]{0,99}',
    ]);
    expect(problems(JSON.parse('{"constructor": 1, "ok": {"__proto__": 2}}'))).toEqual(['constructor: reserved attribute name', 'ok.__proto__: key "__proto__" is not allowed']);
    expect(problems({ when: new Date(0), n: Number.NaN })).toEqual(['when: not a JSON value (a date: quote it)', 'n: numbers must be finite']);
  });

  it('refuses what is not a plain object, whose keys would not be its content', () => {
    for (const value of [[1], 'text', null, new Date(0), new Map([['a', 1]])]) expect(problems(value), String(value)).toEqual([': attributes must be an object']);
  });

  it('bounds the size in UTF-8 bytes, also when the text is short in UTF-16 units', () => {
    expect(problems({ text: 'x'.repeat(limits.attributesMaxBytes - 20) })).toEqual([]);
    expect(problems({ text: 'x'.repeat(limits.attributesMaxBytes) })).toEqual([`: attributes exceed ${limits.attributesMaxBytes} bytes`]);
    // Each € is one UTF-16 unit but three UTF-8 bytes.
    expect(problems({ text: '€'.repeat(Math.ceil(limits.attributesMaxBytes / 3)) })).toEqual([`: attributes exceed ${limits.attributesMaxBytes} bytes`]);
    // A control character is one unit, and six bytes once escaped in JSON.
    expect(problems({ text: '\u0001'.repeat(Math.ceil(limits.attributesMaxBytes / 6)) })).toEqual([`: attributes exceed ${limits.attributesMaxBytes} bytes`]);
    // Many small values, nested: the bound counts keys, numbers and punctuation too.
    const rows = Array.from({ length: limits.attributesMaxBytes / 16 }, (_, i) => ({ n: -1.2345678901234567e-300 * (i + 1) }));
    expect(problems({ rows })).toEqual([`: attributes exceed ${limits.attributesMaxBytes} bytes`]);
    expect(problems({ rows: rows.slice(0, limits.attributesMaxBytes / 40) })).toEqual([]);
  });
});
