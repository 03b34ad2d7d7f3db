import { getHeapStatistics } from 'node:v8';
import { limits } from '../../schema/limits.ts';

/**
 * Reading, mapping and reconciling a source file takes several times its size
 * in JavaScript heap (measured: a 107 MB Terraform state of 230k resources
 * imports with a 1 GiB old space, barely, and runs out of a 768 MiB one: 7-10x).
 * A file is read whole, so a file the heap cannot hold is refused up front
 * with a clear message instead of ending in an out-of-memory crash halfway.
 */
export const heapBytesPerSourceByte = 10;
/**
 * Part of V8's heap limit that source data cannot use: the young generation
 * (192 MiB of the limit on 64-bit Node 24) and the program's own modules.
 */
export const heapReservedBytes = 256 * 2 ** 20;

/** The largest source file this process can import: the fixed bound, or less when the heap is small. */
export function sourceFileMaxBytes(heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.max(0, Math.min(limits.importFileMaxBytes, Math.floor((heapLimitBytes - heapReservedBytes) / heapBytesPerSourceByte)));
}

/** What to do about a file over the bound. */
export function sourceFileTooLargeHint(maxBytes: number): string {
  if (maxBytes >= limits.importFileMaxBytes) return `source files are read whole, up to ${limits.importFileMaxBytes} bytes`;
  const heapMiB = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  return `this process's V8 heap limit (${heapMiB} MiB) holds source files up to ${maxBytes} bytes; give it more (NODE_OPTIONS=--max-old-space-size=<MiB>, about ${heapBytesPerSourceByte}x the file)`;
}
