import { z } from 'zod';
import { NotFoundError, PreconditionRequiredError } from '../../errors.ts';
import type { RouteInput } from './defineRoute.ts';

/**
 * If-Match for records kept beside the graph (changes, incidents): their
 * ETag `"v<n>"`, or `*`.
 */
const recordIfMatch = /^\s*(\*|"v[1-9][0-9]{0,9}")\s*$/;
export const recordIfMatchHeaders = z.object({
  'if-match': z.string().regex(recordIfMatch, 'the ETag of the record ("v<n>") or *').optional().meta({
    description: 'The ETag of the version this write is based on (412 if it has changed since), or `*` to act on any version (for scripts that accept that risk). Required (428 without).',
  }),
});

/**
 * The version an `If-Match` names: `"v<n>"` as the ETag gave it, or undefined
 * for `*` (the opt-out for scripts: whatever version the record is at).
 * Required: a write based on a record seen in another state could undo
 * someone's decision. Without it, a 404 for a record that does not exist
 * (`exists`), and a 428 otherwise.
 */
export async function recordVersionOf(
  { params, headers }: Pick<RouteInput<{ id: string }, unknown, unknown>, 'params' | 'headers'>, kind: string, exists: (id: string) => Promise<unknown>,
): Promise<number | undefined> {
  const ifMatch = headers['if-match']?.trim();
  if (ifMatch === undefined) {
    if (!(await exists(params.id))) throw new NotFoundError(`no ${kind} has the id ${params.id}`, [params.id]);
    throw new PreconditionRequiredError(`send If-Match with the ETag of ${params.id} as you read it (or * to act on whatever version it is at)`);
  }
  // The header's schema has checked its shape.
  return ifMatch === '*' ? undefined : Number(ifMatch.slice(2, -1));
}
