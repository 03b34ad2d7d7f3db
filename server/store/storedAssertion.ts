import type { StoredAssertion } from './GraphStore.ts';

/**
 * An assertion read from a store. The body is parsed on first use: a re-import
 * compares most bodies by their canonical text and never needs them parsed.
 */
export function storedAssertion(scope: string, subject: string, kind: string, bodyText: string): StoredAssertion {
  let body: unknown;
  return {
    scope, subject, kind, bodyText,
    get body() {
      return (body ??= JSON.parse(bodyText));
    },
  } as StoredAssertion;
}
