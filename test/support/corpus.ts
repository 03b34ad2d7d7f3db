import { fileURLToPath } from 'node:url';

/**
 * The importer corpus: real files written by other tools, copied byte for byte
 * with their origin and licence in test/corpus/SOURCES.md, so tests run the same
 * on any clone.
 */
export const corpusDir = fileURLToPath(new URL('../corpus/', import.meta.url));
