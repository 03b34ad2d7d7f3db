import type { ManagedTransaction } from 'neo4j-driver';
import type { IncidentRecord } from '../../../schema/incidents.ts';
import { changesOf, incidentNumberOf, type IncidentQuery, type StoredIncident } from '../IncidentLedger.ts';

/** Constraints and indexes of incidents: nodes beside the graph, never labelled CI. */
export const incidentSchemaStatements = [
  'CREATE CONSTRAINT trellis_incident_number IF NOT EXISTS FOR (i:TrellisIncident) REQUIRE i.number IS UNIQUE',
  'CREATE INDEX trellis_incident_opened IF NOT EXISTS FOR (i:TrellisIncident) ON (i.openedAt)',
];

// The counter node serializes creators, so two incidents never get one number.
const insertIncidentCypher = `
MERGE (k:TrellisCounter {name: 'incident'}) ON CREATE SET k.value = 0
SET k.value = k.value + 1
WITH k.value AS number
CREATE (i:TrellisIncident {number: number, state: $state, openedAt: $openedAt, affected: $affected, changes: $changes, version: 1, body: $body})
RETURN number`;

/** Keeps a new incident under the next number, inside the caller's write transaction. */
export async function insertIncident(tx: ManagedTransaction, draft: Omit<IncidentRecord, 'id'>): Promise<StoredIncident> {
  // The body has no id until the counter gives the number: readers add it back.
  const result = await tx.run(insertIncidentCypher, { ...propertiesOf({ ...draft, id: 'INC-0' }), body: JSON.stringify(draft) });
  const number = result.records[0]!.get('number') as number;
  return { incident: { id: `INC-${number}`, ...draft }, version: 1 };
}

/** Rewrites an incident at `version`, inside the caller's write transaction. */
export async function updateIncident(tx: ManagedTransaction, incident: IncidentRecord, version: number): Promise<StoredIncident> {
  const { id: _id, ...body } = incident;
  await tx.run('MATCH (i:TrellisIncident {number: $number}) SET i.state = $state, i.openedAt = $openedAt, i.affected = $affected, i.changes = $changes, i.version = $version, i.body = $body', {
    ...propertiesOf(incident), number: incidentNumberOf(incident.id), version, body: JSON.stringify(body),
  });
  return { incident, version };
}

/** An incident by id; read inside a write transaction with `lock`, it locks the incident until the transaction ends. */
export async function selectIncident(tx: ManagedTransaction, id: string, lock = false): Promise<StoredIncident | undefined> {
  const result = await tx.run(`MATCH (i:TrellisIncident {number: $number}) ${lock ? 'SET i.version = i.version' : ''} RETURN i.number AS number, i.version AS version, i.body AS body`, { number: incidentNumberOf(id) });
  const record = result.records[0];
  return record && storedOf(record.get('number') as number, record.get('version') as number, record.get('body') as string);
}

/** Incidents matching a query, newest first. */
export async function selectIncidents(tx: ManagedTransaction, query: IncidentQuery): Promise<StoredIncident[]> {
  const conditions = [
    query.states !== undefined && 'i.state IN $states',
    query.affected !== undefined && '$affected IN i.affected',
    query.change !== undefined && '$change IN i.changes',
    query.openedFrom !== undefined && 'i.openedAt >= $openedFrom',
    query.openedUntil !== undefined && 'i.openedAt < $openedUntil',
    query.beforeNumber !== undefined && 'i.number < $beforeNumber',
  ].filter(Boolean);
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const result = await tx.run(`MATCH (i:TrellisIncident) ${where} RETURN i.number AS number, i.version AS version, i.body AS body ORDER BY i.number DESC LIMIT toInteger($limit)`, {
    states: query.states ?? null, affected: query.affected ?? null, change: query.change ?? null,
    openedFrom: query.openedFrom && new Date(query.openedFrom).toISOString(), openedUntil: query.openedUntil && new Date(query.openedUntil).toISOString(),
    beforeNumber: query.beforeNumber ?? null, limit: query.limit,
  });
  return result.records.map((record) => storedOf(record.get('number') as number, record.get('version') as number, record.get('body') as string));
}

function propertiesOf(incident: IncidentRecord): { state: string; openedAt: string; affected: string[]; changes: string[] } {
  return { state: incident.state, openedAt: new Date(incident.openedAt).toISOString(), affected: incident.affected, changes: changesOf(incident) };
}

function storedOf(number: number, version: number, body: string): StoredIncident {
  return { incident: { id: `INC-${number}`, ...(JSON.parse(body) as Omit<IncidentRecord, 'id'>) }, version };
}
