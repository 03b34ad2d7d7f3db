import type { AuditDraft } from '../../schema/access.ts';
import type { CalendarEntry } from '../../schema/calendar.ts';
import type { ChangeTemplate } from '../../schema/changeTemplates.ts';
import type { ChangeRecord, ChangeState } from '../../schema/changes.ts';

/** A change record as stored, with the version a write must name to replace it. */
export interface StoredChange {
  change: ChangeRecord;
  /** 1 when created, one more at each save. */
  version: number;
}

/** Which change records to read, by number (newest first). */
export interface ChangeQuery {
  states?: readonly ChangeState[];
  /** Changes whose window overlaps [from, until) (ISO instants). */
  from?: string;
  until?: string;
  /** Changes that target this CI. */
  target?: string;
  /** Changes numbered below this (the last number of the previous page). */
  beforeNumber?: number;
  limit: number;
}

/**
 * The part of the storage port that keeps change records: beside the graph and
 * never in it, like tokens and the audit trail. Every write audits itself in
 * the same transaction.
 */
export interface ChangeLedger {
  /** Keeps a new change under the next number (its id becomes CHG-<number>) and audits it, together. */
  createChange(draft: Omit<ChangeRecord, 'id'>, audit: Omit<AuditDraft, 'target'>): Promise<StoredChange>;
  /** A change by id, or undefined. */
  findChange(id: string): Promise<StoredChange | undefined>;
  /**
   * Replaces a change if it is still at `expectedVersion`, and audits it,
   * together; PreconditionFailedError (nothing written) when another write came first.
   */
  saveChange(change: ChangeRecord, expectedVersion: number, audit: AuditDraft): Promise<StoredChange>;
  /** Changes matching a query, newest first. */
  listChanges(query: ChangeQuery): Promise<StoredChange[]>;
  /** Keeps a maintenance window or freeze (replacing the one with its id) and audits it, together. */
  saveCalendarEntry(entry: CalendarEntry, audit: AuditDraft): Promise<void>;
  /** Removes a calendar entry and audits it, together; false when there was none. */
  deleteCalendarEntry(id: string, audit: AuditDraft): Promise<boolean>;
  /** Every maintenance window and freeze, by id. */
  listCalendarEntries(): Promise<CalendarEntry[]>;
  /** Keeps a standard-change template (replacing the one with its id) and audits it, together. */
  saveChangeTemplate(template: ChangeTemplate, audit: AuditDraft): Promise<void>;
  /** Removes a template and audits it, together; false when there was none. */
  deleteChangeTemplate(id: string, audit: AuditDraft): Promise<boolean>;
  /** Every standard-change template, by id. */
  listChangeTemplates(): Promise<ChangeTemplate[]>;
}

/** The number of a change id (CHG-12 → 12). */
export function changeNumberOf(id: string): number {
  return Number(id.slice('CHG-'.length));
}

/** A change's window as UTC instants, which compare as text. */
export function utcWindowOf(change: ChangeRecord): { start: string; end: string } {
  return { start: new Date(change.window.start).toISOString(), end: new Date(change.window.end).toISOString() };
}

/** The ETag of a change record at `version`. */
export function changeETag(version: number): string {
  return `"v${version}"`;
}

/** Why a save at an old version was refused. */
export function staleChangeMessage(id: string, expected: number, current: number): string {
  return `${id} has changed since you read it (version ${expected}; it is at version ${current} now): read it again and redo your change`;
}
