import type { ManagedTransaction } from 'neo4j-driver';
import type { CalendarEntry } from '../../../schema/calendar.ts';
import type { ChangeTemplate } from '../../../schema/changeTemplates.ts';
import type { ChangeRecord } from '../../../schema/changes.ts';
import { changeNumberOf, utcWindowOf, type ChangeQuery, type StoredChange } from '../ChangeLedger.ts';

/** Constraints and indexes of change records: nodes beside the graph, never labelled CI. */
export const changeSchemaStatements = [
  'CREATE CONSTRAINT trellis_change_number IF NOT EXISTS FOR (c:TrellisChange) REQUIRE c.number IS UNIQUE',
  'CREATE INDEX trellis_change_window IF NOT EXISTS FOR (c:TrellisChange) ON (c.windowStart)',
  'CREATE CONSTRAINT trellis_calendar_entry_id IF NOT EXISTS FOR (e:TrellisCalendarEntry) REQUIRE e.id IS UNIQUE',
  'CREATE CONSTRAINT trellis_change_template_id IF NOT EXISTS FOR (t:TrellisChangeTemplate) REQUIRE t.id IS UNIQUE',
];

// The counter node serializes creators, so two changes never get one number.
const insertChangeCypher = `
MERGE (k:TrellisCounter {name: 'change'}) ON CREATE SET k.value = 0
SET k.value = k.value + 1
WITH k.value AS number
CREATE (c:TrellisChange {number: number, state: $state, windowStart: $start, windowEnd: $end, targets: $targets, version: 1, body: $body})
RETURN number`;

/** Keeps a new change under the next number, inside the caller's write transaction. */
export async function insertChange(tx: ManagedTransaction, draft: Omit<ChangeRecord, 'id'>): Promise<StoredChange> {
  const { start, end } = utcWindowOf({ ...draft, id: 'CHG-0' });
  // The body has no id until the counter gives the number: readers add it back.
  const result = await tx.run(insertChangeCypher, { state: draft.state, start, end, targets: draft.targets.map((t) => t.id), body: JSON.stringify(draft) });
  const number = result.records[0]!.get('number') as number;
  return { change: { id: `CHG-${number}`, ...draft }, version: 1 };
}

/** Rewrites a change at `version`, inside the caller's write transaction. */
export async function updateChange(tx: ManagedTransaction, change: ChangeRecord, version: number): Promise<StoredChange> {
  const { start, end } = utcWindowOf(change);
  const { id: _id, ...body } = change;
  await tx.run('MATCH (c:TrellisChange {number: $number}) SET c.state = $state, c.windowStart = $start, c.windowEnd = $end, c.targets = $targets, c.version = $version, c.body = $body', {
    number: changeNumberOf(change.id), state: change.state, start, end, targets: change.targets.map((t) => t.id), version, body: JSON.stringify(body),
  });
  return { change, version };
}

/** A change by id; read inside a write transaction, it locks the change until the transaction ends. */
export async function selectChange(tx: ManagedTransaction, id: string, lock = false): Promise<StoredChange | undefined> {
  const result = await tx.run(`MATCH (c:TrellisChange {number: $number}) ${lock ? 'SET c.version = c.version' : ''} RETURN c.number AS number, c.version AS version, c.body AS body`, { number: changeNumberOf(id) });
  const record = result.records[0];
  return record && storedOf(record.get('number') as number, record.get('version') as number, record.get('body') as string);
}

/** Changes matching a query, newest first. */
export async function selectChanges(tx: ManagedTransaction, query: ChangeQuery): Promise<StoredChange[]> {
  const conditions = [
    query.states !== undefined && 'c.state IN $states',
    query.from !== undefined && 'c.windowEnd > $from',
    query.until !== undefined && 'c.windowStart < $until',
    query.target !== undefined && '$target IN c.targets',
    query.beforeNumber !== undefined && 'c.number < $beforeNumber',
  ].filter(Boolean);
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const result = await tx.run(`MATCH (c:TrellisChange) ${where} RETURN c.number AS number, c.version AS version, c.body AS body ORDER BY c.number DESC LIMIT toInteger($limit)`, {
    states: query.states ?? null, from: query.from && new Date(query.from).toISOString(), until: query.until && new Date(query.until).toISOString(),
    target: query.target ?? null, beforeNumber: query.beforeNumber ?? null, limit: query.limit,
  });
  return result.records.map((record) => storedOf(record.get('number') as number, record.get('version') as number, record.get('body') as string));
}

function storedOf(number: number, version: number, body: string): StoredChange {
  return { change: { id: `CHG-${number}`, ...(JSON.parse(body) as Omit<ChangeRecord, 'id'>) }, version };
}

/** The labels of records kept whole as JSON by id: calendar entries and standard-change templates. */
export type RecordLabel = 'TrellisCalendarEntry' | 'TrellisChangeTemplate';

// Labels cannot be parameters; these come from the closed RecordLabel type, never from input.
/** Keeps a record, replacing the one with its id. */
export async function upsertRecord(tx: ManagedTransaction, label: RecordLabel, record: CalendarEntry | ChangeTemplate): Promise<void> {
  await tx.run(`MERGE (e:${label} {id: $id}) SET e.body = $body`, { id: record.id, body: JSON.stringify(record) });
}

/** Removes a record; false when there was none. */
export async function removeRecord(tx: ManagedTransaction, label: RecordLabel, id: string): Promise<boolean> {
  const result = await tx.run(`MATCH (e:${label} {id: $id}) DELETE e RETURN count(*) AS removed`, { id });
  return (result.records[0]?.get('removed') as number | undefined ?? 0) > 0;
}

/** Every record with a label, by id. */
export async function selectRecords<T>(tx: ManagedTransaction, label: RecordLabel): Promise<T[]> {
  const result = await tx.run(`MATCH (e:${label}) RETURN e.body AS body ORDER BY e.id`);
  return result.records.map((record) => JSON.parse(record.get('body') as string) as T);
}
