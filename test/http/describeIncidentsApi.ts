import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../schema/roles.ts';
import { createApiToken } from '../../server/auth/apiTokens.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';

// Incidents and the change measures through the HTTP API on the demo estate, with authentication on:
// an editor carries out a change and opens the incident that follows it, a viewer reads.
const by = { actor: 'cli:test', clientAddress: 'local', requestId: 'test' };

export function describeIncidentsApi(name: string, storeEnv: () => Record<string, string>, prepare: () => Promise<void> = async () => {}): void {
  describe(`incidents and change measures through the API on the ${name} store`, { timeout: 300_000 }, () => {
    let server: RunningServer;
    const tokens = new Map<string, string>();
    const call = async (who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${server.url}${path}`, {
        method, headers: { authorization: `Bearer ${tokens.get(who)}`, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, etag: res.headers.get('etag'), json: text ? JSON.parse(text) : undefined };
    };

    beforeAll(async () => {
      await prepare();
      const config = loadConfig({ ...storeEnv(), TRELLIS_AUTH: 'required', TRELLIS_DEMO: 'true', TRELLIS_DEMO_HISTORY: 'false', TRELLIS_RATE_LIMIT: '0' });
      server = await startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, pino({ level: 'silent' }));
      const people: [string, Role][] = [['alice', 'editor'], ['carol', 'change-manager'], ['victor', 'viewer']];
      for (const [name, role] of people) tokens.set(name, (await createApiToken(server.store, { name, role }, by)).secret);
    });
    afterAll(async () => server.stop());

    it('opens an incident after a change on its impact set, flags the change on both records, resolves it, and measures both', async () => {
      const started = new Date().toISOString();
      const request = { title: 'Restart a PostgreSQL member', type: 'normal', targets: [{ id: 'db-pg-main-01-a', effect: 'down' }], window: { start: '2037-12-21T22:00:00Z', end: '2037-12-21T22:30:00Z' } };
      const { json: change } = await call('alice', 'POST', '/api/v1/changes', request);
      const move = (to: string) => call('alice', 'POST', `/api/v1/changes/${change.id}/transitions`, { to }, { 'if-match': '*' });
      await move('submitted');
      await call('carol', 'POST', `/api/v1/changes/${change.id}/approvals`, { decision: 'approved', override: true, comment: 'routine' }, { 'if-match': '*' });
      for (const to of ['scheduled', 'in_progress', 'implemented']) expect((await move(to)).status).toBe(200);

      expect((await call('victor', 'POST', '/api/v1/incidents', { title: 'x', affected: ['db-pg-main-01-a'], urgency: 1 })).status).toBe(403);
      const opened = await call('alice', 'POST', '/api/v1/incidents', { title: 'Replication lag', affected: ['db-pg-main-01-a'], urgency: 2 });
      expect(opened).toMatchObject({ status: 201, etag: '"v1"', json: { id: 'INC-1', state: 'open', suspectedChanges: [{ change: change.id, via: ['db-pg-main-01-a'] }] } });
      expect((await call('victor', 'GET', `/api/v1/incidents?change=${change.id}`)).json.items.map((i: { id: string }) => i.id)).toEqual(['INC-1']);
      expect((await call('alice', 'POST', '/api/v1/incidents', { title: 'x', affected: ['nowhere'], urgency: 1 })).json).toMatchObject({ status: 404 });

      const resolve = (body: object, headers: Record<string, string>) => call('alice', 'POST', '/api/v1/incidents/INC-1/resolution', body, headers);
      expect((await resolve({ resolution: 'failed over' }, {})).status).toBe(428);
      expect((await resolve({ resolution: 'failed over' }, { 'if-match': '"v7"' })).status).toBe(412);
      expect(await resolve({ resolution: 'failed over' }, { 'if-match': '"v1"' })).toMatchObject({ status: 200, etag: '"v2"', json: { state: 'resolved' } });
      expect((await resolve({ resolution: 'again' }, { 'if-match': '*' })).status).toBe(409);

      const stats = await call('victor', 'GET', `/api/v1/changes/stats?from=${started}&to=${new Date(Date.now() + 60_000).toISOString()}`);
      expect(stats.json.measures).toMatchObject({ changes: 1, implemented: 1, followedByIncident: 1, successRate: 1, failureRate: 1, incidentsOpened: 1, incidentsResolved: 1 });
      expect(stats.json.byService.length).toBeGreaterThan(0);
      expect((await call('victor', 'GET', '/api/v1/changes/stats?from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z')).json).toMatchObject({ status: 400, problems: [{ field: 'to' }] });
    });
  });
}
