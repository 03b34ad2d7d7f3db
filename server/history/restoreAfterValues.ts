import { canonicalJson } from '../../schema/attributes.ts';
import type { ConfigItem } from '../../schema/configItem.ts';
import type { HistoryEntry } from '../../schema/history.ts';
import { relationshipKeyOfText, relationshipKeyText, type Relationship, type RelationshipKey } from '../../schema/relationships.ts';

/**
 * Stores keep each value of history once. An entry's `after` is not stored: it is
 * the `before` of the next entry about the same key, or, when there is none yet,
 * the value the store holds now. (Written with both, a first import stored every
 * CI and relationship twice more; the history half of its writes went.)
 * Entries stored by earlier versions carry their `after` and keep it.
 */

/** Where the values after a page of entries come from; a store answers from its tables. */
export interface LaterValues {
  /** For each key, the `before` of its first entry after the given seq; keys without one are absent. */
  nextBefore(after: Map<string, number>): Promise<Map<string, ConfigItem | Relationship>>;
  findCIs(ids: readonly string[]): Promise<ConfigItem[]>;
  findRelationships(keys: readonly RelationshipKey[]): Promise<Relationship[]>;
}

/** Fills in `after` of the entries (in seq order) that lack it; returns them. */
export async function restoreAfterValues(entries: HistoryEntry[], later: LaterValues): Promise<HistoryEntry[]> {
  const following = new Map<string, HistoryEntry>();
  // Per key, the page's last entry when it still lacks its value.
  const waiting = new Map<string, HistoryEntry>();
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const entry = entries[i]!;
    const next = following.get(entry.key);
    following.set(entry.key, entry);
    if (entry.operation === 'withdrawn' || entry.after) continue;
    if (next) entry.after = next.before as never;
    else waiting.set(entry.key, entry);
  }
  if (waiting.size === 0) return entries;
  const nextBefore = await later.nextBefore(new Map([...waiting].map(([key, entry]) => [key, entry.seq])));
  const current = { ci: [] as string[], relationship: [] as string[] };
  for (const [key, entry] of waiting) {
    const value = nextBefore.get(key);
    if (value) entry.after = value as never;
    else current[entry.entity].push(key);
  }
  // As stored values come back: canonical key order, whichever way they were found.
  const values = new Map<string, ConfigItem | Relationship>();
  const keep = (key: string, value: unknown) => values.set(key, JSON.parse(canonicalJson(value)));
  if (current.ci.length) for (const ci of await later.findCIs(current.ci)) keep(ci.id, { id: ci.id, type: ci.type, name: ci.name, attributes: ci.attributes });
  if (current.relationship.length) {
    for (const r of await later.findRelationships(current.relationship.map(relationshipKeyOfText))) keep(relationshipKeyText(r), r);
  }
  const fromStore = [...current.ci, ...current.relationship];
  // Another process may have written since the first look: a value read now is the one after the entry only
  // if still no later entry exists (history and values are committed together, history only grows).
  const since = await later.nextBefore(new Map(fromStore.map((key) => [key, waiting.get(key)!.seq])));
  for (const key of fromStore) waiting.get(key)!.after = (since.get(key) ?? values.get(key)) as never;
  return entries;
}
