import { weekdays, type Freeze, type MaintenanceWindow, type Weekday } from '../../schema/calendar.ts';
import { ApiError } from '../api/client.ts';
import { headOf, problemsByField, type FieldErrors } from '../forms/problemsByField.ts';
import { fromLocalInput, toLocalInput } from './changeForm.ts';

/** A maintenance window's form as the change manager fills it (the duration as typed). */
export interface MaintenanceFormValues {
  id: string;
  name: string;
  service: string;
  days: Weekday[];
  start: string;
  durationMinutes: string;
  timeZone: string;
}

/** A freeze's form: its span as `datetime-local` values in UTC, the services it freezes (none: everything). */
export interface FreezeFormValues {
  id: string;
  name: string;
  start: string;
  end: string;
  services: string[];
}

/** The fields of either form an error can point to. */
export type EntryField = 'id' | 'name' | 'service' | 'days' | 'start' | 'durationMinutes' | 'timeZone' | 'end' | 'services';

/** A blank maintenance window: weekday nights, 22:00 for two hours, UTC. */
export function blankMaintenance(): MaintenanceFormValues {
  return { id: '', name: '', service: '', days: ['mon', 'tue', 'wed', 'thu'], start: '22:00', durationMinutes: '120', timeZone: 'UTC' };
}

/** A blank freeze of everything, starting on `date` (YYYY-MM-DD) for a day. */
export function blankFreeze(date: string): FreezeFormValues {
  return { id: '', name: '', start: `${date}T00:00`, end: `${date}T23:59`, services: [] };
}

/** A kept maintenance window in its form, for editing. */
export function maintenanceFormOf(entry: MaintenanceWindow): MaintenanceFormValues {
  return { id: entry.id, name: entry.name, service: entry.service, days: [...entry.days], start: entry.start, durationMinutes: String(entry.durationMinutes), timeZone: entry.timeZone };
}

/** A kept freeze in its form, for editing. */
export function freezeFormOf(entry: Freeze): FreezeFormValues {
  return { id: entry.id, name: entry.name, start: toLocalInput(entry.start), end: toLocalInput(entry.end), services: [...(entry.services ?? [])] };
}

/** The body PUT to /maintenance-windows/{id}; days in week order, a duration that is no number sent as typed for the server to name. */
export function maintenanceBodyOf(values: MaintenanceFormValues): Record<string, unknown> {
  const minutes = values.durationMinutes.trim();
  return {
    id: values.id, name: values.name, service: values.service.trim(), days: weekdays.filter((d) => values.days.includes(d)),
    start: values.start, durationMinutes: minutes !== '' && Number.isFinite(Number(minutes)) ? Number(minutes) : minutes, timeZone: values.timeZone.trim(),
  };
}

/** The body PUT to /freezes/{id}; no services means everything is frozen. */
export function freezeBodyOf(values: FreezeFormValues): Record<string, unknown> {
  return {
    id: values.id, name: values.name, start: fromLocalInput(values.start), end: fromLocalInput(values.end),
    ...(values.services.length ? { services: values.services } : {}),
  };
}

/** An id the API accepts, made from a name: `Christmas freeze 2037` → `christmas-freeze-2037`. */
export function entryIdFrom(name: string): string {
  const slug = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.slice(0, 63).replace(/-+$/, '');
}

const fields: readonly EntryField[] = ['id', 'name', 'service', 'days', 'start', 'durationMinutes', 'timeZone', 'end', 'services'];

/** A refused save's reasons by field; an id taken by the other kind of record (409) beside the id. */
export function entryFieldErrors(error: unknown): FieldErrors<EntryField> {
  if (error instanceof ApiError && error.status === 409) return { id: [error.problem?.detail ?? error.message] };
  const out = problemsByField<EntryField>(error, (path) => {
    const head = headOf(path);
    return (fields as readonly string[]).includes(head) ? (head as EntryField) : 'form';
  });
  // The validator's words for the two fields it words least plainly.
  if (out.days) out.days = out.days.map((m) => (/^Too small|required/.test(m) ? 'choose at least one day' : m));
  if (out.durationMinutes) out.durationMinutes = out.durationMinutes.map((m) => (/^(Invalid input|Too (small|big))|required/.test(m) ? 'a whole number of minutes, 1 to 1440' : m));
  return out;
}

/** A maintenance window's weekly opening in words: `Mon, Tue 22:00 for 2 h (Europe/Paris)`. */
export function describeOpening(entry: Pick<MaintenanceWindow, 'days' | 'start' | 'durationMinutes' | 'timeZone'>): string {
  const days = weekdays.filter((d) => entry.days.includes(d)).map((d) => d[0]!.toUpperCase() + d.slice(1));
  const minutes = entry.durationMinutes;
  const length = minutes % 60 === 0 ? `${minutes / 60} h` : minutes > 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
  return `${days.length === 7 ? 'Every day' : days.join(', ')} ${entry.start} for ${length} (${entry.timeZone})`;
}
