import type { ConfigItem, StoredCI } from '../../../schema/configItem.ts';
import type { CIType } from '../../../schema/ciTypes.ts';
import type { HistoryEntry } from '../../../schema/history.ts';
import type { Relationship, RelationshipType } from '../../../schema/relationships.ts';

/**
 * Conversions between Neo4j records and schema types; nothing from the driver
 * (records, Integers, nodes) leaves the adapter.
 */
type Get = (key: string) => unknown;

/** A record with `id, type, name, attributes` as a ConfigItem. */
export function toConfigItem(get: Get): ConfigItem {
  return {
    id: get('id') as string,
    type: get('type') as CIType,
    name: get('name') as string,
    attributes: JSON.parse(get('attributes') as string),
  };
}

/** A record with CI fields and bookkeeping as a StoredCI. */
export function toStoredCI(get: Get): StoredCI {
  return {
    ...toConfigItem(get),
    meta: { createdAt: get('createdAt') as string, updatedAt: get('updatedAt') as string, source: get('source') as string },
  };
}

/** A record with `from, type, to, strength, attributes` as a canonical Relationship. */
export function toRelationship(get: Get): Relationship {
  const relationship: Relationship = { from: get('from') as string, type: get('type') as RelationshipType, to: get('to') as string };
  if (get('strength') === 'soft') relationship.strength = 'soft';
  const attributes = get('attributes');
  if (typeof attributes === 'string') relationship.attributes = JSON.parse(attributes);
  return relationship;
}

/**
 * Node properties of a CI: the canonical JSON of its attributes (the truth), plus
 * each top-level scalar attribute as `a.<name>` so searches can match it in Cypher.
 */
export function ciProperties(ci: ConfigItem, attributesJson: string): Record<string, unknown> {
  // The write's time and source are the same for every CI of a batch: the statements set them from parameters.
  const props: Record<string, unknown> = {
    id: ci.id,
    type: ci.type,
    name: ci.name,
    nameFolded: ci.name.toLowerCase(),
    attributes: attributesJson,
  };
  for (const [key, value] of Object.entries(ci.attributes)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') props[`a.${key}`] = value;
  }
  return props;
}

/** Properties of a TrellisHistory node as an entry. */
export function toHistoryEntry(props: Record<string, unknown>): HistoryEntry {
  const entry = {
    seq: Number(props.seq),
    at: props.at,
    batchId: props.batchId,
    actor: props.actor,
    source: props.source,
    entity: props.entity,
    key: props.key,
    operation: props.operation,
  } as HistoryEntry;
  if (typeof props.before === 'string') entry.before = JSON.parse(props.before);
  if (typeof props.after === 'string') entry.after = JSON.parse(props.after);
  return entry;
}
