import type { StatementSync } from 'node:sqlite';
import { canonicalJson } from '../../../schema/attributes.ts';
import { relationshipKeyText, type Relationship, type RelationshipKey } from '../../../schema/relationships.ts';
import type { Batch, WriteContext } from '../GraphStore.ts';
import { planReads, type BatchPlan, type CurrentState } from '../planBatch.ts';
import { toConfigItem, toRelationship, type CIRow, type RelationshipRow } from './sqliteRows.ts';

/**
 * The SQL half of an embedded batch, run inside the store's BEGIN IMMEDIATE:
 * read what the shared planner needs, then write its plan and history.
 */
export interface SqlAccess {
  /** A cached prepared statement. */
  statement(sql: string): StatementSync;
  /** CI rows by id. */
  readCIRows(ids: readonly string[]): CIRow[];
}

/** Reads what planBatch needs, inside the write transaction. */
export function readCurrentState(sql: SqlAccess, batch: Batch): CurrentState {
  const reads = planReads(batch);
  const cis = new Map(sql.readCIRows(reads.ciIds).map((row) => [row.id, toConfigItem(row)]));
  const relationships = new Map(readRelationships(sql, reads.relationshipKeys).map((r) => [relationshipKeyText(r), r]));
  const relationshipsOfDeleted: Relationship[] = [];
  const touching = sql.statement('SELECT * FROM relationship WHERE from_id = ? UNION SELECT * FROM relationship WHERE to_id = ?');
  for (const id of batch.deleteCIs ?? []) {
    for (const row of touching.all(id, id) as unknown as RelationshipRow[]) relationshipsOfDeleted.push(toRelationship(row));
  }
  const relationshipsOfRetyped: Relationship[] = [];
  for (const item of batch.upsertCIs ?? []) {
    const before = cis.get(item.id);
    if (!before || before.type === item.type) continue;
    for (const row of touching.all(item.id, item.id) as unknown as RelationshipRow[]) relationshipsOfRetyped.push(toRelationship(row));
  }
  // The far ends of those relationships: their types decide whether the relationships stay valid.
  const farEnds = relationshipsOfRetyped.flatMap((r) => [r.from, r.to]).filter((id) => !cis.has(id));
  for (const row of sql.readCIRows([...new Set(farEnds)])) cis.set(row.id, toConfigItem(row));
  return { cis, relationships, relationshipsOfDeleted, relationshipsOfRetyped };
}

/** The relationships among `keys` that exist: one statement per 10k keys, not one per key (imports bring 100k). */
export function readRelationships(sql: SqlAccess, keys: readonly RelationshipKey[]): Relationship[] {
  const select = sql.statement(`SELECT r.* FROM json_each(?) AS k JOIN relationship AS r
    ON r.from_id = json_extract(k.value, '$[0]') AND r.type = json_extract(k.value, '$[1]') AND r.to_id = json_extract(k.value, '$[2]')`);
  const found: Relationship[] = [];
  for (let start = 0; start < keys.length; start += 10_000) {
    const chunk = JSON.stringify(keys.slice(start, start + 10_000).map((k) => [k.from, k.type, k.to]));
    for (const row of select.iterate(chunk) as Iterable<RelationshipRow>) found.push(toRelationship(row));
  }
  return found;
}

/** Writes a plan and its history; returns the first history seq, if any. */
export function writePlan(sql: SqlAccess, plan: BatchPlan, context: WriteContext & { batchId: string; at: string }, wrote: (rows: number) => void = () => {}): number | undefined {
  const deleteRelationship = sql.statement('DELETE FROM relationship WHERE from_id = ? AND type = ? AND to_id = ?');
  for (const key of plan.deleteRelationships) {
    deleteRelationship.run(key.from, key.type, key.to);
    wrote(1);
  }
  const deleteCI = sql.statement('DELETE FROM ci WHERE id = ?');
  for (const id of plan.deleteCIs) {
    deleteCI.run(id);
    wrote(1);
  }
  const upsertCI = sql.statement(`INSERT INTO ci (id, type, name, name_folded, attributes, created_at, updated_at, source)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name,
    name_folded = excluded.name_folded, attributes = excluded.attributes, updated_at = excluded.updated_at, source = excluded.source`);
  for (const ci of plan.upsertCIs) {
    upsertCI.run(ci.id, ci.type, ci.name, ci.name.toLowerCase(), canonicalJson(ci.attributes), context.at, context.at, context.source);
    wrote(1);
  }
  const upsertRelationship = sql.statement(`INSERT INTO relationship (from_id, type, to_id, strength, attributes) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (from_id, type, to_id) DO UPDATE SET strength = excluded.strength, attributes = excluded.attributes`);
  for (const r of plan.upsertRelationships) {
    upsertRelationship.run(r.from, r.type, r.to, r.strength ?? null, r.attributes ? canonicalJson(r.attributes) : null);
    wrote(1);
  }
  if (plan.history.length === 0) return undefined;
  const insertHistory = sql.statement(`INSERT INTO history (at, batch_id, actor, source, entity, key, from_id, to_id, operation, before, after)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let firstSeq: number | undefined;
  for (const h of plan.history) {
    const ends = h.entity === 'relationship' ? ((h.after ?? h.before) as Relationship) : undefined;
    // No `after`: it is the next entry's `before` or the stored value (see restoreAfterValues).
    const { lastInsertRowid } = insertHistory.run(context.at, context.batchId, context.actor, context.source, h.entity, h.key,
      null, ends?.to ?? null, h.operation, h.before ? canonicalJson(h.before) : null, null);
    firstSeq ??= Number(lastInsertRowid);
    wrote(1);
  }
  return firstSeq;
}
