import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, rolesAllow, type Role } from '../../schema/roles.ts';
import { createApiToken } from '../../server/auth/apiTokens.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { routesOfApp, type MountedRoute } from './routesOfApp.ts';

const by = { actor: 'cli:test', clientAddress: 'local', requestId: 'test' };
const samples: Record<string, string> = { id: 'svc-checkout', from: 'svc-checkout', type: 'DEPENDS_ON', to: 'grp-pg-main' };

/** A path of a route with its parameters filled in (a token id for token routes). */
function pathOf(route: MountedRoute): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => (route.path.startsWith('/api/v1/tokens') ? '0123456789abcdef' : encodeURIComponent(samples[name] ?? 'x')));
}

describe('authorization: every route of the app, every role', () => {
  let server: RunningServer;
  const tokens = new Map<Role | 'expired' | 'revoked', string>();
  const send = async (route: MountedRoute, token?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'if-match': '*' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${server.url}${pathOf(route)}${route.path === '/api/v1/imports' ? '?name=x.json&dryRun=true' : ''}`, {
      method: route.method.toUpperCase(), headers, body: route.spec.body ? '{}' : undefined,
    });
    await res.arrayBuffer();
    return res.status;
  };

  beforeAll(async () => {
    const config = loadConfig({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-authz-')), TRELLIS_AUTH: 'required', TRELLIS_DEMO: 'true', TRELLIS_RATE_LIMIT: '0' });
    server = await startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, pino({ level: 'silent' }));
    for (const role of roles) tokens.set(role, (await createApiToken(server.store, { name: `t-${role}`, role }, by)).secret);
    tokens.set('expired', (await createApiToken(server.store, { name: 'old', role: 'admin', expiresAt: '2020-01-01T00:00:00Z' }, by)).secret);
    const revoked = await createApiToken(server.store, { name: 'gone', role: 'admin' }, by);
    await server.store.revokeToken(revoked.token.id, new Date().toISOString(), { ...by, action: 'token.revoke', target: revoked.token.id });
    tokens.set('revoked', revoked.secret);
  });
  afterAll(async () => server.stop());

  it('finds the routes on the router itself, each with its permission', () => {
    const routes = routesOfApp(server.app);
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['delete /api/v1/cis/:id', 'post /api/v1/imports', 'get /api/v1/audit']));
  });

  it('answers 401 without credentials, 403 to each role without the permission, and neither to a role with it', async () => {
    const wrong: string[] = [];
    for (const route of routesOfApp(server.app)) {
      const name = `${route.method.toUpperCase()} ${route.path}`;
      const anonymous = await send(route);
      if (route.spec.permission === 'public') {
        if ([401, 403].includes(anonymous)) wrong.push(`${name}: public, answered ${anonymous}`);
        continue;
      }
      if (anonymous !== 401) wrong.push(`${name}: no credentials answered ${anonymous}`);
      for (const role of roles) {
        const status = await send(route, tokens.get(role));
        const allowed = rolesAllow([role], route.spec.permission);
        if (allowed && [401, 403].includes(status)) wrong.push(`${name}: ${role} may, answered ${status}`);
        if (!allowed && status !== 403) wrong.push(`${name}: ${role} may not, answered ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses expired, revoked and tampered tokens, and credentials that are not bearer tokens', async () => {
    const route = routesOfApp(server.app).find((r) => r.method === 'get' && r.path === '/api/v1/overview')!;
    const admin = tokens.get('admin')!;
    const tampered = `${admin.slice(0, -1)}${admin.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [tokens.get('expired')!, tokens.get('revoked')!, tampered, 'trellis_0000000000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'not-a-token']) {
      expect(await send(route, token), token.slice(0, 30)).toBe(401);
    }
    const basic = await fetch(`${server.url}/api/v1/overview`, { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(basic.status).toBe(401);
    expect(basic.headers.get('www-authenticate')).toContain('Bearer');
    const problem = await (await fetch(`${server.url}/api/v1/overview`, { headers: { authorization: `Bearer ${tokens.get('revoked')}` } })).json();
    expect(problem).toMatchObject({ code: 'unauthenticated', detail: expect.stringMatching(/revoked/) });
  });

  it('records who did what: the token that wrote, never a name the client claims', async () => {
    const editor = tokens.get('editor')!;
    const res = await fetch(`${server.url}/api/v1/cis`, {
      method: 'POST', headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json', 'x-trellis-actor': 'terraform', 'x-request-id': 'audit-me' },
      body: JSON.stringify({ id: 'svc-audited', type: 'Service', name: 'Audited' }),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).meta.source).toMatch(/^api:token:t-editor:/);
    const audit = await (await fetch(`${server.url}/api/v1/audit?ci=svc-audited`, { headers: { authorization: `Bearer ${tokens.get('admin')}` } })).json();
    expect(audit.items).toEqual([expect.objectContaining({ action: 'ci.create', target: 'svc-audited', actor: expect.stringMatching(/^token:t-editor:/), requestId: 'audit-me', clientAddress: expect.stringMatching(/127\.0\.0\.1/), firstSeq: expect.any(Number) })]);
    const history = await (await fetch(`${server.url}/api/v1/cis/svc-audited/history`, { headers: { authorization: `Bearer ${editor}` } })).json();
    expect(history.items[0]).toMatchObject({ seq: audit.items[0].firstSeq, batchId: audit.items[0].batchId });
    // The audit trail has no write route: it is read-only through the API.
    expect(routesOfApp(server.app).filter((r) => r.path.startsWith('/api/v1/audit')).map((r) => r.method)).toEqual(['get']);
  });

  it('lets an admin create, list and revoke tokens; the secret is shown once and works at once', async () => {
    const admin = { authorization: `Bearer ${tokens.get('admin')}`, 'content-type': 'application/json' };
    const created = await (await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'pipeline', role: 'importer' }) })).json();
    expect(created.secret).toMatch(/^trellis_[0-9a-f]{16}_/);
    const listed = await (await fetch(`${server.url}/api/v1/tokens`, { headers: admin })).json();
    expect(JSON.stringify(listed)).not.toContain(created.secret.slice(26));
    expect(JSON.stringify(listed)).not.toContain('secretHash');
    // Paged like every list: one token a page reaches them all, each once.
    const paged: string[] = [];
    for (let cursor: string | undefined = '', pages = 0; cursor !== undefined; pages++) {
      expect(pages).toBeLessThan(20);
      const page = await (await fetch(`${server.url}/api/v1/tokens?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { headers: admin })).json();
      expect(page.items).toHaveLength(1);
      paged.push(page.items[0].id);
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(listed.items.map((token: { id: string }) => token.id));
    const asPipeline = { authorization: `Bearer ${created.secret}` };
    expect((await fetch(`${server.url}/api/v1/overview`, { headers: asPipeline })).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/tokens/${created.token.id}`, { method: 'DELETE', headers: admin })).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/overview`, { headers: asPipeline })).status).toBe(401);
    expect((await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 't-admin', role: 'viewer' }) })).status).toBe(409);
  });

  it('is secure by default: open mode only on loopback, and it says so', async () => {
    const open = loadConfig({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-open-')), HOST: '0.0.0.0' });
    await expect(startServer({ ...open, http: { host: '0.0.0.0', port: 0 } }, pino({ level: 'silent' }))).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without authentication.*TRELLIS_AUTH=required/);
    expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({ status: 'ready', auth: 'required' });
  });
});
