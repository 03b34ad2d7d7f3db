import { describe, expect, it } from 'vitest';
import { limits } from '../../schema/limits.ts';
import { heapBytesPerSourceByte, sourceFileMaxBytes } from '../../server/imports/sourceFileLimit.ts';

describe('sourceFileMaxBytes', () => {
  it('is the fixed bound when the heap can hold it, and a tenth of the heap when it cannot', () => {
    expect(sourceFileMaxBytes(64 * 2 ** 30)).toBe(limits.importFileMaxBytes);
    expect(sourceFileMaxBytes(2 ** 30)).toBe(Math.floor(2 ** 30 / heapBytesPerSourceByte));
    expect(sourceFileMaxBytes(2 ** 30)).toBeLessThan(limits.importFileMaxBytes);
  });
});
