import { limits } from '../../schema/limits.ts';
import { InvalidError } from '../errors.ts';

/**
 * Parses JSON text whose nesting has been checked first, without recursion, so
 * that a document nested 100,000 deep is a 400 naming the limit, never a stack
 * overflow in whatever walks it afterwards.
 */
export function parseJsonText(text: string, where: string): unknown {
  checkJsonDepth(text, where);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidError([{ entry: where, message: `not valid JSON: ${(error as Error).message}` }]);
  }
}

/** Refuses JSON text nested deeper than the limit, naming where. */
export function checkJsonDepth(text: string, where: string): void {
  const deepAt = depthExceededAt(text, limits.jsonDepthMax);
  if (deepAt !== undefined) {
    throw new InvalidError([{ entry: where, message: `JSON nested deeper than ${limits.jsonDepthMax} levels (at character ${deepAt})` }]);
  }
}

/** Index of the first bracket past `maxDepth` levels of JSON text, outside strings; undefined when within. */
export function depthExceededAt(text: string, maxDepth: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return i;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return undefined;
}
