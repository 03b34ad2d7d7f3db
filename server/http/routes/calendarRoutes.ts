import { z } from 'zod';
import { freezeBodySchema, freezeSchema, maintenanceWindowBodySchema, maintenanceWindowSchema, type CalendarEntry } from '../../../schema/calendar.ts';
import { changeStates, changeTypes } from '../../../schema/changes.ts';
import { riskClasses } from '../../../schema/changeRisk.ts';
import { changeCalendar } from '../../changes/changeCalendar.ts';
import { ConflictError, InvalidError, NotFoundError } from '../../errors.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { problem } from '../api/commonSchemas.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';
import { auditContextOf } from '../writeContext.ts';

const entryParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a calendar entry id') });
const span = z.strictObject({
  from: z.iso.datetime({ offset: true }).meta({ description: 'Start of the span (ISO instant).' }),
  to: z.iso.datetime({ offset: true }).meta({ description: 'End of the span; at most 92 days after from.' }),
});
const instant = z.iso.datetime({ offset: true });
const calendarSchema = z.object({
  from: instant,
  to: instant,
  changes: z.array(z.object({
    id: z.string(), title: z.string(), type: z.enum(changeTypes), state: z.enum(changeStates),
    window: z.object({ start: instant, end: instant, timeZone: z.string() }),
    risk: z.enum(riskClasses).optional(), conflicts: z.array(z.string()), collisions: z.array(z.string()),
  })),
  freezes: z.array(freezeSchema),
  maintenance: z.array(z.object({ id: z.string(), name: z.string(), service: z.string(), opens: z.array(z.object({ start: instant, end: instant })) })),
  truncated: z.boolean(),
}).meta({ id: 'ChangeCalendar', description: 'Changes with their conflicts and collisions, freezes, and maintenance windows as they open, between two instants.' });

/** The change calendar: its records (maintenance windows, freezes, each a collection) and the schedule. Declared before /changes/{id}, which would take "calendar" for an id. */
export function calendarRoutes(store: GraphStore): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/api/v1/changes/calendar', operationId: 'changeCalendar', tag: 'Changes', permission: 'read',
      summary: 'The schedule between two instants: changes (with conflicts and collisions), freezes, and maintenance windows as they open',
      query: span,
      responses: { 200: { description: 'The calendar.', schema: calendarSchema } },
      handler: async ({ query }) => ({ body: await changeCalendar(store, query.from, query.to) }),
    }),
    ...entryRoutes(store, { path: '/api/v1/maintenance-windows', noun: 'maintenance window', kind: 'maintenance', schema: maintenanceWindowSchema, body: maintenanceWindowBodySchema }),
    ...entryRoutes(store, { path: '/api/v1/freezes', noun: 'freeze', kind: 'freeze', schema: freezeSchema, body: freezeBodySchema }),
  ];
}

/** One kind of calendar record as a collection: read by anyone, kept by change managers. */
interface EntryCollection<K extends CalendarEntry['kind']> {
  path: string;
  noun: string;
  kind: K;
  schema: z.ZodType<Extract<CalendarEntry, { kind: K }>>;
  body: z.ZodType<Extract<CalendarEntry, { kind: K }>>;
}

function entryRoutes<K extends CalendarEntry['kind']>(store: GraphStore, collection: EntryCollection<K>): RouteSpec[] {
  const { path, noun, kind } = collection;
  const name = noun.replace(/(^| )(\w)/g, (_, space: string, letter: string) => letter.toUpperCase());
  const find = async (id: string) => (await store.listCalendarEntries()).find((entry) => entry.id === id && entry.kind === kind);
  return [
    defineRoute({
      method: 'get', path, operationId: `list${name}s`, tag: 'Changes', permission: 'read',
      summary: `Every ${noun}, by id`,
      responses: { 200: { description: `Every ${noun}.`, schema: z.object({ items: z.array(collection.schema) }) } },
      handler: async () => ({ body: { items: (await store.listCalendarEntries()).filter((entry) => entry.kind === kind) } }),
    }),
    defineRoute({
      method: 'put', path: `${path}/{id}`, operationId: `save${name}`, tag: 'Changes', permission: 'approve',
      summary: `Create or replace a ${noun} (change managers)`,
      params: entryParams,
      body: { schema: collection.body, formats: ['json'] },
      responses: { 200: { description: 'Saved.', schema: collection.schema }, 409: problem('The id belongs to a calendar record of the other kind.') },
      handler: async (input) => {
        const entry = input.body as CalendarEntry;
        if (entry.id !== input.params.id) throw new InvalidError([{ entry: 'body', field: 'id', message: `the body's id "${entry.id}" differs from the URL's "${input.params.id}"` }]);
        const other = (await store.listCalendarEntries()).find((e) => e.id === entry.id && e.kind !== kind);
        if (other) throw new ConflictError(`"${entry.id}" is the id of a ${other.kind === 'freeze' ? 'freeze' : 'maintenance window'}: choose another id`);
        const what = entry.kind === 'freeze' ? `freeze "${entry.name}"` : `maintenance window "${entry.name}" of ${entry.service}`;
        await store.saveCalendarEntry(entry, { ...auditContextOf(input), action: 'calendar.save', target: `calendar:${entry.id}`, summary: what });
        return { body: entry };
      },
    }),
    defineRoute({
      method: 'delete', path: `${path}/{id}`, operationId: `delete${name}`, tag: 'Changes', permission: 'approve',
      summary: `Remove a ${noun} (change managers)`,
      params: entryParams,
      responses: { 204: { description: 'Removed.' }, 404: problem(`No ${noun} has this id.`) },
      handler: async (input) => {
        if (!(await find(input.params.id))) throw new NotFoundError(`no ${noun} has the id "${input.params.id}"`, [input.params.id]);
        await store.deleteCalendarEntry(input.params.id, { ...auditContextOf(input), action: 'calendar.delete', target: `calendar:${input.params.id}` });
        return { status: 204 };
      },
    }),
  ];
}
