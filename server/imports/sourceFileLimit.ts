import { getHeapStatistics } from 'node:v8';
import { limits } from '../../schema/limits.ts';
import type { ImportKind } from './importSources.ts';

/**
 * Reading, mapping and reconciling a source file takes several times its size
 * in JavaScript heap, and how many times depends on the kind: the heap follows
 * the number of resources and relationships, and an AWS recording says in 300
 * bytes what a Terraform state says in 460. A file is read whole, so a file the
 * heap cannot hold is refused up front with a clear message instead of ending
 * in an out-of-memory crash halfway.
 *
 * Measured (Node 24, heap limit = old space + 192 MiB young generation, first
 * import of 230k resources): a 107 MB Terraform state imports with an 896 MiB
 * old space and runs out of a 768 MiB one (7-8x the file beyond the reserve);
 * a 69 MB AWS recording likewise (11-12.5x). The factors leave a margin above.
 */
export const heapBytesPerSourceByte = { terraform: 9, aws: 13, other: 10 } as const;
/**
 * Part of V8's heap limit that source data cannot use: the young generation
 * (192 MiB of the limit on 64-bit Node 24) and the program's own modules.
 */
export const heapReservedBytes = 256 * 2 ** 20;

function factorOf(kind: ImportKind | undefined): number {
  if (kind === undefined) return Math.min(...Object.values(heapBytesPerSourceByte));
  return kind === 'terraform' || kind === 'aws' ? heapBytesPerSourceByte[kind] : heapBytesPerSourceByte.other;
}

/**
 * The largest source file of a kind this process can import: the fixed bound,
 * or less when the heap is small. Without a kind, the largest of any kind:
 * what may be read before the content says its kind.
 */
export function sourceFileMaxBytes(kind?: ImportKind, heapLimitBytes = getHeapStatistics().heap_size_limit): number {
  return Math.max(0, Math.min(limits.importFileMaxBytes, Math.floor((heapLimitBytes - heapReservedBytes) / factorOf(kind))));
}

/** What to do about a file over the bound. */
export function sourceFileTooLargeHint(maxBytes: number, kind?: ImportKind): string {
  if (maxBytes >= limits.importFileMaxBytes) return `source files are read whole, up to ${limits.importFileMaxBytes} bytes`;
  const heapMiB = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  const files = kind === undefined ? 'source files' : `${kind} files`;
  return `this process's V8 heap limit (${heapMiB} MiB) holds ${files} up to ${maxBytes} bytes; give it more (NODE_OPTIONS=--max-old-space-size=<MiB>, about ${factorOf(kind)}x the file)`;
}
