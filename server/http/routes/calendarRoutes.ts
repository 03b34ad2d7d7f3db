import { z } from 'zod';
import { calendarEntrySchema, freezeSchema, maintenanceWindowSchema } from '../../../schema/calendar.ts';
import { changeStates, changeTypes } from '../../../schema/changes.ts';
import { riskClasses } from '../../../schema/changeRisk.ts';
import { changeCalendar } from '../../changes/changeCalendar.ts';
import { InvalidError, NotFoundError } from '../../errors.ts';
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

/** The change calendar: its records (maintenance windows, freezes) and the schedule. Declared before /changes/{id}, which would take "calendar" for an id. */
export function calendarRoutes(store: GraphStore): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/api/v1/changes/calendar', operationId: 'changeCalendar', tag: 'Changes', permission: 'read',
      summary: 'The schedule between two instants: changes (with conflicts and collisions), freezes, and maintenance windows as they open',
      query: span,
      responses: { 200: { description: 'The calendar.', schema: calendarSchema } },
      handler: async ({ query }) => ({ body: await changeCalendar(store, query.from, query.to) }),
    }),
    defineRoute({
      method: 'get', path: '/api/v1/calendar/entries', operationId: 'listCalendarEntries', tag: 'Changes', permission: 'read',
      summary: 'Maintenance windows and freezes, by id',
      responses: { 200: { description: 'Every entry.', schema: z.object({ items: z.array(z.union([maintenanceWindowSchema, freezeSchema])) }) } },
      handler: async () => ({ body: { items: await store.listCalendarEntries() } }),
    }),
    defineRoute({
      method: 'put', path: '/api/v1/calendar/entries/{id}', operationId: 'saveCalendarEntry', tag: 'Changes', permission: 'approve',
      summary: 'Create or replace a maintenance window or freeze (change managers)',
      params: entryParams,
      body: { schema: calendarEntrySchema, formats: ['json'] },
      responses: { 200: { description: 'Saved.', schema: z.union([maintenanceWindowSchema, freezeSchema]) } },
      handler: async (input) => {
        if (input.body.id !== input.params.id) throw new InvalidError([{ entry: 'body', field: 'id', message: `the body's id "${input.body.id}" differs from the URL's "${input.params.id}"` }]);
        const what = input.body.kind === 'freeze' ? `freeze "${input.body.name}"` : `maintenance window "${input.body.name}" of ${input.body.service}`;
        await store.saveCalendarEntry(input.body, { ...auditContextOf(input), action: 'calendar.save', target: `calendar:${input.params.id}`, summary: what });
        return { body: input.body };
      },
    }),
    defineRoute({
      method: 'delete', path: '/api/v1/calendar/entries/{id}', operationId: 'deleteCalendarEntry', tag: 'Changes', permission: 'approve',
      summary: 'Remove a maintenance window or freeze (change managers)',
      params: entryParams,
      responses: { 204: { description: 'Removed.' }, 404: problem('No entry has this id.') },
      handler: async (input) => {
        const removed = await store.deleteCalendarEntry(input.params.id, { ...auditContextOf(input), action: 'calendar.delete', target: `calendar:${input.params.id}` });
        if (!removed) throw new NotFoundError(`no calendar entry has the id "${input.params.id}"`, [input.params.id]);
        return { status: 204 };
      },
    }),
  ];
}
