import { describe, expect, it } from 'vitest';
import { limits } from '../../schema/limits.ts';
import { heapBytesPerSourceByte, heapReservedBytes, sourceFileMaxBytes } from '../../server/imports/sourceFileLimit.ts';

describe('sourceFileMaxBytes', () => {
  it('is the fixed bound when the heap can hold it, and less when it cannot', () => {
    expect(sourceFileMaxBytes(64 * 2 ** 30)).toBe(limits.importFileMaxBytes);
    expect(sourceFileMaxBytes(2 ** 30)).toBe(Math.floor((2 ** 30 - heapReservedBytes) / heapBytesPerSourceByte));
    expect(sourceFileMaxBytes(2 ** 30)).toBeLessThan(limits.importFileMaxBytes);
    expect(sourceFileMaxBytes(100 * 2 ** 20)).toBe(0);
  });

  it('admits the measured case with room to spare: a 107 MB state with a 1.25 GiB old space (1,472 MiB heap limit with the young generation)', () => {
    expect(sourceFileMaxBytes(1472 * 2 ** 20)).toBeGreaterThan(107 * 10 ** 6);
    expect(sourceFileMaxBytes(1216 * 2 ** 20)).toBeLessThan(107 * 10 ** 6);
  });
});
