import type { RelationshipKey } from '../../schema/relationships.ts';
import { InvalidError } from '../errors.ts';
import type { Expectation } from '../store/GraphStore.ts';

/**
 * What a write expects of the version it replaces, from an `If-Match` value: a
 * strong ETag, or `*`, the documented opt-out for scripts, which writes over
 * whatever is there (and creates what is not). Without If-Match the write may
 * only create: replacing an existing resource unseen could lose a concurrent
 * update, so that answers 428.
 */
export function expectationFor(target: { ci: string } | { relationship: RelationshipKey }, ifMatch: string | undefined): Expectation[] {
  if (ifMatch === undefined) return [{ ...target, etag: null, whenPresent: 'precondition_required' }];
  const value = ifMatch.trim();
  if (value === '*') return [];
  if (/^"[A-Za-z0-9_-]{1,100}"$/.test(value)) return [{ ...target, etag: value }];
  throw new InvalidError([{ entry: 'headers', field: 'if-match', message: 'must be one strong entity tag as the ETag header gave it ("...") or *' }]);
}

/** A create-only write: 409 already_exists when the resource is there. */
export function mustBeNew(target: { ci: string } | { relationship: RelationshipKey }): Expectation {
  return { ...target, etag: null, whenPresent: 'already_exists' };
}
