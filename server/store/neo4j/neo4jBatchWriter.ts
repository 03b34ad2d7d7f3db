import type { ManagedTransaction } from 'neo4j-driver';
import { canonicalJson } from '../../../schema/attributes.ts';
import type { CIType } from '../../../schema/ciTypes.ts';
import type { ConfigItem } from '../../../schema/configItem.ts';
import { relationshipKeyText, type Relationship } from '../../../schema/relationships.ts';
import type { Batch } from '../GraphStore.ts';
import { planReads, type BatchPlan, type CurrentState, type HistoryDraft } from '../planBatch.ts';
import * as cypher from './cypher.ts';
import { ciProperties, toConfigItem, toRelationship } from './neo4jRecords.ts';

/** Rows per UNWIND statement: big enough to amortize round trips, small enough for the heap. */
const chunkSize = 5000;

/**
 * The write half of a Neo4j batch, run inside the adapter's locked write
 * transaction: read what the shared planner needs, then write its plan.
 */

/** Reads what planBatch needs, inside the write transaction (after the lock). */
export async function readCurrentState(tx: ManagedTransaction, batch: Batch): Promise<CurrentState> {
  const reads = planReads(batch);
  const cis = new Map<string, ConfigItem>();
  for (const chunk of chunks(reads.ciIds)) {
    for (const record of (await tx.run(cypher.readCIsById, { ids: chunk })).records) {
      const ci = toConfigItem((key) => record.get(key));
      cis.set(ci.id, ci);
    }
  }
  const relationships = new Map<string, Relationship>();
  for (const chunk of chunks(reads.relationshipKeys)) {
    for (const record of (await tx.run(cypher.readRelationshipsByKey, { keys: chunk })).records) {
      const r = toRelationship((key) => record.get(key));
      relationships.set(relationshipKeyText(r), r);
    }
  }
  const relationshipsOfDeleted: Relationship[] = [];
  for (const chunk of chunks(batch.deleteCIs ?? [])) {
    for (const record of (await tx.run(cypher.readRelationshipsTouching, { ids: chunk })).records) {
      relationshipsOfDeleted.push(toRelationship((key) => record.get(key)));
    }
  }
  const retyped = (batch.upsertCIs ?? []).filter((ci) => { const before = cis.get(ci.id); return before !== undefined && before.type !== ci.type; }).map((ci) => ci.id);
  const relationshipsOfRetyped: Relationship[] = [];
  for (const chunk of chunks(retyped)) {
    for (const record of (await tx.run(cypher.readRelationshipsTouching, { ids: chunk })).records) {
      relationshipsOfRetyped.push(toRelationship((key) => record.get(key)));
    }
  }
  // The far ends of those relationships: their types decide whether the relationships stay valid.
  const farEnds = [...new Set(relationshipsOfRetyped.flatMap((r) => [r.from, r.to]).filter((id) => !cis.has(id)))];
  for (const chunk of chunks(farEnds)) {
    for (const record of (await tx.run(cypher.readCIsById, { ids: chunk })).records) {
      const ci = toConfigItem((key) => record.get(key));
      cis.set(ci.id, ci);
    }
  }
  return { cis, relationships, relationshipsOfDeleted, relationshipsOfRetyped };
}

/** Writes a plan: withdrawals first, then CIs by type, then relationships by type. */
export async function writePlan(tx: ManagedTransaction, plan: BatchPlan, at: string, source: string, wrote: (rows: number) => void = () => {}): Promise<void> {
  // Each statement, then its rows counted.
  const run = async (query: string, parameters: Record<string, unknown>, rows: number) => {
    await tx.run(query, parameters);
    wrote(rows);
  };
  for (const [type, keys] of groupBy(plan.deleteRelationships, (k) => k.type)) {
    for (const chunk of chunks(keys)) await run(cypher.deleteRelationships(type), { keys: chunk }, chunk.length);
  }
  for (const chunk of chunks(plan.deleteCIs)) await run(cypher.deleteCIs, { ids: chunk }, chunk.length);
  // CIs the plan found absent are created outright: MERGE and label changes cost twice as much on large imports.
  const created = new Set(plan.history.filter((h) => h.entity === 'ci' && h.operation === 'created').map((h) => h.key));
  for (const [type, items] of groupBy(plan.upsertCIs, (ci) => ci.type)) {
    const rows = items.map((ci) => ({ id: ci.id, create: created.has(ci.id), props: ciProperties(ci, canonicalJson(ci.attributes)) }));
    for (const mode of ['create', 'update'] as const) {
      const selected = rows.filter((row) => row.create === (mode === 'create'));
      const query = mode === 'create' ? cypher.createCIs(type as CIType) : cypher.upsertCIs(type as CIType);
      for (const chunk of chunks(selected)) await run(query, { rows: chunk, at, source }, chunk.length);
    }
  }
  for (const [type, items] of groupBy(plan.upsertRelationships, (r) => r.type)) {
    const rows = items.map((r) => ({
      from: r.from,
      to: r.to,
      create: plan.newRelationships.has(relationshipKeyText(r)),
      props: { strength: r.strength ?? null, attributes: r.attributes ? canonicalJson(r.attributes) : null },
    }));
    for (const mode of ['create', 'update'] as const) {
      const selected = rows.filter((row) => row.create === (mode === 'create'));
      for (const chunk of chunks(selected)) await run(cypher.writeRelationships(type, mode), { rows: chunk }, chunk.length);
    }
  }
}

/** Properties of one TrellisHistory node that differ from entry to entry. */
export function historyProperties(h: HistoryDraft, seq: number): Record<string, unknown> {
  const ends = h.entity === 'relationship' ? ((h.after ?? h.before) as Relationship) : undefined;
  // The batch's own fields (time, batch, actor, source) travel once per statement: see cypher.createHistory.
  return {
    seq,
    entity: h.entity,
    key: h.key,
    toId: ends?.to ?? null,
    operation: h.operation,
    // No `after`: it is the next entry's `before` or the stored value (see restoreAfterValues).
    before: h.before ? canonicalJson(h.before) : null,
  };
}

/** Splits rows into UNWIND-sized chunks. */
export function* chunks<T>(items: T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += chunkSize) yield items.slice(start, start + chunkSize);
}

/** Groups items by a key, keeping their order. */
export function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
