import type { ConfigItem, StoredCI } from '../../../schema/configItem.ts';
import type { CIType } from '../../../schema/ciTypes.ts';
import type { HistoryEntry } from '../../../schema/history.ts';
import type { Relationship, RelationshipType } from '../../../schema/relationships.ts';

/** Row shapes of the embedded store's tables and their conversion to schema types. */
export interface CIRow {
  id: string;
  type: string;
  name: string;
  attributes: string;
  created_at: string;
  updated_at: string;
  source: string;
}

export interface RelationshipRow {
  from_id: string;
  type: string;
  to_id: string;
  strength: string | null;
  attributes: string | null;
}

export interface HistoryRow {
  seq: number;
  at: string;
  batch_id: string;
  actor: string;
  source: string;
  entity: string;
  key: string;
  operation: string;
  before: string | null;
  after: string | null;
}

/** A CI row as a ConfigItem. */
export function toConfigItem(row: CIRow): ConfigItem {
  return { id: row.id, type: row.type as CIType, name: row.name, attributes: JSON.parse(row.attributes) };
}

/** A CI row as a StoredCI, with its bookkeeping. */
export function toStoredCI(row: CIRow): StoredCI {
  return { ...toConfigItem(row), meta: { createdAt: row.created_at, updatedAt: row.updated_at, source: row.source } };
}

/** A relationship row in canonical form. */
export function toRelationship(row: RelationshipRow): Relationship {
  const relationship: Relationship = { from: row.from_id, type: row.type as RelationshipType, to: row.to_id };
  if (row.strength === 'soft') relationship.strength = 'soft';
  if (row.attributes) relationship.attributes = JSON.parse(row.attributes);
  return relationship;
}

/** A history row as an entry. */
export function toHistoryEntry(row: HistoryRow): HistoryEntry {
  const entry = {
    seq: Number(row.seq),
    at: row.at,
    batchId: row.batch_id,
    actor: row.actor,
    source: row.source,
    entity: row.entity,
    key: row.key,
    operation: row.operation,
  } as HistoryEntry;
  if (row.before) entry.before = JSON.parse(row.before);
  if (row.after) entry.after = JSON.parse(row.after);
  return entry;
}
