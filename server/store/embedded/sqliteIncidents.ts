import type { IncidentRecord } from '../../../schema/incidents.ts';
import { changesOf, incidentNumberOf, type IncidentQuery, type StoredIncident } from '../IncidentLedger.ts';
import type { SqlAccess } from './sqliteBatchWriter.ts';

/** Tables of incidents (see IncidentLedger): the record as JSON, with what queries select on beside it. */
export const incidentTablesSql = `
CREATE TABLE IF NOT EXISTS incident (
  number     INTEGER PRIMARY KEY,
  state      TEXT NOT NULL,
  opened_at  TEXT NOT NULL,     -- UTC ISO instant
  version    INTEGER NOT NULL,
  body       TEXT NOT NULL      -- the IncidentRecord as JSON
);
CREATE INDEX IF NOT EXISTS incident_opened ON incident (opened_at);
CREATE TABLE IF NOT EXISTS incident_ci (
  ci_id   TEXT NOT NULL,
  number  INTEGER NOT NULL,
  PRIMARY KEY (ci_id, number)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS incident_change (
  change_id  TEXT NOT NULL,
  number     INTEGER NOT NULL,
  PRIMARY KEY (change_id, number)
) WITHOUT ROWID;
`;

/** Keeps a new incident under the next number, inside the caller's write transaction. */
export function insertIncident(sql: SqlAccess, draft: Omit<IncidentRecord, 'id'>): StoredIncident {
  const { number } = sql.statement('SELECT COALESCE(MAX(number), 0) + 1 AS number FROM incident').get() as { number: number };
  const incident: IncidentRecord = { id: `INC-${number}`, ...draft };
  sql.statement('INSERT INTO incident (state, opened_at, version, body, number) VALUES (?, ?, ?, ?, ?)').run(...rowOf(incident, 1));
  writeLinks(sql, incident);
  return { incident, version: 1 };
}

/** Rewrites an incident at `version`, inside the caller's write transaction. */
export function updateIncident(sql: SqlAccess, incident: IncidentRecord, version: number): StoredIncident {
  sql.statement('UPDATE incident SET state = ?, opened_at = ?, version = ?, body = ? WHERE number = ?').run(...rowOf(incident, version));
  writeLinks(sql, incident);
  return { incident, version };
}

export function selectIncident(sql: SqlAccess, id: string): StoredIncident | undefined {
  const row = sql.statement('SELECT version, body FROM incident WHERE number = ?').get(incidentNumberOf(id)) as Row | undefined;
  return row && storedOf(row);
}

/** Incidents matching a query, newest first. */
export function selectIncidents(sql: SqlAccess, query: IncidentQuery): StoredIncident[] {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, value: string | number) => {
    clauses.push(clause);
    params.push(value);
  };
  if (query.states !== undefined) add('state IN (SELECT value FROM json_each(?))', JSON.stringify(query.states));
  if (query.affected !== undefined) add('number IN (SELECT number FROM incident_ci WHERE ci_id = ?)', query.affected);
  if (query.change !== undefined) add('number IN (SELECT number FROM incident_change WHERE change_id = ?)', query.change);
  if (query.openedFrom !== undefined) add('opened_at >= ?', new Date(query.openedFrom).toISOString());
  if (query.openedUntil !== undefined) add('opened_at < ?', new Date(query.openedUntil).toISOString());
  if (query.beforeNumber !== undefined) add('number < ?', query.beforeNumber);
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  return (sql.statement(`SELECT version, body FROM incident ${where} ORDER BY number DESC LIMIT ?`).all(...params, query.limit) as unknown as Row[]).map(storedOf);
}

interface Row {
  version: number;
  body: string;
}

function storedOf(row: Row): StoredIncident {
  return { incident: JSON.parse(row.body) as IncidentRecord, version: row.version };
}

function rowOf(incident: IncidentRecord, version: number): [string, string, number, string, number] {
  return [incident.state, new Date(incident.openedAt).toISOString(), version, JSON.stringify(incident), incidentNumberOf(incident.id)];
}

function writeLinks(sql: SqlAccess, incident: IncidentRecord): void {
  const number = incidentNumberOf(incident.id);
  sql.statement('DELETE FROM incident_ci WHERE number = ?').run(number);
  sql.statement('DELETE FROM incident_change WHERE number = ?').run(number);
  const ci = sql.statement('INSERT OR IGNORE INTO incident_ci (ci_id, number) VALUES (?, ?)');
  for (const id of incident.affected) ci.run(id, number);
  const change = sql.statement('INSERT OR IGNORE INTO incident_change (change_id, number) VALUES (?, ?)');
  for (const id of changesOf(incident)) change.run(id, number);
}
