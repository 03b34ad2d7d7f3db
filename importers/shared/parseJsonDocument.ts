import { findHostileKey, jsonMayHoldHostileKey } from '../../schema/identifiers.ts';
import { InvalidError } from '../../server/errors.ts';

/**
 * A JSON file another tool wrote, as an object: refused with the file named when
 * it is not JSON, not an object at the top, or carries prototype-reaching keys.
 * `what` names the expected kind in messages ("a Terraform state"). `parsed`
 * is the text already parsed (by kind detection), so big files are parsed once;
 * it must be the parse of `text`, which is scanned for hostile keys.
 */
export function parseJsonDocument(text: string, file: string, what: string, parsed?: unknown): Record<string, unknown> {
  let document: unknown = parsed;
  if (document === undefined) {
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw new InvalidError([{ file, message: `not ${what}: invalid JSON (${(error as Error).message})` }]);
    }
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new InvalidError([{ file, message: `not ${what}: the top level is not an object` }]);
  }
  const hostile = jsonMayHoldHostileKey(text) ? findHostileKey(document) : undefined;
  if (hostile) throw new InvalidError([{ file, entry: hostile.join('.'), message: 'reserved key (prototype pollution attempt?)' }]);
  return document as Record<string, unknown>;
}
