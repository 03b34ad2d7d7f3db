import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { canonicalJson } from '../../../schema/attributes.ts';
import type { ImportRun } from '../../../schema/imports.ts';
import type { PlanProposal } from '../../../schema/proposals.ts';
import { relationshipKeyOfText } from '../../../schema/relationships.ts';
import { ConflictError } from '../../errors.ts';
import { entriesLookedAtMost, planStillHolds, type WrittenEntry } from '../planStillHolds.ts';
import type { AssertionQuery, Batch, MergeSettingsMark, ScopeMark, StoredAssertion } from '../GraphStore.ts';
import { scopesWrittenNotReconciled, storedAssertion } from '../ledgerRows.ts';
import { chunks } from './neo4jBatchWriter.ts';

/**
 * The reconciliation ledger in Neo4j: assertions per scope as TrellisAssertion
 * nodes (one per scope and subject), import runs as TrellisImportRun nodes, and
 * the write version on the lock node, all written in the batch's transaction.
 */

export const ledgerSchemaStatements = [
  'CREATE CONSTRAINT trellis_assertion_key IF NOT EXISTS FOR (a:TrellisAssertion) REQUIRE a.key IS UNIQUE',
  'CREATE INDEX trellis_assertion_subject IF NOT EXISTS FOR (a:TrellisAssertion) ON (a.subject)',
  'CREATE INDEX trellis_assertion_to IF NOT EXISTS FOR (a:TrellisAssertion) ON (a.toId)',
  // Each index costs every import: a scope is a prefix of the key, a relationship's start a prefix of its subject.
  'DROP INDEX trellis_assertion_scope IF EXISTS',
  'DROP INDEX trellis_assertion_from IF EXISTS',
  'CREATE CONSTRAINT trellis_scope_mark IF NOT EXISTS FOR (m:TrellisScopeMark) REQUIRE m.scope IS UNIQUE',
  'CREATE CONSTRAINT trellis_import_run_id IF NOT EXISTS FOR (r:TrellisImportRun) REQUIRE r.id IS UNIQUE',
  'CREATE INDEX trellis_import_run_started IF NOT EXISTS FOR (r:TrellisImportRun) ON (r.startedAt)',
  'CREATE CONSTRAINT trellis_proposal_id IF NOT EXISTS FOR (p:TrellisProposal) REQUIRE p.id IS UNIQUE',
  'CREATE INDEX trellis_proposal_created IF NOT EXISTS FOR (p:TrellisProposal) ON (p.createdAt)',
];

const readVersion = `OPTIONAL MATCH (c:TrellisCounter {name: 'history'}) RETURN coalesce(c.version, 0) AS version`;
const bumpVersion = `MATCH (c:TrellisCounter {name: 'history'}) SET c.version = coalesce(c.version, 0) + 1`;
const upsertAssertions = `
UNWIND $rows AS row
MERGE (a:TrellisAssertion {key: row.key})
SET a.scope = row.scope, a.subject = row.subject, a.kind = row.kind, a.toId = row.toId, a.body = row.body`;
const withdrawAssertions = `
UNWIND $keys AS key
MATCH (a:TrellisAssertion {key: key}) USING INDEX a:TrellisAssertion(key) DELETE a`;
// Index hints: on a young or just emptied database the planner's statistics favour a label scan per row,
// which turned a 100k-subject lookup from seconds into minutes (seen in bench:import after a wipe).
const assertionsInScopes = `
UNWIND $scopes AS scope
MATCH (a:TrellisAssertion) USING INDEX a:TrellisAssertion(key)
WHERE a.key STARTS WITH scope + $separator AND NOT a.scope IN $except
RETURN a.scope AS scope, a.subject AS subject, a.kind AS kind, a.body AS body`;
const assertionsAbout = `
UNWIND $subjects AS subject
MATCH (a:TrellisAssertion {subject: subject}) USING INDEX a:TrellisAssertion(subject)
WHERE NOT a.scope IN $except
RETURN a.scope AS scope, a.subject AS subject, a.kind AS kind, a.body AS body`;
const assertionsTouching = `
UNWIND $ids AS id
CALL (id) {
  MATCH (a:TrellisAssertion) USING INDEX a:TrellisAssertion(subject) WHERE a.subject STARTS WITH id + ' ' RETURN a
  UNION
  MATCH (a:TrellisAssertion {toId: id}) USING INDEX a:TrellisAssertion(toId) RETURN a
}
WITH a WHERE NOT a.scope IN $except
RETURN a.scope AS scope, a.subject AS subject, a.kind AS kind, a.body AS body`;
const markScopes = `UNWIND $marks AS mark MERGE (m:TrellisScopeMark {scope: mark.scope}) SET m.seq = $seq, m.version = $version, m.digest = mark.digest`;
const unmarkScopes = `UNWIND $scopes AS scope MATCH (m:TrellisScopeMark {scope: scope}) DELETE m`;
// Kept on the history counter, which every batch locks: `since` moves only when the settings change.
const recordMergeSettings = `
MATCH (c:TrellisCounter {name: 'history'})
SET c.mergeSettingsSince = CASE WHEN c.mergeSettings = $settings THEN c.mergeSettingsSince ELSE $version END, c.mergeSettings = $settings`;
const readMergeSettingsQuery = `OPTIONAL MATCH (c:TrellisCounter {name: 'history'}) RETURN c.mergeSettings AS fingerprint, c.mergeSettingsSince AS since`;
const scopeMarks = `
UNWIND $scopes AS scope
MATCH (m:TrellisScopeMark {scope: scope}) USING INDEX m:TrellisScopeMark(scope)
RETURN m.scope AS scope, m.seq AS seq, m.version AS version, m.digest AS digest`;
const historyKeysAfter = `
MATCH (h:TrellisHistory) USING INDEX h:TrellisHistory(seq) WHERE h.seq > $seq
WITH DISTINCT h.key AS key LIMIT $limit
RETURN key`;
const historySince = `
MATCH (h:TrellisHistory) USING INDEX h:TrellisHistory(seq) WHERE h.seq > $seq
WITH h ORDER BY h.seq LIMIT $limit
RETURN h.source AS source, h.key AS key, h.batchId AS batchId`;
const createImportRun = `CREATE (:TrellisImportRun {id: $id, startedAt: $startedAt, body: $body})`;
const listImportRuns = `MATCH (r:TrellisImportRun) RETURN r.body AS body ORDER BY r.startedAt DESC, r.id DESC LIMIT $limit`;

const separator = '\u0000';
const keyOf = (scope: string, subject: string) => `${scope}${separator}${subject}`;

/** The number of committed batches that wrote anything. */
export async function readWriteVersion(tx: ManagedTransaction): Promise<number> {
  return ((await tx.run(readVersion)).records[0]?.get('version') as number | undefined) ?? 0;
}

/** Throws ConflictError when the batch was planned against an older state (call after taking the lock). */
export async function checkWriteVersion(tx: ManagedTransaction, batch: Batch): Promise<void> {
  if (batch.expectedVersion === undefined) return;
  const version = await readWriteVersion(tx);
  if (version !== batch.expectedVersion && !(batch.rebase && planStillHolds(batch.rebase, await readHistorySince(tx, batch.rebase.readAfterSeq), version))) {
    throw new ConflictError(`the store changed while this write was planned (version ${batch.expectedVersion}, now ${version}); plan again`, version);
  }
}

/** History entries after `seq`, oldest first, as the rebase rule reads them (one more than it looks at, to know there are too many). */
async function readHistorySince(tx: ManagedTransaction, seq: number): Promise<WrittenEntry[]> {
  const records = (await tx.run(historySince, { seq: neo4j.int(seq), limit: neo4j.int(entriesLookedAtMost + 1) })).records;
  return records.map((record) => ({ source: record.get('source') as string, key: record.get('key') as string, batchId: record.get('batchId') as string }));
}

export async function bumpWriteVersion(tx: ManagedTransaction): Promise<void> {
  await tx.run(bumpVersion);
}

/** Writes the batch's assertion changes, scope marks (at `lastSeq`) and run record; true when it wrote anything. */
export async function writeLedger(tx: ManagedTransaction, batch: Batch, lastSeq: number, wrote: (rows: number) => void = () => {}): Promise<boolean> {
  const rows = (batch.assertions?.upsert ?? []).map((a) => {
    const to = a.kind === 'relationship' ? relationshipKeyOfText(a.subject).to : null;
    return { key: keyOf(a.scope, a.subject), scope: a.scope, subject: a.subject, kind: a.kind, toId: to, body: canonicalJson(a.body) };
  });
  for (const chunk of chunks(rows)) {
    await tx.run(upsertAssertions, { rows: chunk });
    wrote(chunk.length);
  }
  const keys = (batch.assertions?.withdraw ?? []).map((a) => keyOf(a.scope, a.subject));
  for (const chunk of chunks(keys)) {
    await tx.run(withdrawAssertions, { keys: chunk });
    wrote(chunk.length);
  }
  // The write version once this batch is in: the caller bumps it after writing the ledger.
  const version = neo4j.int((await readWriteVersion(tx)) + 1);
  const reconciled = batch.assertions?.reconciled ?? [];
  if (reconciled.length) await tx.run(markScopes, { marks: reconciled, seq: neo4j.int(lastSeq), version });
  const unmarked = scopesWrittenNotReconciled(batch);
  if (unmarked.length) await tx.run(unmarkScopes, { scopes: unmarked });
  const settings = batch.assertions?.settings;
  if (settings !== undefined) await tx.run(recordMergeSettings, { settings, version });
  const run = batch.importRun;
  if (run) await tx.run(createImportRun, { id: run.id, startedAt: run.startedAt, body: JSON.stringify(run) });
  return Boolean(rows.length || keys.length || reconciled.length || settings || run);
}

/** Assertions in the scopes or about the subjects, each once, in (scope, subject) order. */
export async function readAssertionNodes(tx: ManagedTransaction, query: AssertionQuery): Promise<StoredAssertion[]> {
  const found = new Map<string, StoredAssertion>();
  const except = [...(query.exceptScopes ?? [])];
  const add = (get: (key: string) => unknown) => {
    const [scope, subject] = [get('scope') as string, get('subject') as string];
    found.set(keyOf(scope, subject), storedAssertion(scope, subject, get('kind') as string, get('body') as string));
  };
  for (const chunk of chunks([...new Set(query.scopes ?? [])])) {
    for (const record of (await tx.run(assertionsInScopes, { scopes: chunk, except, separator })).records) add((key) => record.get(key));
  }
  for (const chunk of chunks([...new Set(query.subjects ?? [])])) {
    for (const record of (await tx.run(assertionsAbout, { subjects: chunk, except })).records) add((key) => record.get(key));
  }
  for (const chunk of chunks([...new Set(query.touching ?? [])])) {
    for (const record of (await tx.run(assertionsTouching, { ids: chunk, except })).records) add((key) => record.get(key));
  }
  return [...found.values()].sort((a, b) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
}

/** The marks of the scopes that have one (see ScopeMark). */
export async function readScopeMarks(tx: ManagedTransaction, scopes: readonly string[]): Promise<Map<string, ScopeMark>> {
  const records = (await tx.run(scopeMarks, { scopes: [...scopes] })).records;
  return new Map(records.map((record) => [record.get('scope') as string, {
    seq: Number(record.get('seq')), version: Number(record.get('version') ?? -1), digest: String(record.get('digest') ?? ''),
  }]));
}

/** The merge settings of the latest runs (see MergeSettingsMark), if any run recorded them. */
export async function readMergeSettings(tx: ManagedTransaction): Promise<MergeSettingsMark | undefined> {
  const record = (await tx.run(readMergeSettingsQuery)).records[0];
  const fingerprint = record?.get('fingerprint') as string | null | undefined;
  return fingerprint ? { fingerprint, since: Number(record!.get('since')) } : undefined;
}

/** Keys of history entries after `seq`, each once; undefined past `limit`. */
export async function readHistoryKeysAfter(tx: ManagedTransaction, seq: number, limit: number): Promise<string[] | undefined> {
  const records = (await tx.run(historyKeysAfter, { seq: neo4j.int(seq), limit: neo4j.int(limit + 1) })).records;
  return records.length > limit ? undefined : records.map((record) => record.get('key') as string);
}

/** Import runs, newest first. */
export async function readImportRuns(tx: ManagedTransaction, limit: number): Promise<ImportRun[]> {
  const records = (await tx.run(listImportRuns, { limit: neo4j.int(limit) })).records;
  return records.map((record) => JSON.parse(record.get('body') as string) as ImportRun);
}

const createProposal = `CREATE (:TrellisProposal {id: $id, createdAt: $createdAt, body: $body})`;
const listProposals = `MATCH (p:TrellisProposal) RETURN p.body AS body ORDER BY p.createdAt DESC, p.id DESC LIMIT $limit`;
const proposalById = `MATCH (p:TrellisProposal {id: $id}) RETURN p.body AS body`;

/** Proposals: kept as documents, newest first. */
export async function insertProposal(tx: ManagedTransaction, proposal: PlanProposal): Promise<void> {
  await tx.run(createProposal, { id: proposal.id, createdAt: proposal.createdAt, body: JSON.stringify(proposal) });
}

export async function readProposals(tx: ManagedTransaction, limit: number, id?: string): Promise<PlanProposal[]> {
  const records = (id === undefined ? await tx.run(listProposals, { limit: neo4j.int(limit) }) : await tx.run(proposalById, { id })).records;
  return records.map((record) => JSON.parse(record.get('body') as string) as PlanProposal);
}
