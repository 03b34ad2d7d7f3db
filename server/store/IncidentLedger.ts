import type { AuditDraft } from '../../schema/access.ts';
import type { IncidentRecord, IncidentState } from '../../schema/incidents.ts';

/** An incident as stored, with the version a write must name to replace it. */
export interface StoredIncident {
  incident: IncidentRecord;
  version: number;
}

/** Which incidents to read, by number (newest first). */
export interface IncidentQuery {
  states?: readonly IncidentState[];
  /** Incidents on this CI. */
  affected?: string;
  /** Incidents that suspect (or are linked to) this change. */
  change?: string;
  /** Incidents opened in [openedFrom, openedUntil) (ISO instants). */
  openedFrom?: string;
  openedUntil?: string;
  beforeNumber?: number;
  limit: number;
}

/** The part of the storage port that keeps incidents beside the graph; every write audits itself in the same transaction. */
export interface IncidentLedger {
  /** Keeps a new incident under the next number (its id becomes INC-<number>) and audits it, together. */
  createIncident(draft: Omit<IncidentRecord, 'id'>, audit: Omit<AuditDraft, 'target'>): Promise<StoredIncident>;
  findIncident(id: string): Promise<StoredIncident | undefined>;
  /** Replaces an incident if it is still at `expectedVersion`, and audits it, together; PreconditionFailedError otherwise. */
  saveIncident(incident: IncidentRecord, expectedVersion: number, audit: AuditDraft): Promise<StoredIncident>;
  listIncidents(query: IncidentQuery): Promise<StoredIncident[]>;
}

/** The number of an incident id (INC-7 → 7). */
export function incidentNumberOf(id: string): number {
  return Number(id.slice('INC-'.length));
}

/** The changes an incident names: linked by its responder, or suspected by correlation. */
export function changesOf(incident: IncidentRecord): string[] {
  return [...new Set([...(incident.change ? [incident.change] : []), ...incident.suspectedChanges.map((s) => s.change)])];
}
