import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../schema/roles.ts';
import { createApiToken } from '../../server/auth/apiTokens.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';

// Change records through the HTTP API, with authentication on: an editor
// requests and moves a change, a change manager decides on it, a viewer reads.
const by = { actor: 'cli:test', clientAddress: 'local', requestId: 'test' };
const request = {
  title: 'Fail over the main database', type: 'normal', targets: [{ id: 'grp-pg-main', effect: 'degraded' }],
  window: { start: '2037-12-20T22:00:00+01:00', end: '2037-12-20T23:30:00+01:00', timeZone: 'Europe/Paris' }, rollbackPlan: 'fail back',
};

export function describeChangesApi(name: string, storeEnv: () => Record<string, string>, prepare: () => Promise<void> = async () => {}): void {
  describe(`change records through the API on the ${name} store`, { timeout: 300_000 }, () => {
    let server: RunningServer;
    const tokens = new Map<string, string>();
    const call = async (who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${server.url}${path}`, {
        method, headers: { authorization: `Bearer ${tokens.get(who)}`, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, etag: res.headers.get('etag'), location: res.headers.get('location'), json: text ? JSON.parse(text) : undefined };
    };

    beforeAll(async () => {
      await prepare();
      const config = loadConfig({ ...storeEnv(), TRELLIS_AUTH: 'required', TRELLIS_DEMO: 'true', TRELLIS_DEMO_HISTORY: 'false', TRELLIS_RATE_LIMIT: '0' });
      server = await startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, pino({ level: 'silent' }));
      const people: [string, Role][] = [['alice', 'editor'], ['carol', 'change-manager'], ['victor', 'viewer']];
      for (const [name, role] of people) tokens.set(name, (await createApiToken(server.store, { name, role }, by)).secret);
    });
    afterAll(async () => server.stop());

    it('records a requested change as a draft of the caller, with its ETag and place', async () => {
      const created = await call('alice', 'POST', '/api/v1/changes', request);
      expect(created).toMatchObject({ status: 201, etag: '"v1"', location: '/api/v1/changes/CHG-1' });
      expect(created.json).toMatchObject({ id: 'CHG-1', state: 'draft', requester: expect.stringMatching(/^token:alice:/), window: { timeZone: 'Europe/Paris' } });
      expect((await call('victor', 'GET', '/api/v1/changes/CHG-1')).json.title).toBe('Fail over the main database');
      expect((await call('victor', 'POST', '/api/v1/changes', request)).status).toBe(403);
      const unknown = await call('alice', 'POST', '/api/v1/changes', { ...request, targets: [{ id: 'nowhere', effect: 'down' }] });
      expect(unknown).toMatchObject({ status: 404, json: { code: 'not_found' } });
      expect((await call('alice', 'POST', '/api/v1/changes', { ...request, window: { start: request.window.end, end: request.window.start } })).json).toMatchObject({ status: 400, code: 'invalid' });
    });

    it('moves a change only with the ETag its mover read, and lets a change manager decide', async () => {
      const { json: change } = await call('alice', 'POST', '/api/v1/changes', request);
      const path = `/api/v1/changes/${change.id}/transitions`;
      expect((await call('alice', 'POST', path, { to: 'submitted' })).status).toBe(428);
      const submitted = await call('alice', 'POST', path, { to: 'submitted', comment: 'ready' }, { 'if-match': '"v1"' });
      // Assessed on submit, in the same write.
      expect(submitted).toMatchObject({ status: 200, etag: '"v2"', json: { state: 'assessed', assessment: { risk: { class: expect.any(String) } } } });
      expect(await call('alice', 'POST', path, { to: 'cancelled' }, { 'if-match': '"v1"' })).toMatchObject({ status: 412, json: { code: 'precondition_failed' } });
      expect(await call('alice', 'POST', path, { to: 'closed' }, { 'if-match': '"v2"' })).toMatchObject({ status: 409, json: { detail: `${change.id} is assessed: it can move to approved, rejected or cancelled, not to closed` } });
      expect((await call('alice', 'POST', path, { to: 'approved', comment: 'mine' }, { 'if-match': '*' })).status).toBe(409);
      const decide = (who: string, body: object) => call(who, 'POST', `/api/v1/changes/${change.id}/approvals`, body, { 'if-match': '*' });
      expect((await decide('alice', { decision: 'approved', comment: 'mine' })).status).toBe(403);
      // The main database's tier-1 dependants have owners who must approve; a change manager alone records one approval of several.
      const partial = await decide('carol', { decision: 'approved', comment: 'low risk' });
      expect(partial.json).toMatchObject({ state: 'assessed', approvals: [{ decision: 'approved', by: expect.stringMatching(/^token:carol:/) }] });
      expect(partial.json.assessment.approvers.length).toBeGreaterThan(0);
      const approved = await decide('carol', { decision: 'approved', override: true, comment: 'owners agreed at the CAB' });
      expect(approved.json.transitions.map((t: { to: string }) => t.to)).toEqual(['submitted', 'assessed', 'approved']);
      expect((await call('carol', 'GET', `/api/v1/changes/${change.id}`)).etag).toBe('"v4"');
    });

    it('sends a revised approved change back to assessment, which assesses it again', async () => {
      const revised = await call('alice', 'PUT', '/api/v1/changes/CHG-2', { ...request, title: 'Fail over the main database and its replica' }, { 'if-match': '"v4"' });
      expect(revised).toMatchObject({ status: 200, etag: '"v5"', json: { state: 'assessed', title: 'Fail over the main database and its replica' } });
      // What was approved is no longer what would be done: its approvals are gone with its old assessment.
      expect(revised.json.approvals).toBeUndefined();
    });

    it('lists changes newest first, by state and target, a page at a time', async () => {
      const all = await call('victor', 'GET', '/api/v1/changes');
      expect(all.json.items.map((c: { id: string }) => c.id)).toEqual(['CHG-2', 'CHG-1']);
      // Lists carry summaries: the assessment's risk, clashes and counts, not its impact snapshot.
      const one = (await call('victor', 'GET', '/api/v1/changes/CHG-2')).json;
      expect(all.json.items[0].assessment).toEqual({
        at: one.assessment.at, risk: one.assessment.risk, conflicts: one.assessment.conflicts, collisions: one.assessment.collisions, counts: one.assessment.impact.counts,
      });
      expect((await call('victor', 'GET', '/api/v1/changes?state=draft')).json.items.map((c: { id: string }) => c.id)).toEqual(['CHG-1']);
      expect((await call('victor', 'GET', '/api/v1/changes?target=svc-checkout')).json.items).toEqual([]);
      const first = await call('victor', 'GET', '/api/v1/changes?limit=1');
      const second = await call('victor', 'GET', `/api/v1/changes?limit=1&cursor=${first.json.nextCursor}`);
      expect([first.json.items[0].id, second.json.items[0].id]).toEqual(['CHG-2', 'CHG-1']);
    });

    it('takes a failed change to closed only through its post-implementation review', async () => {
      const { json: change } = await call('alice', 'POST', '/api/v1/changes', request);
      const move = (who: string, to: string, comment = '') => call(who, 'POST', `/api/v1/changes/${change.id}/transitions`, { to, comment }, { 'if-match': '*' });
      await move('alice', 'submitted');
      await call('carol', 'POST', `/api/v1/changes/${change.id}/approvals`, { decision: 'approved', override: true, comment: 'ok' }, { 'if-match': '*' });
      for (const to of ['scheduled', 'in_progress']) await move('alice', to);
      expect((await call('alice', 'PUT', `/api/v1/changes/${change.id}/review`, { findings: 'too early' }, { 'if-match': '*' })).json).toMatchObject({ status: 409 });
      await move('alice', 'failed', 'the replica did not take over');
      expect((await move('alice', 'closed')).json).toMatchObject({ status: 409, detail: `${change.id} failed: write its post-implementation review (findings, follow-up) before closing it` });
      const reviewed = await call('alice', 'PUT', `/api/v1/changes/${change.id}/review`, { findings: 'the replica lagged 40 s', followUp: 'alert on lag' }, { 'if-match': '*' });
      expect(reviewed.json.review).toMatchObject({ findings: 'the replica lagged 40 s', followUp: 'alert on lag', by: expect.stringMatching(/^token:alice:/) });
      expect((await move('alice', 'closed')).json.state).toBe('closed');
    });

    it('tells whether a change\'s assessment still holds, and assesses an assessed one again', async () => {
      const { json: change } = await call('alice', 'POST', '/api/v1/changes', request);
      await call('alice', 'POST', `/api/v1/changes/${change.id}/transitions`, { to: 'submitted' }, { 'if-match': '"v1"' });
      const check = await call('victor', 'GET', `/api/v1/changes/${change.id}/assessment`);
      expect(check.json).toMatchObject({ current: true, reasons: [], assessment: { impactedIds: expect.arrayContaining(['grp-pg-main']) } });
      const again = await call('alice', 'POST', `/api/v1/changes/${change.id}/assessment`, undefined, { 'if-match': '"v2"' });
      expect(again).toMatchObject({ status: 200, etag: '"v3"', json: { state: 'assessed' } });
      // CHG-3 is closed (the review test above).
      expect((await call('alice', 'POST', '/api/v1/changes/CHG-3/assessment', undefined, { 'if-match': '*' })).json).toMatchObject({ status: 409, detail: 'CHG-3 is closed: only an assessed change is assessed again' });
    });

    it('keeps the calendar: change managers record freezes and maintenance windows, and everyone reads the schedule', async () => {
      const freeze = { kind: 'freeze', id: 'year-end', name: 'Year-end freeze', start: '2037-12-20T00:00:00Z', end: '2038-01-04T00:00:00Z' };
      expect((await call('alice', 'PUT', '/api/v1/freezes/year-end', freeze)).status).toBe(403);
      expect((await call('carol', 'PUT', '/api/v1/freezes/other', freeze)).json).toMatchObject({ status: 400, problems: [{ field: 'id' }] });
      // The kind is the collection's: a body may leave it out.
      const { kind: _kind, ...withoutKind } = freeze;
      expect((await call('carol', 'PUT', '/api/v1/freezes/year-end', withoutKind)).json).toEqual(freeze);
      const nights = { id: 'pg-nights', name: 'PostgreSQL nights', service: 'grp-pg-main', days: ['sun'], start: '02:00', durationMinutes: 120, timeZone: 'Europe/Paris' };
      expect((await call('carol', 'PUT', '/api/v1/maintenance-windows/pg-nights', { ...nights, kind: 'freeze' })).status).toBe(400);
      expect((await call('carol', 'PUT', '/api/v1/maintenance-windows/year-end', { ...nights, id: 'year-end' })).json).toMatchObject({ status: 409, detail: '"year-end" is the id of a freeze: choose another id' });
      expect((await call('carol', 'PUT', '/api/v1/maintenance-windows/pg-nights', nights)).status).toBe(200);
      const calendar = await call('victor', 'GET', '/api/v1/changes/calendar?from=2037-12-14T00:00:00Z&to=2037-12-28T00:00:00Z');
      expect(calendar.json.freezes).toEqual([freeze]);
      expect(calendar.json.maintenance).toEqual([{ id: 'pg-nights', name: 'PostgreSQL nights', service: 'grp-pg-main', opens: [
        { start: '2037-12-20T01:00:00.000Z', end: '2037-12-20T03:00:00.000Z' }, { start: '2037-12-27T01:00:00.000Z', end: '2037-12-27T03:00:00.000Z' },
      ] }]);
      // Every change of this file falls on 2037-12-20 (in the freeze): listed by window, with what their assessment found.
      expect(calendar.json.changes.length).toBeGreaterThan(0);
      expect(calendar.json.changes.every((c: { window: { start: string } }) => c.window.start.startsWith('2037-12-20'))).toBe(true);
      expect((await call('victor', 'GET', '/api/v1/changes/calendar?from=2037-12-14T00:00:00Z&to=2038-12-28T00:00:00Z')).json).toMatchObject({ status: 400 });
      expect((await call('carol', 'DELETE', '/api/v1/freezes/pg-nights')).status).toBe(404);
      expect((await call('carol', 'DELETE', '/api/v1/maintenance-windows/pg-nights')).status).toBe(204);
      expect((await call('victor', 'GET', '/api/v1/maintenance-windows')).json.items).toEqual([]);
      expect((await call('victor', 'GET', '/api/v1/freezes')).json.items.map((e: { id: string }) => e.id)).toEqual(['year-end']);
    });

    it('approves a standard change by the template change managers recorded, and refuses one outside it', async () => {
      const template = { id: 'pg-member-restart', name: 'Restart one PostgreSQL member', targets: ['db-pg-main-01-a', 'db-pg-main-02-b', 'db-pg-main-03-c'], effects: ['down'], maxRisk: 'very_high' };
      expect((await call('alice', 'PUT', '/api/v1/change-templates/pg-member-restart', template)).status).toBe(403);
      expect((await call('carol', 'PUT', '/api/v1/change-templates/pg-member-restart', template)).json).toEqual({ ...template, description: '' });
      expect((await call('victor', 'GET', '/api/v1/change-templates')).json.items.map((t: { id: string }) => t.id)).toEqual(['pg-member-restart']);
      const standard = { ...request, title: 'Restart a PostgreSQL member', type: 'standard', template: 'pg-member-restart', window: { ...request.window, start: '2037-12-21T22:00:00+01:00', end: '2037-12-21T22:30:00+01:00' } };
      const outside = await call('alice', 'POST', '/api/v1/changes', { ...standard, targets: [{ id: 'grp-pg-main', effect: 'down' }] });
      expect(outside).toMatchObject({ status: 409, json: { detail: expect.stringContaining('grp-pg-main (RedundancyGroup) is not among the CIs or types it allows') } });
      const { json: change } = await call('alice', 'POST', '/api/v1/changes', { ...standard, targets: [{ id: 'db-pg-main-02-b', effect: 'down' }] });
      const submitted = await call('alice', 'POST', `/api/v1/changes/${change.id}/transitions`, { to: 'submitted', comment: 'monthly' }, { 'if-match': '"v1"' });
      expect(submitted.json).toMatchObject({ state: 'approved', approvals: [{ decision: 'approved', template: 'pg-member-restart', by: 'trellis' }] });
      expect((await call('carol', 'DELETE', '/api/v1/change-templates/pg-member-restart')).status).toBe(204);
      expect((await call('victor', 'GET', '/api/v1/change-templates/pg-member-restart')).status).toBe(404);
      expect((await call('alice', 'POST', '/api/v1/changes', standard)).json).toMatchObject({ status: 404, detail: expect.stringContaining('no standard-change template has the id "pg-member-restart"') });
    });
  });
}
