import type { Freeze, MaintenanceWindow } from '../../schema/calendar.ts';
import { apiUrl, requestJson, sendJson } from './client.ts';

/** The two kinds of record the change calendar keeps, each a collection under /api/v1. */
export type CalendarEntryKind = 'maintenance' | 'freeze';

const collections: Record<CalendarEntryKind, string> = { maintenance: '/maintenance-windows', freeze: '/freezes' };

/** Every maintenance window (GET /api/v1/maintenance-windows). */
export function listMaintenanceWindows(signal?: AbortSignal): Promise<{ items: MaintenanceWindow[] }> {
  return requestJson(apiUrl(collections.maintenance), { signal: signal ?? null });
}

/** Every freeze (GET /api/v1/freezes). */
export function listFreezes(signal?: AbortSignal): Promise<{ items: Freeze[] }> {
  return requestJson(apiUrl(collections.freeze), { signal: signal ?? null });
}

/** Creates or replaces a maintenance window or a freeze (PUT /api/v1/{collection}/{id}; change managers; no If-Match). */
export function saveCalendarEntry(kind: CalendarEntryKind, body: Record<string, unknown>): Promise<unknown> {
  // NOTE: an empty id is sent as "-", which the API refuses as an id (400 naming the field) rather than as a method (405 on the collection).
  return sendJson(apiUrl(`${collections[kind]}/${encodeURIComponent(String(body.id || '-'))}`), 'PUT', body);
}

/** Removes a maintenance window or a freeze (DELETE /api/v1/{collection}/{id}). */
export function deleteCalendarEntry(kind: CalendarEntryKind, id: string): Promise<unknown> {
  return requestJson(apiUrl(`${collections[kind]}/${encodeURIComponent(id)}`), { method: 'DELETE' });
}
