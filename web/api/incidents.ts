import type { IncidentRecord, IncidentRequest, IncidentState } from '../../schema/incidents.ts';
import type { ChangeMeasures } from '../../schema/measures.ts';
import { apiUrl, requestJson, requestVersioned, type Versioned } from './client.ts';

/** What the list of incidents is filtered by (GET /api/v1/incidents). */
export interface IncidentFilter {
  state?: IncidentState;
  /** Incidents linked to or suspecting this change. */
  change?: string;
  cursor?: string;
}

/** One page of incidents, newest first. */
export function listIncidents(filter: IncidentFilter, signal?: AbortSignal): Promise<{ items: IncidentRecord[]; nextCursor?: string }> {
  return requestJson(apiUrl('/incidents', { state: filter.state, change: filter.change, cursor: filter.cursor, limit: 50 }), { signal: signal ?? null });
}

/** One incident with its ETag (GET /api/v1/incidents/{id}). */
export function getIncident(id: string, signal?: AbortSignal): Promise<Versioned<IncidentRecord>> {
  return requestVersioned(apiUrl(`/incidents/${encodeURIComponent(id)}`), { signal: signal ?? null });
}

/** Opens an incident (POST /api/v1/incidents). */
export function openIncident(request: Partial<IncidentRequest>): Promise<Versioned<IncidentRecord>> {
  return requestVersioned(apiUrl('/incidents'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
}

/** Resolves an incident (POST /api/v1/incidents/{id}/resolution, If-Match). */
export function resolveIncident(id: string, etag: string | undefined, resolution: string): Promise<Versioned<IncidentRecord>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(etag ? { 'if-match': etag } : {}) };
  return requestVersioned(apiUrl(`/incidents/${encodeURIComponent(id)}/resolution`), { method: 'POST', headers, body: JSON.stringify({ resolution }) });
}

/** The change measures of a period, overall, by service and by team (GET /api/v1/changes/stats). */
export interface ChangeStats {
  from: string;
  to: string;
  measures: ChangeMeasures;
  byService: { id: string; measures: ChangeMeasures }[];
  byTeam: { id: string; measures: ChangeMeasures }[];
  truncated: boolean;
}

/** The measures between two instants (at most 366 days apart). */
export function getChangeStats(from: string, to: string, signal?: AbortSignal): Promise<ChangeStats> {
  return requestJson(apiUrl('/changes/stats', { from, to }), { signal: signal ?? null });
}
