import { limits } from '../../../schema/limits.ts';
import { InvalidError } from '../../errors.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Request bytes to text, refusing invalid UTF-8 by its place instead of storing
 * U+FFFD in its stead: a CMDB must not change what it was told without a word.
 */
export function decodeUtf8(bytes: Uint8Array, where: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    throw new InvalidError([{ entry: where, message: `invalid UTF-8 at byte ${offset} (${lineAndColumn(bytes, offset)})` }]);
  }
}

/** Byte offset of the first byte that does not continue a valid UTF-8 sequence. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

// Length of the well-formed sequence at i (RFC 3629: no overlongs, no surrogates, <= U+10FFFF), or 0.
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < bytes.length && bytes[i + k]! >= lo && bytes[i + k]! <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const [lo, hi] = b0 === 0xe0 ? [0xa0, 0xbf] : b0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const [lo, hi] = b0 === 0xf0 ? [0x90, 0xbf] : b0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function lineAndColumn(bytes: Uint8Array, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i += 1) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return `line ${line}, byte ${offset - lineStart + 1} of the line`;
}

/**
 * Decodes a query string by hand: the platform parsers put U+FFFD in place of
 * invalid percent-encoded UTF-8 without a word. Repeated names become arrays.
 */
export function parseQueryString(raw: string): Record<string, string | string[]> {
  if (raw.length > limits.queryMaxLength) {
    throw new InvalidError([{ entry: 'query', message: `the query string is longer than ${limits.queryMaxLength} characters` }]);
  }
  const query: Record<string, string | string[]> = Object.create(null);
  for (const part of raw.split('&')) {
    if (!part) continue;
    const equals = part.indexOf('=');
    const name = decodeQueryComponent(equals < 0 ? part : part.slice(0, equals), 'query', 'a parameter name');
    const value = equals < 0 ? '' : decodeQueryComponent(part.slice(equals + 1), 'query', `parameter "${name}"`);
    const previous = query[name];
    query[name] = previous === undefined ? value : [previous, value].flat();
  }
  return query;
}

/** decodeURIComponent that names the place of a bad escape or invalid UTF-8. */
export function decodeQueryComponent(text: string, entry: string, what: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new InvalidError([{ entry, message: `${what} is not valid percent-encoded UTF-8` }]);
  }
}
