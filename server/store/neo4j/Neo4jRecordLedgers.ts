import type { ManagedTransaction } from 'neo4j-driver';
import type { ApiToken, AuditDraft, AuditEntry } from '../../../schema/access.ts';
import type { CalendarEntry } from '../../../schema/calendar.ts';
import type { ChangeTemplate } from '../../../schema/changeTemplates.ts';
import type { ChangeRecord } from '../../../schema/changes.ts';
import type { IncidentRecord } from '../../../schema/incidents.ts';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../errors.ts';
import type { AccessLedger, AuditQuery, StoredApiToken } from '../AccessLedger.ts';
import { changeETag, staleChangeMessage, type ChangeLedger, type ChangeQuery, type StoredChange } from '../ChangeLedger.ts';
import type { IncidentLedger, IncidentQuery, StoredIncident } from '../IncidentLedger.ts';
import { insertAudit, insertToken, selectAudit, selectToken, selectTokens, updateToken } from './neo4jAccess.ts';
import { insertChange, removeRecord, selectChange, selectChanges, selectRecords, updateChange, upsertRecord, type RecordLabel } from './neo4jChanges.ts';
import { insertIncident, selectIncident, selectIncidents, updateIncident } from './neo4jIncidents.ts';

/**
 * The records the Neo4j store keeps beside the graph, as nodes never labelled
 * CI: API tokens, the audit trail, change records, incidents, the change
 * calendar and templates. Each write and its audit entry go in one transaction.
 */
export abstract class Neo4jRecordLedgers implements AccessLedger, ChangeLedger, IncidentLedger {
  /** Runs a unit of work in a read transaction. */
  protected abstract read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  /** Runs a unit of work in a write transaction, tried again on transient failures. */
  protected abstract write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;

  async createChange(draft: Omit<ChangeRecord, 'id'>, audit: Omit<AuditDraft, 'target'>): Promise<StoredChange> {
    return this.write(async (tx) => {
      const stored = await insertChange(tx, draft);
      await insertAudit(tx, { ...audit, target: stored.change.id }, draft.createdAt);
      return stored;
    });
  }

  async findChange(id: string): Promise<StoredChange | undefined> {
    return this.read((tx) => selectChange(tx, id));
  }

  async saveChange(change: ChangeRecord, expectedVersion: number, audit: AuditDraft): Promise<StoredChange> {
    return this.write(async (tx) => {
      const current = await selectChange(tx, change.id, true);
      if (!current) throw new NotFoundError(`no change has the id ${change.id}`, [change.id]);
      if (current.version !== expectedVersion) throw new PreconditionFailedError(staleChangeMessage(change.id, expectedVersion, current.version), changeETag(current.version));
      const saved = await updateChange(tx, change, expectedVersion + 1);
      await insertAudit(tx, audit, change.updatedAt);
      return saved;
    });
  }

  async listChanges(query: ChangeQuery): Promise<StoredChange[]> {
    return this.read((tx) => selectChanges(tx, query));
  }

  async createIncident(draft: Omit<IncidentRecord, 'id'>, audit: Omit<AuditDraft, 'target'>): Promise<StoredIncident> {
    return this.write(async (tx) => {
      const stored = await insertIncident(tx, draft);
      await insertAudit(tx, { ...audit, target: stored.incident.id }, draft.updatedAt);
      return stored;
    });
  }

  async findIncident(id: string): Promise<StoredIncident | undefined> {
    return this.read((tx) => selectIncident(tx, id));
  }

  async saveIncident(incident: IncidentRecord, expectedVersion: number, audit: AuditDraft): Promise<StoredIncident> {
    return this.write(async (tx) => {
      const current = await selectIncident(tx, incident.id, true);
      if (!current) throw new NotFoundError(`no incident has the id ${incident.id}`, [incident.id]);
      if (current.version !== expectedVersion) throw new PreconditionFailedError(staleChangeMessage(incident.id, expectedVersion, current.version), changeETag(current.version));
      const saved = await updateIncident(tx, incident, expectedVersion + 1);
      await insertAudit(tx, audit, incident.updatedAt);
      return saved;
    });
  }

  async listIncidents(query: IncidentQuery): Promise<StoredIncident[]> {
    return this.read((tx) => selectIncidents(tx, query));
  }

  async saveCalendarEntry(entry: CalendarEntry, audit: AuditDraft): Promise<void> {
    await this.saveRecord('TrellisCalendarEntry', entry, audit);
  }

  async deleteCalendarEntry(id: string, audit: AuditDraft): Promise<boolean> {
    return this.deleteRecord('TrellisCalendarEntry', id, audit);
  }

  async listCalendarEntries(): Promise<CalendarEntry[]> {
    return this.read((tx) => selectRecords<CalendarEntry>(tx, 'TrellisCalendarEntry'));
  }

  async saveChangeTemplate(template: ChangeTemplate, audit: AuditDraft): Promise<void> {
    await this.saveRecord('TrellisChangeTemplate', template, audit);
  }

  async deleteChangeTemplate(id: string, audit: AuditDraft): Promise<boolean> {
    return this.deleteRecord('TrellisChangeTemplate', id, audit);
  }

  async listChangeTemplates(): Promise<ChangeTemplate[]> {
    return this.read((tx) => selectRecords<ChangeTemplate>(tx, 'TrellisChangeTemplate'));
  }

  private async saveRecord(label: RecordLabel, record: CalendarEntry | ChangeTemplate, audit: AuditDraft): Promise<void> {
    await this.write(async (tx) => {
      await upsertRecord(tx, label, record);
      await insertAudit(tx, audit, new Date().toISOString());
    });
  }

  private async deleteRecord(label: RecordLabel, id: string, audit: AuditDraft): Promise<boolean> {
    return this.write(async (tx) => {
      const removed = await removeRecord(tx, label, id);
      if (removed) await insertAudit(tx, audit, new Date().toISOString());
      return removed;
    });
  }

  async createToken(token: StoredApiToken, audit: AuditDraft): Promise<void> {
    await this.write(async (tx) => {
      if (!(await insertToken(tx, token))) throw new ConflictError(`an active token is named "${token.name}" already; revoke it or choose another name`);
      await insertAudit(tx, audit, token.createdAt);
    });
  }

  async findToken(id: string): Promise<StoredApiToken | undefined> {
    return this.read((tx) => selectToken(tx, id));
  }

  async listTokens(): Promise<ApiToken[]> {
    return this.read((tx) => selectTokens(tx));
  }

  async revokeToken(id: string, at: string, audit: AuditDraft): Promise<ApiToken | undefined> {
    return this.write(async (tx) => {
      const token = await selectToken(tx, id);
      if (!token) return undefined;
      const { secretHash: _hash, ...now } = token.revokedAt ? token : { ...token, revokedAt: at };
      if (!token.revokedAt) {
        await updateToken(tx, { ...token, revokedAt: at });
        await insertAudit(tx, audit, at);
      }
      return now;
    });
  }

  async recordTokenUse(id: string, at: string): Promise<void> {
    await this.write(async (tx) => {
      const token = await selectToken(tx, id);
      if (token) await updateToken(tx, { ...token, lastUsedAt: at });
    });
  }

  async appendAudit(entry: AuditDraft): Promise<AuditEntry> {
    return this.write((tx) => insertAudit(tx, entry, new Date().toISOString()));
  }

  async listAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return this.read((tx) => selectAudit(tx, query));
  }
}
