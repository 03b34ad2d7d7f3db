import { canonicalJson } from '../../../schema/attributes.ts';
import type { ImportRun } from '../../../schema/imports.ts';
import type { PlanProposal } from '../../../schema/proposals.ts';
import { relationshipKeyOfText } from '../../../schema/relationships.ts';
import { ConflictError } from '../../errors.ts';
import type { AssertionQuery, Batch, MergeSettingsMark, ScopeMark, StoredAssertion } from '../GraphStore.ts';
import { scopesWrittenNotReconciled, storedAssertion } from '../ledgerRows.ts';
import { entriesLookedAtMost, planStillHolds, type WrittenEntry } from '../planStillHolds.ts';
import type { SqlAccess } from './sqliteBatchWriter.ts';

/**
 * The reconciliation ledger of the embedded store: assertions per scope, import
 * run records and the write version that lets a run write only onto the state
 * it planned against. Runs inside the store's transactions.
 */

/** The number of committed batches that wrote anything. */
export function readWriteVersion(sql: SqlAccess): number {
  const row = sql.statement("SELECT value FROM meta WHERE key = 'write_version'").get() as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

/** Throws ConflictError when the batch was planned against an older state. */
export function checkWriteVersion(sql: SqlAccess, batch: Batch): void {
  if (batch.expectedVersion === undefined) return;
  const version = readWriteVersion(sql);
  if (version !== batch.expectedVersion && !(batch.rebase && planStillHolds(batch.rebase, readHistorySince(sql, batch.rebase.readAfterSeq), version))) {
    throw new ConflictError(`the store changed while this write was planned (version ${batch.expectedVersion}, now ${version}); plan again`, version);
  }
}

/** History entries after `seq`, oldest first, as the rebase rule reads them (one more than it looks at, to know there are too many). */
function readHistorySince(sql: SqlAccess, seq: number): WrittenEntry[] {
  return sql.statement('SELECT source, key, batch_id AS batchId FROM history WHERE seq > ? ORDER BY seq LIMIT ?').all(seq, entriesLookedAtMost + 1) as unknown as WrittenEntry[];
}

export function bumpWriteVersion(sql: SqlAccess): void {
  sql.statement("INSERT INTO meta (key, value) VALUES ('write_version', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1").run();
}

/** Writes the batch's assertion changes and run record; true when it wrote anything. */
export function writeLedger(sql: SqlAccess, batch: Batch, wrote: (rows: number) => void = () => {}): boolean {
  const upsert = sql.statement(`INSERT INTO assertion (scope, subject, kind, from_id, to_id, body) VALUES (?, ?, ?, NULL, ?, ?)
    ON CONFLICT (scope, subject) DO UPDATE SET kind = excluded.kind, from_id = NULL, to_id = excluded.to_id, body = excluded.body`);
  const withdraw = sql.statement('DELETE FROM assertion WHERE scope = ? AND subject = ?');
  for (const a of batch.assertions?.upsert ?? []) {
    const to = a.kind === 'relationship' ? relationshipKeyOfText(a.subject).to : null;
    upsert.run(a.scope, a.subject, a.kind, to, canonicalJson(a.body));
    wrote(1);
  }
  for (const a of batch.assertions?.withdraw ?? []) {
    withdraw.run(a.scope, a.subject);
    wrote(1);
  }
  // The write version once this batch is in: the caller bumps it after writing the ledger.
  const version = readWriteVersion(sql) + 1;
  const mark = sql.statement(`INSERT INTO scope_reconciled (scope, seq, version, digest) VALUES (?, (SELECT coalesce(max(seq), 0) FROM history), ?, ?)
    ON CONFLICT (scope) DO UPDATE SET seq = excluded.seq, version = excluded.version, digest = excluded.digest`);
  for (const { scope, digest } of batch.assertions?.reconciled ?? []) mark.run(scope, version, digest);
  const unmark = sql.statement('DELETE FROM scope_reconciled WHERE scope = ?');
  for (const scope of scopesWrittenNotReconciled(batch)) unmark.run(scope);
  const settings = batch.assertions?.settings;
  if (settings !== undefined && readMergeSettings(sql)?.fingerprint !== settings) {
    const set = sql.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    set.run('merge_settings', settings);
    set.run('merge_settings_since', String(version));
  }
  if (batch.importRun) {
    sql.statement('INSERT INTO import_run (id, started_at, body) VALUES (?, ?, ?)').run(batch.importRun.id, batch.importRun.startedAt, JSON.stringify(batch.importRun));
  }
  return Boolean(batch.assertions?.upsert?.length || batch.assertions?.withdraw?.length || batch.assertions?.reconciled?.length || settings || batch.importRun);
}

interface AssertionRow {
  scope: string;
  subject: string;
  kind: string;
  body: string;
}

/** Assertions in the scopes or about the subjects, each once, in (scope, subject) order. */
export function readAssertionRows(sql: SqlAccess, query: AssertionQuery): StoredAssertion[] {
  const found = new Map<string, StoredAssertion>();
  let chunksWithRows = 0;
  // One statement per chunk of values (json_each), not one per value: imports ask about 100k subjects.
  const except = JSON.stringify(query.exceptScopes ?? []);
  // `from` is `assertion AS a` or a join with it; the first parameter is the chunk, the second the scopes left out.
  const each = (from: string, where: string, values: readonly string[]) => {
    const select = sql.statement(`SELECT a.scope AS scope, a.subject AS subject, a.kind AS kind, a.body AS body FROM ${from}
      WHERE ${where} AND a.scope NOT IN (SELECT value FROM json_each(?)) ORDER BY a.scope, a.subject`);
    const unique = [...new Set(values)];
    for (let start = 0; start < unique.length; start += 10_000) {
      let rows = 0;
      for (const row of select.iterate(JSON.stringify(unique.slice(start, start + 10_000)), except) as Iterable<AssertionRow>) {
        rows += 1;
        found.set(`${row.scope}\u0000${row.subject}`, storedAssertion(row.scope, row.subject, row.kind, row.body));
      }
      if (rows) chunksWithRows += 1;
    }
  };
  each('assertion AS a', 'a.scope IN (SELECT value FROM json_each(?))', query.scopes ?? []);
  each('assertion AS a', 'a.subject IN (SELECT value FROM json_each(?))', query.subjects ?? []);
  // A relationship's subject begins with its start and a space (ids have none; '!' follows ' '): one range
  // of assertion_subject per id, which CROSS JOIN makes SQLite seek instead of scanning the table.
  each('json_each(?) AS k CROSS JOIN assertion AS a', "a.subject > k.value || ' ' AND a.subject < k.value || '!'", query.touching ?? []);
  each('assertion AS a', 'a.to_id IN (SELECT value FROM json_each(?))', query.touching ?? []);
  const assertions = [...found.values()];
  // Rows of one chunk arrive in order already (the common case: a scope re-imported).
  if (chunksWithRows > 1) assertions.sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
  return assertions;
}

/** The marks of the scopes that have one (see ScopeMark). */
export function readScopeMarks(sql: SqlAccess, scopes: readonly string[]): Map<string, ScopeMark> {
  const select = sql.statement('SELECT scope, seq, version, digest FROM scope_reconciled WHERE scope IN (SELECT value FROM json_each(?))');
  const rows = select.all(JSON.stringify(scopes)) as { scope: string; seq: number; version: number; digest: string }[];
  return new Map(rows.map((row) => [row.scope, { seq: row.seq, version: row.version, digest: row.digest }]));
}

/** The merge settings of the latest runs (see MergeSettingsMark), if any run recorded them. */
export function readMergeSettings(sql: SqlAccess): MergeSettingsMark | undefined {
  const rows = sql.statement("SELECT key, value FROM meta WHERE key IN ('merge_settings', 'merge_settings_since')").all() as { key: string; value: string }[];
  const value = new Map(rows.map((row) => [row.key, row.value]));
  const fingerprint = value.get('merge_settings');
  return fingerprint === undefined ? undefined : { fingerprint, since: Number(value.get('merge_settings_since')) };
}

/** Keys of history entries after `seq`, each once; undefined past `limit`. */
export function readHistoryKeysAfter(sql: SqlAccess, seq: number, limit: number): string[] | undefined {
  const rows = sql.statement('SELECT DISTINCT key FROM history WHERE seq > ? LIMIT ?').all(seq, limit + 1) as { key: string }[];
  return rows.length > limit ? undefined : rows.map((row) => row.key);
}

/** Import runs, newest first. */
export function readImportRuns(sql: SqlAccess, limit: number): ImportRun[] {
  const rows = sql.statement('SELECT body FROM import_run ORDER BY started_at DESC, id DESC LIMIT ?').all(limit) as { body: string }[];
  return rows.map((row) => JSON.parse(row.body) as ImportRun);
}

/** Proposals: kept as documents, newest first. */
export function insertProposal(sql: SqlAccess, proposal: PlanProposal): void {
  sql.statement('INSERT INTO proposal (id, created_at, body) VALUES (?, ?, ?)').run(proposal.id, proposal.createdAt, JSON.stringify(proposal));
}

export function readProposals(sql: SqlAccess, limit: number, id?: string): PlanProposal[] {
  const rows = (id === undefined
    ? sql.statement('SELECT body FROM proposal ORDER BY created_at DESC, id DESC LIMIT ?').all(limit)
    : sql.statement('SELECT body FROM proposal WHERE id = ?').all(id)) as { body: string }[];
  return rows.map((row) => JSON.parse(row.body) as PlanProposal);
}
