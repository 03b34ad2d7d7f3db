import type { ChangeAssessment, ChangeRecord, ChangeRequest, ChangeSummary, ChangeReviewRequest, ApprovalRequest, ChangeState, ChangeWindow } from '../../schema/changes.ts';
import type { ChangeTemplate } from '../../schema/changeTemplates.ts';
import type { ChangeCalendar } from '../../schema/calendar.ts';
import { apiUrl, requestJson, requestVersioned, type Versioned } from './client.ts';

/** A change record with the ETag its writes send back as If-Match. */
export type VersionedChange = Versioned<ChangeRecord>;

/** What the list of changes is filtered by (GET /api/v1/changes). */
export interface ChangeFilter {
  states?: ChangeState[];
  target?: string;
  cursor?: string;
}

/** One page of changes, newest first. */
export function listChanges(filter: ChangeFilter, signal?: AbortSignal): Promise<{ items: ChangeSummary[]; nextCursor?: string }> {
  return requestJson(apiUrl('/changes', { state: filter.states, target: filter.target, cursor: filter.cursor, limit: 50 }), { signal: signal ?? null });
}

/** One change with its ETag (GET /api/v1/changes/{id}). */
export function getChange(id: string, signal?: AbortSignal): Promise<VersionedChange> {
  return requestVersioned(apiUrl(`/changes/${encodeURIComponent(id)}`), { signal: signal ?? null });
}

/** Whether a change's kept assessment still holds, and why not (GET /api/v1/changes/{id}/assessment). */
export function checkAssessment(id: string, signal?: AbortSignal): Promise<{ assessment?: ChangeAssessment; current: boolean; reasons: string[] }> {
  return requestJson(apiUrl(`/changes/${encodeURIComponent(id)}/assessment`), { signal: signal ?? null });
}

/** A JSON write to a change record, If-Match its ETag, answering the record and its new ETag. */
function writeChange(path: string, method: 'POST' | 'PUT', etag: string | undefined, body?: unknown): Promise<VersionedChange> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(etag ? { 'if-match': etag } : {}) };
  return requestVersioned(apiUrl(path), { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

/** Requests a change: recorded as a draft (POST /api/v1/changes). */
export function requestChange(request: ChangeRequestInput): Promise<VersionedChange> {
  return writeChange('/changes', 'POST', undefined, request);
}

/** Revises what a change asks for (PUT /api/v1/changes/{id}). */
export function reviseChange(id: string, etag: string | undefined, request: ChangeRequestInput): Promise<VersionedChange> {
  return writeChange(`/changes/${encodeURIComponent(id)}`, 'PUT', etag, request);
}

/** Moves a change along its lifecycle (POST /api/v1/changes/{id}/transitions). */
export function moveChange(id: string, etag: string | undefined, to: ChangeState, comment: string): Promise<VersionedChange> {
  return writeChange(`/changes/${encodeURIComponent(id)}/transitions`, 'POST', etag, { to, comment });
}

/** Approves or rejects an assessed change (POST /api/v1/changes/{id}/approvals). */
export function decideOnChange(id: string, etag: string | undefined, decision: ApprovalRequest): Promise<VersionedChange> {
  return writeChange(`/changes/${encodeURIComponent(id)}/approvals`, 'POST', etag, decision);
}

/** Assesses a change again against the graph as it is now (POST /api/v1/changes/{id}/assessment). */
export function reassessChange(id: string, etag: string | undefined): Promise<VersionedChange> {
  return writeChange(`/changes/${encodeURIComponent(id)}/assessment`, 'POST', etag);
}

/** Writes the post-implementation review (PUT /api/v1/changes/{id}/review). */
export function reviewChange(id: string, etag: string | undefined, review: ChangeReviewRequest): Promise<VersionedChange> {
  return writeChange(`/changes/${encodeURIComponent(id)}/review`, 'PUT', etag, review);
}

/** What the form sends: a change request as the API reads it (defaults left to the server). */
export type ChangeRequestInput = Omit<ChangeRequest, 'window'> & { window: Pick<ChangeWindow, 'start' | 'end'> & { timeZone?: string } };

export type { CalendarChange, ChangeCalendar } from '../../schema/calendar.ts';

/** The calendar between two instants, at most 92 days apart. */
export function getCalendar(from: string, to: string, signal?: AbortSignal): Promise<ChangeCalendar> {
  return requestJson(apiUrl('/changes/calendar', { from, to }), { signal: signal ?? null });
}

/** The pre-approved standard-change templates (GET /api/v1/change-templates). */
export function listTemplates(signal?: AbortSignal): Promise<{ items: ChangeTemplate[] }> {
  return requestJson(apiUrl('/change-templates'), { signal: signal ?? null });
}
