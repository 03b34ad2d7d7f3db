import { beforeEach, describe, expect, it } from 'vitest';
import { changeTemplateSchema } from '../../schema/changeTemplates.ts';
import type { ChangeRecord } from '../../schema/changes.ts';
import type { IncidentRecord } from '../../schema/incidents.ts';
import type { IncidentQuery } from '../../server/store/IncidentLedger.ts';
import { moveChange } from '../../server/changes/changeLifecycle.ts';
import { NotFoundError, PreconditionFailedError } from '../../server/errors.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';
import { buildChange } from '../builders.ts';
import { storesClosedAfterAll } from '../support/storesClosedAfterAll.ts';

/** The change-record part of the storage port, held to one contract on every store (as describeGraphStore). */
export function describeChangeLedger(name: string, create: () => Promise<GraphStore>): void {
  describe(`ChangeLedger contract: ${name}`, () => {
    let store: GraphStore;
    const open = storesClosedAfterAll(create);
    beforeEach(async () => {
      store = await open();
    });
    const audit = { actor: 'token:alice:0123456789abcdef', action: 'change.create' as const, clientAddress: '127.0.0.1', requestId: 'req-1' };
    const draft = (overrides: Partial<ChangeRecord> = {}): Omit<ChangeRecord, 'id'> => {
      const { id: _id, ...rest } = buildChange(overrides);
      return rest;
    };

    it('numbers changes one after another and gives them back as kept, each creation audited', async () => {
      const first = await store.createChange(draft({ title: 'First' }), audit);
      const second = await store.createChange(draft({ title: 'Second' }), audit);
      expect([first.change.id, second.change.id]).toEqual(['CHG-1', 'CHG-2']);
      expect(first.version).toBe(1);
      expect(await store.findChange('CHG-2')).toEqual({ change: { ...draft({ title: 'Second' }), id: 'CHG-2' }, version: 1 });
      expect(await store.findChange('CHG-3')).toBeUndefined();
      const entries = await store.listAudit({ actor: audit.actor, limit: 10 });
      expect(entries.map((entry) => `${entry.action} ${entry.target}`)).toEqual(['change.create CHG-2', 'change.create CHG-1']);
    });

    it('gives every one of concurrent creations its own number', async () => {
      const created = await Promise.all(Array.from({ length: 8 }, (_, n) => store.createChange(draft({ title: `Change ${n}` }), audit)));
      expect(new Set(created.map((stored) => stored.change.id)).size).toBe(8);
    });

    it('saves a change at the version it was read at, and refuses a save from an older read, writing nothing', async () => {
      const { change } = await store.createChange(draft(), audit);
      const submitted = moveChange(change, 'submitted', { by: 'oidc:alice', at: '2026-12-02T10:00:00.000Z', comment: '' });
      const moveAudit = { ...audit, action: 'change.move' as const, target: change.id, summary: 'draft → submitted' };
      expect(await store.saveChange(submitted, 1, moveAudit)).toEqual({ change: submitted, version: 2 });
      const stale = moveChange(change, 'cancelled', { by: 'oidc:bob', at: '2026-12-02T10:01:00.000Z', comment: 'not needed' });
      await expect(store.saveChange(stale, 1, moveAudit)).rejects.toThrow(PreconditionFailedError);
      expect(await store.findChange(change.id)).toEqual({ change: submitted, version: 2 });
      expect((await store.listAudit({ target: change.id, limit: 10 })).map((entry) => entry.action)).toEqual(['change.move', 'change.create']);
      await expect(store.saveChange({ ...submitted, id: 'CHG-99' }, 1, moveAudit)).rejects.toThrow(NotFoundError);
    });

    it('lists changes newest first, by state, by window overlap, by target, a page at a time', async () => {
      const window = (start: string, end: string) => ({ start, end, timeZone: 'UTC' });
      await store.createChange(draft({ window: window('2026-12-10T22:00:00Z', '2026-12-10T23:00:00Z'), targets: [{ id: 'db', effect: 'down' }] }), audit);
      await store.createChange(draft({ window: window('2026-12-10T23:30:00+01:00', '2026-12-11T01:00:00+01:00'), targets: [{ id: 'web', effect: 'degraded' }] }), audit);
      await store.createChange(draft({ state: 'cancelled', window: window('2026-12-12T08:00:00Z', '2026-12-12T09:00:00Z'), targets: [{ id: 'db', effect: 'degraded' }] }), audit);
      const ids = async (query: Partial<Parameters<GraphStore['listChanges']>[0]>) => (await store.listChanges({ limit: 10, ...query })).map((stored) => stored.change.id);
      expect(await ids({})).toEqual(['CHG-3', 'CHG-2', 'CHG-1']);
      expect(await ids({ states: ['draft'] })).toEqual(['CHG-2', 'CHG-1']);
      expect(await ids({ target: 'db' })).toEqual(['CHG-3', 'CHG-1']);
      // CHG-2 runs 22:30-00:00 UTC: it overlaps 22:45-23:15 as CHG-1 does, and a window ending as it starts does not.
      expect(await ids({ from: '2026-12-10T22:45:00Z', until: '2026-12-10T23:15:00Z' })).toEqual(['CHG-2', 'CHG-1']);
      expect(await ids({ from: '2026-12-11T00:00:00Z', until: '2026-12-12T00:00:00Z' })).toEqual([]);
      expect(await ids({ limit: 2 })).toEqual(['CHG-3', 'CHG-2']);
      expect(await ids({ beforeNumber: 2 })).toEqual(['CHG-1']);
    });

    it('follows a change\'s new targets and window when it is saved', async () => {
      const { change } = await store.createChange(draft(), audit);
      const moved = { ...change, targets: [{ id: 'cache', effect: 'down' as const }], window: { start: '2027-01-05T10:00:00Z', end: '2027-01-05T11:00:00Z', timeZone: 'UTC' } };
      await store.saveChange(moved, 1, { ...audit, action: 'change.edit', target: change.id });
      expect((await store.listChanges({ target: 'db', limit: 10 })).length).toBe(0);
      expect((await store.listChanges({ target: 'cache', from: '2027-01-05T10:30:00Z', limit: 10 })).map((stored) => stored.version)).toEqual([2]);
    });

    it('keeps maintenance windows and freezes by id, replaces one saved again, and removes one, each audited', async () => {
      const nights = { kind: 'maintenance' as const, id: 'checkout-nights', name: 'Checkout nights', service: 'svc-checkout', days: ['tue' as const], start: '22:00', durationMinutes: 240, timeZone: 'Europe/Paris' };
      const yearEnd = { kind: 'freeze' as const, id: 'year-end', name: 'Year-end', start: '2026-12-18T00:00:00Z', end: '2027-01-04T00:00:00Z' };
      const calendarAudit = { ...audit, action: 'calendar.save' as const, target: 'calendar' };
      await store.saveCalendarEntry(yearEnd, calendarAudit);
      await store.saveCalendarEntry(nights, calendarAudit);
      await store.saveCalendarEntry({ ...nights, days: ['tue', 'thu'] }, calendarAudit);
      expect(await store.listCalendarEntries()).toEqual([{ ...nights, days: ['tue', 'thu'] }, yearEnd]);
      expect(await store.deleteCalendarEntry('year-end', { ...calendarAudit, action: 'calendar.delete' })).toBe(true);
      expect(await store.deleteCalendarEntry('year-end', { ...calendarAudit, action: 'calendar.delete' })).toBe(false);
      expect((await store.listCalendarEntries()).map((entry) => entry.id)).toEqual(['checkout-nights']);
      expect((await store.listAudit({ target: 'calendar', limit: 10 })).map((entry) => entry.action)).toEqual(['calendar.delete', 'calendar.save', 'calendar.save', 'calendar.save']);
    });

    it('keeps standard-change templates by id, apart from calendar entries of the same id, and removes one, each audited', async () => {
      const restart = changeTemplateSchema.parse({ id: 'year-end', name: 'Restart a cache', ciTypes: ['Component'], kinds: ['cache'], maxRisk: 'medium' });
      const rotate = changeTemplateSchema.parse({ id: 'rotate-cert', name: 'Rotate a certificate', targets: ['cert-1'] });
      const templateAudit = { ...audit, action: 'template.save' as const, target: 'template' };
      await store.saveCalendarEntry({ kind: 'freeze', id: 'year-end', name: 'Year-end', start: '2026-12-18T00:00:00Z', end: '2027-01-04T00:00:00Z' }, { ...audit, action: 'calendar.save', target: 'calendar' });
      await store.saveChangeTemplate(rotate, templateAudit);
      await store.saveChangeTemplate(restart, templateAudit);
      await store.saveChangeTemplate({ ...restart, maxRisk: 'low' }, templateAudit);
      expect(await store.listChangeTemplates()).toEqual([rotate, { ...restart, maxRisk: 'low' }]);
      expect(await store.deleteChangeTemplate('year-end', { ...templateAudit, action: 'template.delete' })).toBe(true);
      expect(await store.deleteChangeTemplate('year-end', { ...templateAudit, action: 'template.delete' })).toBe(false);
      expect((await store.listChangeTemplates()).map((template) => template.id)).toEqual(['rotate-cert']);
      expect((await store.listCalendarEntries()).map((entry) => entry.id)).toEqual(['year-end']);
      expect((await store.listAudit({ target: 'template', limit: 10 })).map((entry) => entry.action)).toEqual(['template.delete', 'template.save', 'template.save', 'template.save']);
    });

    it('keeps incidents under their own numbers, saves one only at the version read, and finds them by state, CI, change and opening', async () => {
      const incidentAudit = { ...audit, action: 'incident.open' as const };
      const draft = (overrides: Partial<IncidentRecord> = {}): Omit<IncidentRecord, 'id'> => ({
        title: 'Web down', description: '', affected: ['web', 'api'], impact: 1, urgency: 2, priority: 2, state: 'open', openedAt: '2026-12-01T10:00:00.000Z', openedBy: 'ops',
        services: ['web'], teams: ['team-web'], suspectedChanges: [{ change: 'CHG-3', implementedAt: '2026-12-01T09:00:00.000Z', via: ['api'] }], updatedAt: '2026-12-01T10:00:00.000Z', ...overrides,
      });
      const [first, second] = await Promise.all([store.createIncident(draft(), incidentAudit), store.createIncident(draft({ affected: ['db'], suspectedChanges: [], change: 'CHG-4', openedAt: '2026-12-02T10:00:00.000Z' }), incidentAudit)]);
      expect(new Set([first.incident.id, second.incident.id])).toEqual(new Set(['INC-1', 'INC-2']));
      const [web, db] = [first.incident.id, second.incident.id];
      const one = (await store.findIncident(web))!;
      expect(one).toEqual({ incident: first.incident, version: 1 });
      const resolved = { ...one.incident, state: 'resolved' as const, resolvedAt: '2026-12-01T11:00:00.000Z', resolvedBy: 'ops', resolution: 'restarted', updatedAt: '2026-12-01T11:00:00.000Z' };
      const saveAudit = { ...audit, action: 'incident.resolve' as const, target: web };
      expect(await store.saveIncident(resolved, 1, saveAudit)).toEqual({ incident: resolved, version: 2 });
      await expect(store.saveIncident(resolved, 1, saveAudit)).rejects.toThrow(PreconditionFailedError);
      await expect(store.saveIncident({ ...resolved, id: 'INC-9' }, 1, saveAudit)).rejects.toThrow(NotFoundError);
      const ids = async (query: Partial<IncidentQuery>) => (await store.listIncidents({ limit: 10, ...query })).map((stored) => stored.incident.id);
      expect(await ids({})).toEqual(['INC-2', 'INC-1']);
      expect(await ids({ states: ['open'] })).toEqual([db]);
      expect(await ids({ affected: 'api' })).toEqual([web]);
      expect(await ids({ change: 'CHG-3' })).toEqual([web]);
      expect(await ids({ change: 'CHG-4' })).toEqual([db]);
      expect(await ids({ openedFrom: '2026-12-02T00:00:00Z' })).toEqual([db]);
      expect(await ids({ openedUntil: '2026-12-02T00:00:00Z' })).toEqual([web]);
      expect(await ids({ beforeNumber: 2 })).toEqual(['INC-1']);
      expect((await store.listAudit({ target: web, limit: 10 })).map((entry) => entry.action)).toEqual(['incident.resolve', 'incident.open']);
    });
  });
}
