import { z } from 'zod';
import type { RiskClass } from './changeRisk.ts';
import type { ChangeState, ChangeType, ChangeWindow } from './changes.ts';
import { ciIdSchema } from './identifiers.ts';
import { timeZoneSchema, wellFormedText } from './text.ts';

/**
 * The change calendar's own records: maintenance windows (when a service may be
 * changed, every week) and freezes (when nothing, or a list of services, may
 * be changed). Changes whose window falls outside the one or inside the other
 * are riskier (the `outsideMaintenance` risk factor).
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const entryId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and "-" (1-63)');
const name = wellFormedText(200).regex(/\S/, 'a name is required');
const maintenanceFields = {
  id: entryId,
  name,
  service: ciIdSchema.meta({ description: 'The service (or any CI) the window is for.' }),
  days: z.array(z.enum(weekdays)).min(1).max(7).meta({ description: 'The weekdays it opens on, in its time zone.' }),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM').meta({ description: 'When it opens, local time.' }),
  durationMinutes: z.int().min(1).max(24 * 60).meta({ description: 'How long it stays open.' }),
  timeZone: timeZoneSchema,
};
export const maintenanceWindowSchema = z.strictObject({ kind: z.literal('maintenance'), ...maintenanceFields });
/** As PUT to /api/v1/maintenance-windows/{id}: the kind is the collection's. */
export const maintenanceWindowBodySchema = z.strictObject({ kind: z.literal('maintenance').default('maintenance'), ...maintenanceFields });
export type MaintenanceWindow = z.output<typeof maintenanceWindowSchema>;

const freezeFields = {
  id: entryId,
  name,
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  services: z.array(ciIdSchema).max(1000).optional().meta({ description: 'The services it freezes; absent: everything.' }),
};
const endsAfterStart = (freeze: { start: string; end: string }) => Date.parse(freeze.start) < Date.parse(freeze.end);
const freezeOrder = { message: 'the freeze must end after it starts', path: ['end'] };
export const freezeSchema = z.strictObject({ kind: z.literal('freeze'), ...freezeFields }).refine(endsAfterStart, freezeOrder);
/** As PUT to /api/v1/freezes/{id}: the kind is the collection's. */
export const freezeBodySchema = z.strictObject({ kind: z.literal('freeze').default('freeze'), ...freezeFields }).refine(endsAfterStart, freezeOrder);
export type Freeze = z.output<typeof freezeSchema>;

export const calendarEntrySchema = z.union([maintenanceWindowSchema, freezeSchema]);
export type CalendarEntry = MaintenanceWindow | Freeze;

/** A change as the calendar lists it: with its risk class and what its assessment found it clashes with. */
export interface CalendarChange {
  id: string;
  title: string;
  type: ChangeType;
  state: ChangeState;
  window: ChangeWindow;
  risk?: RiskClass;
  conflicts: string[];
  collisions: string[];
}

/** The schedule between two instants: changes, freezes, and maintenance windows as they open. */
export interface ChangeCalendar {
  from: string;
  to: string;
  changes: CalendarChange[];
  freezes: Freeze[];
  maintenance: { id: string; name: string; service: string; opens: { start: string; end: string }[] }[];
  /** True when more changes fall in the span than one calendar shows (limits.pageSizeMax). */
  truncated: boolean;
}
