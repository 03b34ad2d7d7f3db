import { describe, expect, it } from 'vitest';
import { limits } from '../../schema/limits.ts';
import { heapBytesPerSourceByte, heapReservedBytes, sourceFileMaxBytes, sourceFileTooLargeHint } from '../../server/imports/sourceFileLimit.ts';

const MiB = 2 ** 20;

describe('sourceFileMaxBytes', () => {
  it('is the fixed bound when the heap can hold it, and less when it cannot', () => {
    expect(sourceFileMaxBytes('terraform', 64 * 2 ** 30)).toBe(limits.importFileMaxBytes);
    expect(sourceFileMaxBytes('terraform', 2 ** 30)).toBe(Math.floor((2 ** 30 - heapReservedBytes) / heapBytesPerSourceByte.terraform));
    expect(sourceFileMaxBytes('terraform', 2 ** 30)).toBeLessThan(limits.importFileMaxBytes);
    expect(sourceFileMaxBytes('terraform', 100 * MiB)).toBe(0);
  });

  it('bounds each kind by what it takes: an AWS recording holds more resources per byte than a Terraform state', () => {
    const heap = 2 ** 30;
    expect(sourceFileMaxBytes('aws', heap)).toBeLessThan(sourceFileMaxBytes('terraform', heap));
    expect(sourceFileMaxBytes('kubernetes', heap)).toBe(Math.floor((heap - heapReservedBytes) / heapBytesPerSourceByte.other));
    // Before the content says its kind, a file may be as large as the most lenient kind allows.
    const unknown = sourceFileMaxBytes(undefined, heap);
    for (const kind of ['terraform', 'aws', 'kubernetes', 'backstage', 'terraform-plan'] as const) expect(unknown).toBeGreaterThanOrEqual(sourceFileMaxBytes(kind, heap));
  });

  // The heap limits below are V8's for --max-old-space-size=768, 896 and 1024 (plus a 192 MiB young generation).
  it('admits the measured cases with room to spare and refuses them where they ran out of memory', () => {
    // A 107 MB state of 230k resources: imports with an 896 MiB old space, runs out of a 768 MiB one.
    expect(sourceFileMaxBytes('terraform', 1216 * MiB)).toBeGreaterThan(107 * 10 ** 6);
    expect(sourceFileMaxBytes('terraform', 960 * MiB)).toBeLessThan(107 * 10 ** 6);
    // A 69 MB AWS recording of 230k resources: the same two heaps.
    expect(sourceFileMaxBytes('aws', 1216 * MiB)).toBeGreaterThan(69.4 * 10 ** 6);
    expect(sourceFileMaxBytes('aws', 960 * MiB)).toBeLessThan(69.4 * 10 ** 6);
  });

  it('says what to do, with the factor of the kind', () => {
    expect(sourceFileTooLargeHint(1000, 'aws')).toMatch(/holds aws files up to 1000 bytes; .*--max-old-space-size=<MiB>, about 13x the file/);
    expect(sourceFileTooLargeHint(limits.importFileMaxBytes)).toMatch(/read whole, up to/);
  });
});
