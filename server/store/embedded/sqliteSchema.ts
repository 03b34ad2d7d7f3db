import type { DatabaseSync } from 'node:sqlite';
import { accessTablesSql } from './sqliteAccess.ts';
import { changeTablesSql } from './sqliteChanges.ts';
import { incidentTablesSql } from './sqliteIncidents.ts';
import { prepareSearchIndex } from './sqliteSearch.ts';

/**
 * Tables of the embedded store. The SQLite file is the durable truth; the
 * in-memory adjacency index is rebuilt from it at start-up and kept in step
 * with the history table.
 */
export const schemaVersion = 3;

/*
 * Version 2: history keeps no values after a write, and relationship starts are
 * found through keys (server/history/restoreAfterValues.ts), which a version-1
 * Trellis would misread; it refuses the store. A version-1 store is upgraded in
 * place: version 2 reads its rows as they are.
 *
 * Version 3: a trigram index of ids and names for search (sqliteSearch.ts),
 * kept by triggers; a version-2 Trellis would write CIs past it. A version-2
 * store gains the index, filled from its CIs, when it is opened.
 */

/**
 * Creates or upgrades the tables, or refuses a store that a newer Trellis wrote
 * (before touching anything in it).
 */
export function prepareSchema(db: DatabaseSync): void {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  const stored = hasMeta ? (db.prepare("SELECT value FROM meta WHERE key = 'schemaVersion'").get() as { value: string } | undefined)?.value : undefined;
  if (stored !== undefined && !(Number(stored) <= schemaVersion)) {
    throw new Error(`it has schema version ${stored}; this Trellis reads versions up to ${schemaVersion}`);
  }
  discardOldScopeMarks(db);
  db.exec(createTablesSql);
  db.exec(accessTablesSql);
  db.exec(changeTablesSql);
  db.exec(incidentTablesSql);
  prepareSearchIndex(db);
  db.prepare("INSERT INTO meta (key, value) VALUES ('schemaVersion', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(schemaVersion));
}

/**
 * Run before createTablesSql. Scope marks written by development builds before marks carried a write
 * version (and their first table, scope_mark) say nothing reliable: they go,
 * and the next run over those scopes plans in full.
 */
function discardOldScopeMarks(db: DatabaseSync): void {
  const columns = db.prepare("SELECT name FROM pragma_table_info('scope_reconciled')").all() as { name: string }[];
  if (columns.length && !columns.some((column) => column.name === 'version')) db.exec('DROP TABLE scope_reconciled');
  db.exec('DROP TABLE IF EXISTS scope_mark');
}

export const createTablesSql = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS ci (
  id          TEXT PRIMARY KEY,
  type        TEXT NOT NULL,
  name        TEXT NOT NULL,
  name_folded TEXT NOT NULL,   -- lower-cased by JavaScript so search folds case like Neo4j's toLower
  attributes  TEXT NOT NULL,   -- canonical JSON (sorted keys)
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  source      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ci_type ON ci (type, id);

CREATE TABLE IF NOT EXISTS relationship (
  from_id    TEXT NOT NULL,
  type       TEXT NOT NULL,
  to_id      TEXT NOT NULL,
  strength   TEXT,             -- 'soft' or NULL (hard)
  attributes TEXT,             -- canonical JSON or NULL
  PRIMARY KEY (from_id, type, to_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS relationship_to ON relationship (to_id, type, from_id);

CREATE TABLE IF NOT EXISTS history (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  batch_id  TEXT NOT NULL,
  actor     TEXT NOT NULL,
  source    TEXT NOT NULL,
  entity    TEXT NOT NULL,     -- 'ci' | 'relationship'
  key       TEXT NOT NULL,
  from_id   TEXT,              -- written by earlier versions only: the key begins with it
  to_id     TEXT,              -- relationship entries: the far end, to find them by CI
  operation TEXT NOT NULL,
  before    TEXT,
  after     TEXT               -- written by earlier versions only: see restoreAfterValues
);
CREATE INDEX IF NOT EXISTS history_key ON history (key, seq);
DROP INDEX IF EXISTS history_from;
CREATE INDEX IF NOT EXISTS history_to ON history (to_id, seq) WHERE to_id IS NOT NULL;

-- What each source scope asserts about a CI (subject = id) or relationship (subject = key text).
CREATE TABLE IF NOT EXISTS assertion (
  scope   TEXT NOT NULL,
  subject TEXT NOT NULL,
  kind    TEXT NOT NULL,     -- 'ci' | 'relationship'
  from_id TEXT,              -- written by earlier versions only: the subject begins with it
  to_id   TEXT,              -- relationship assertions: the far end, to find those waiting for a CI
  body    TEXT NOT NULL,     -- canonical JSON: the source's own view
  PRIMARY KEY (scope, subject)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS assertion_subject ON assertion (subject, scope);
-- Relationships are found by their start through assertion_subject (their key begins with it).
DROP INDEX IF EXISTS assertion_from;
CREATE INDEX IF NOT EXISTS assertion_to ON assertion (to_id) WHERE to_id IS NOT NULL;

-- Per scope, the last run that reconciled it completely: the last history seq once
-- its batch was in, and the digest of the scope's assertions after it.
CREATE TABLE IF NOT EXISTS scope_reconciled (
  scope   TEXT PRIMARY KEY,
  seq     INTEGER NOT NULL,
  version INTEGER NOT NULL,  -- the write version once the run was in
  digest  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS import_run (
  id         TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  body       TEXT NOT NULL   -- the ImportRun record as JSON
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS import_run_started ON import_run (started_at);

CREATE TABLE IF NOT EXISTS proposal (
  id         TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  body       TEXT NOT NULL   -- the PlanProposal as JSON
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS proposal_created ON proposal (created_at);
`;
