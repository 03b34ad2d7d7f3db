import type { ApiToken, AuditDraft, AuditEntry } from '../../../schema/access.ts';
import type { CalendarEntry } from '../../../schema/calendar.ts';
import type { ChangeTemplate } from '../../../schema/changeTemplates.ts';
import type { ChangeRecord } from '../../../schema/changes.ts';
import type { IncidentRecord } from '../../../schema/incidents.ts';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../errors.ts';
import type { AccessLedger, AuditQuery, StoredApiToken } from '../AccessLedger.ts';
import { changeETag, staleChangeMessage, type ChangeLedger, type ChangeQuery, type StoredChange } from '../ChangeLedger.ts';
import type { IncidentLedger, IncidentQuery, StoredIncident } from '../IncidentLedger.ts';
import { insertAudit, insertToken, selectAudit, selectToken, selectTokens, updateToken, withoutHash } from './sqliteAccess.ts';
import type { SqlAccess } from './sqliteBatchWriter.ts';
import { insertChange, removeRecord, selectChange, selectChanges, selectRecords, updateChange, upsertRecord, type RecordTable } from './sqliteChanges.ts';
import { insertIncident, selectIncident, selectIncidents, updateIncident } from './sqliteIncidents.ts';

/**
 * The records the embedded store keeps beside the graph: API tokens, the
 * audit trail, change records, incidents, the change calendar and templates.
 * Each write and its audit entry go in one transaction of the store's.
 */
export abstract class EmbeddedRecordLedgers implements AccessLedger, ChangeLedger, IncidentLedger {
  protected abstract readonly sql: SqlAccess;
  /** Runs `work` in one write transaction of the store: all of it or none. */
  protected abstract inTransaction<T>(work: () => T): Promise<T>;

  async createToken(token: StoredApiToken, audit: AuditDraft): Promise<void> {
    await this.inTransaction(() => {
      if (!insertToken(this.sql, token)) throw new ConflictError(`an active token is named "${token.name}" already; revoke it or choose another name`);
      insertAudit(this.sql, audit, token.createdAt);
    });
  }

  async findToken(id: string): Promise<StoredApiToken | undefined> {
    return selectToken(this.sql, id);
  }

  async listTokens(): Promise<ApiToken[]> {
    return selectTokens(this.sql);
  }

  async revokeToken(id: string, at: string, audit: AuditDraft): Promise<ApiToken | undefined> {
    return this.inTransaction(() => {
      const token = selectToken(this.sql, id);
      if (!token) return undefined;
      if (!token.revokedAt) {
        updateToken(this.sql, { ...token, revokedAt: at });
        insertAudit(this.sql, audit, at);
      }
      return withoutHash(selectToken(this.sql, id)!);
    });
  }

  async recordTokenUse(id: string, at: string): Promise<void> {
    await this.inTransaction(() => {
      const token = selectToken(this.sql, id);
      if (token) updateToken(this.sql, { ...token, lastUsedAt: at });
    });
  }

  async appendAudit(entry: AuditDraft): Promise<AuditEntry> {
    return this.inTransaction(() => insertAudit(this.sql, entry, new Date().toISOString()));
  }

  async listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return selectAudit(this.sql, query);
  }

  async createChange(draft: Omit<ChangeRecord, 'id'>, audit: Omit<AuditDraft, 'target'>): Promise<StoredChange> {
    return this.inTransaction(() => {
      const stored = insertChange(this.sql, draft);
      insertAudit(this.sql, { ...audit, target: stored.change.id }, draft.createdAt);
      return stored;
    });
  }

  async findChange(id: string): Promise<StoredChange | undefined> {
    return selectChange(this.sql, id);
  }

  async saveChange(change: ChangeRecord, expectedVersion: number, audit: AuditDraft): Promise<StoredChange> {
    return this.inTransaction(() => {
      const current = selectChange(this.sql, change.id);
      if (!current) throw new NotFoundError(`no change has the id ${change.id}`, [change.id]);
      if (current.version !== expectedVersion) throw new PreconditionFailedError(staleChangeMessage(change.id, expectedVersion, current.version), changeETag(current.version));
      const saved = updateChange(this.sql, change, expectedVersion + 1);
      insertAudit(this.sql, audit, change.updatedAt);
      return saved;
    });
  }

  async listChanges(query: ChangeQuery): Promise<StoredChange[]> {
    return selectChanges(this.sql, query);
  }

  async createIncident(draft: Omit<IncidentRecord, 'id'>, audit: Omit<AuditDraft, 'target'>): Promise<StoredIncident> {
    return this.inTransaction(() => {
      const stored = insertIncident(this.sql, draft);
      insertAudit(this.sql, { ...audit, target: stored.incident.id }, draft.updatedAt);
      return stored;
    });
  }

  async findIncident(id: string): Promise<StoredIncident | undefined> {
    return selectIncident(this.sql, id);
  }

  async saveIncident(incident: IncidentRecord, expectedVersion: number, audit: AuditDraft): Promise<StoredIncident> {
    return this.inTransaction(() => {
      const current = selectIncident(this.sql, incident.id);
      if (!current) throw new NotFoundError(`no incident has the id ${incident.id}`, [incident.id]);
      if (current.version !== expectedVersion) throw new PreconditionFailedError(staleChangeMessage(incident.id, expectedVersion, current.version), changeETag(current.version));
      const saved = updateIncident(this.sql, incident, expectedVersion + 1);
      insertAudit(this.sql, audit, incident.updatedAt);
      return saved;
    });
  }

  async listIncidents(query: IncidentQuery): Promise<StoredIncident[]> {
    return selectIncidents(this.sql, query);
  }

  async saveCalendarEntry(entry: CalendarEntry, audit: AuditDraft): Promise<void> {
    await this.saveRecord('calendar_entry', entry, audit);
  }

  async deleteCalendarEntry(id: string, audit: AuditDraft): Promise<boolean> {
    return this.deleteRecord('calendar_entry', id, audit);
  }

  async listCalendarEntries(): Promise<CalendarEntry[]> {
    return selectRecords<CalendarEntry>(this.sql, 'calendar_entry');
  }

  async saveChangeTemplate(template: ChangeTemplate, audit: AuditDraft): Promise<void> {
    await this.saveRecord('change_template', template, audit);
  }

  async deleteChangeTemplate(id: string, audit: AuditDraft): Promise<boolean> {
    return this.deleteRecord('change_template', id, audit);
  }

  async listChangeTemplates(): Promise<ChangeTemplate[]> {
    return selectRecords<ChangeTemplate>(this.sql, 'change_template');
  }

  private async saveRecord(table: RecordTable, record: CalendarEntry | ChangeTemplate, audit: AuditDraft): Promise<void> {
    await this.inTransaction(() => {
      upsertRecord(this.sql, table, record);
      insertAudit(this.sql, audit, new Date().toISOString());
    });
  }

  private async deleteRecord(table: RecordTable, id: string, audit: AuditDraft): Promise<boolean> {
    return this.inTransaction(() => {
      const removed = removeRecord(this.sql, table, id);
      if (removed) insertAudit(this.sql, audit, new Date().toISOString());
      return removed;
    });
  }
}
