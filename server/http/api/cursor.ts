import { z } from 'zod';
import { InvalidError } from '../../errors.ts';

/**
 * Opaque page cursors: clients pass back `nextCursor` as `?cursor=` and never
 * build one, so how a list pages (an offset today, a key tomorrow) can change.
 */
export const cursorSchema = z.string().max(500).regex(/^[A-Za-z0-9_-]+$/, 'a cursor from a previous page (nextCursor)').meta({
  description: 'The `nextCursor` of the previous page; absent for the first page.',
});

/** Encodes a position in a list as a cursor of `list` (a cursor of one list is refused by another). */
export function encodeCursor(list: string, position: string | number): string {
  return Buffer.from(JSON.stringify([list, position])).toString('base64url');
}

/** The position a cursor of `list` holds; InvalidError naming `cursor` otherwise. */
export function decodeCursor<T extends string | number>(list: string, cursor: string | undefined, kind: 'string' | 'number'): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [name, position] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (name === list && typeof position === kind) return position as T;
  } catch {
    // reported below
  }
  throw new InvalidError([{ entry: 'query', field: 'cursor', message: `not a cursor of this list (${list}); pass back the nextCursor of its previous page` }]);
}

/** One page of `all` from the offset `cursor` holds, with the cursor of the next page when there is one. */
export function offsetPage<T>(list: string, all: T[], { cursor, limit }: { cursor?: string; limit: number }): { items: T[]; nextCursor?: string } {
  const start = decodeCursor<number>(list, cursor, 'number') ?? 0;
  const items = all.slice(start, start + limit);
  const next = start + items.length;
  return next < all.length ? { items, nextCursor: encodeCursor(list, next) } : { items };
}
