import { stringify } from 'yaml';
import { toEstateEntry, type ConfigItem } from '../../schema/configItem.ts';
import type { Relationship } from '../../schema/relationships.ts';
import type { GraphStore } from '../store/GraphStore.ts';

/** Rows read from the store per round trip while exporting. */
const pageSize = 5000;

/** Output formats of an export. */
export type EstateFormat = 'yaml' | 'json';

/**
 * Streams the whole estate as an estate file, in a canonical order (CIs by id,
 * relationships by from/type/to, attributes by name), so that importing an
 * export into an empty store and exporting again gives the same bytes.
 */
export async function* exportEstate(store: GraphStore, format: EstateFormat = 'yaml'): AsyncGenerator<string> {
  const json = format === 'json';
  yield json ? '{"version":1,"cis":[' : 'version: 1\ncis:\n';
  let first = true;
  for await (const ci of scanAll<ConfigItem>((after) => store.scanCIs(after?.id, pageSize))) {
    yield entry(toEstateEntry(ci), json, first);
    first = false;
  }
  yield json ? '],"relationships":[' : first ? '  []\nrelationships:\n' : 'relationships:\n';
  first = true;
  for await (const relationship of scanAll<Relationship>((after) => store.scanRelationships(after, pageSize))) {
    yield entry(toRelationshipEntry(relationship), json, first);
    first = false;
  }
  yield json ? ']}\n' : first ? '  []\n' : '';
}

/** Collects an export into one string (for the API and tests; prefer streaming for files). */
export async function exportEstateText(store: GraphStore, format: EstateFormat = 'yaml'): Promise<string> {
  let text = '';
  for await (const part of exportEstate(store, format)) text += part;
  return text;
}

/** Flattens a relationship to its estate-file form. */
export function toRelationshipEntry(relationship: Relationship): Record<string, unknown> {
  const { from, type, to, strength, attributes } = relationship;
  return { from, type, to, ...(strength ? { strength } : {}), ...attributes };
}

function entry(value: Record<string, unknown>, json: boolean, first: boolean): string {
  if (json) return `${first ? '' : ','}\n${JSON.stringify(value)}`;
  return stringify([value], { lineWidth: 0 }).replace(/^/gm, '  ').replace(/ +$/, '');
}

async function* scanAll<T>(next: (after: T | undefined) => Promise<T[]>): AsyncGenerator<T> {
  let after: T | undefined;
  for (;;) {
    const page = await next(after);
    if (page.length === 0) return;
    yield* page;
    after = page.at(-1);
  }
}
