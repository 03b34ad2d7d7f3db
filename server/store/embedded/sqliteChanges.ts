import type { CalendarEntry } from '../../../schema/calendar.ts';
import type { ChangeTemplate } from '../../../schema/changeTemplates.ts';
import type { ChangeRecord } from '../../../schema/changes.ts';
import { changeNumberOf, utcWindowOf, type ChangeQuery, type StoredChange } from '../ChangeLedger.ts';
import type { SqlAccess } from './sqliteBatchWriter.ts';

/** Tables of change records (see ChangeLedger): the record as JSON, with what queries select on beside it. */
export const changeTablesSql = `
CREATE TABLE IF NOT EXISTS change_record (
  number        INTEGER PRIMARY KEY,
  state         TEXT NOT NULL,
  window_start  TEXT NOT NULL,   -- UTC ISO instants, which compare as text
  window_end    TEXT NOT NULL,
  version       INTEGER NOT NULL,
  body          TEXT NOT NULL    -- the ChangeRecord as JSON
);
CREATE INDEX IF NOT EXISTS change_record_window ON change_record (window_start, window_end);
CREATE TABLE IF NOT EXISTS calendar_entry (
  id    TEXT PRIMARY KEY,
  body  TEXT NOT NULL            -- the CalendarEntry as JSON
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS change_template (
  id    TEXT PRIMARY KEY,
  body  TEXT NOT NULL            -- the ChangeTemplate as JSON
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS change_target (
  ci_id   TEXT NOT NULL,
  number  INTEGER NOT NULL,
  PRIMARY KEY (ci_id, number)
) WITHOUT ROWID;
`;

/** Keeps a new change under the next number, inside the caller's write transaction. */
export function insertChange(sql: SqlAccess, draft: Omit<ChangeRecord, 'id'>): StoredChange {
  const { number } = sql.statement('SELECT COALESCE(MAX(number), 0) + 1 AS number FROM change_record').get() as { number: number };
  const change: ChangeRecord = { id: `CHG-${number}`, ...draft };
  writeRow(sql, change, 1, 'INSERT INTO change_record (state, window_start, window_end, version, body, number) VALUES (?, ?, ?, ?, ?, ?)');
  writeTargets(sql, change);
  return { change, version: 1 };
}

/** Rewrites a change at `version`, inside the caller's write transaction. */
export function updateChange(sql: SqlAccess, change: ChangeRecord, version: number): StoredChange {
  writeRow(sql, change, version, 'UPDATE change_record SET state = ?, window_start = ?, window_end = ?, version = ?, body = ? WHERE number = ?');
  sql.statement('DELETE FROM change_target WHERE number = ?').run(changeNumberOf(change.id));
  writeTargets(sql, change);
  return { change, version };
}

/** A change by id. */
export function selectChange(sql: SqlAccess, id: string): StoredChange | undefined {
  const row = sql.statement('SELECT version, body FROM change_record WHERE number = ?').get(changeNumberOf(id)) as Row | undefined;
  return row && storedOf(row);
}

/** Changes matching a query, newest first. */
export function selectChanges(sql: SqlAccess, query: ChangeQuery): StoredChange[] {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, ...values: (string | number)[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (query.states !== undefined) add('state IN (SELECT value FROM json_each(?))', JSON.stringify(query.states));
  if (query.from !== undefined) add('window_end > ?', new Date(query.from).toISOString());
  if (query.until !== undefined) add('window_start < ?', new Date(query.until).toISOString());
  if (query.target !== undefined) add('number IN (SELECT number FROM change_target WHERE ci_id = ?)', query.target);
  if (query.beforeNumber !== undefined) add('number < ?', query.beforeNumber);
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const rows = sql.statement(`SELECT version, body FROM change_record ${where} ORDER BY number DESC LIMIT ?`).all(...params, query.limit) as unknown as Row[];
  return rows.map(storedOf);
}

interface Row {
  version: number;
  body: string;
}

function storedOf(row: Row): StoredChange {
  return { change: JSON.parse(row.body) as ChangeRecord, version: row.version };
}

function writeRow(sql: SqlAccess, change: ChangeRecord, version: number, statement: string): void {
  const { start, end } = utcWindowOf(change);
  sql.statement(statement).run(change.state, start, end, version, JSON.stringify(change), changeNumberOf(change.id));
}

function writeTargets(sql: SqlAccess, change: ChangeRecord): void {
  const insert = sql.statement('INSERT OR IGNORE INTO change_target (ci_id, number) VALUES (?, ?)');
  for (const target of change.targets) insert.run(target.id, changeNumberOf(change.id));
}

/** The tables of records kept whole as JSON by id: calendar entries and standard-change templates. */
export type RecordTable = 'calendar_entry' | 'change_template';

/** Keeps a record, replacing the one with its id. */
export function upsertRecord(sql: SqlAccess, table: RecordTable, record: CalendarEntry | ChangeTemplate): void {
  sql.statement(`INSERT INTO ${table} (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body`).run(record.id, JSON.stringify(record));
}

/** Removes a record; false when there was none. */
export function removeRecord(sql: SqlAccess, table: RecordTable, id: string): boolean {
  return Number(sql.statement(`DELETE FROM ${table} WHERE id = ?`).run(id).changes) > 0;
}

/** Every record of a table, by id. */
export function selectRecords<T>(sql: SqlAccess, table: RecordTable): T[] {
  return (sql.statement(`SELECT body FROM ${table} ORDER BY id`).all() as unknown as { body: string }[]).map((row) => JSON.parse(row.body) as T);
}
