import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { freePort } from '../setup/localTools.ts';
import { startOidcProvider, type StartedProvider, type TestUser } from '../support/oidcProvider.ts';

const users: TestUser[] = [
  { sub: 'alice', name: 'Alice Admin', email: 'alice@example.test', groups: ['cmdb-admins', 'team-platform'] },
  { sub: 'erin', name: 'Erin Editor', groups: ['cmdb-editors', 'sre'] },
  { sub: 'vic', name: 'Vic Viewer', groups: [] },
];
const audience = 'urn:trellis:api';

/**
 * OpenID Connect against a real provider started here (oidc-provider): bearer
 * JWTs with issuer, audience, algorithm and expiry checked against its JWKS, and
 * the explorer's sign-in by the authorization-code flow with PKCE, ending in a
 * session cookie whose writes need the CSRF token.
 */
describe('OpenID Connect: bearer tokens and sign-in', { timeout: 120_000 }, () => {
  let issuer: StartedProvider;
  let stranger: StartedProvider;
  let server: RunningServer;
  const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init });

  beforeAll(async () => {
    [issuer, stranger] = await Promise.all([startOidcProvider({ users }), startOidcProvider({ users })]);
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const { clientId, clientSecret } = await issuer.registerClient({ redirectUris: [`${publicUrl}/auth/callback`] });
    const config = loadConfig({
      TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-oidc-')), TRELLIS_DEMO: 'true', TRELLIS_RATE_LIMIT: '0',
      TRELLIS_OIDC_ISSUER: issuer.issuer, TRELLIS_OIDC_AUDIENCE: audience, TRELLIS_OIDC_CLIENT_ID: clientId, TRELLIS_OIDC_CLIENT_SECRET: clientSecret,
      TRELLIS_OIDC_ROLE_MAP: JSON.stringify({ 'cmdb-admins': 'admin', 'cmdb-editors': 'editor' }), TRELLIS_OIDC_TEAM_MAP: JSON.stringify({ sre: 'team-sre' }),
      TRELLIS_PUBLIC_URL: publicUrl,
    });
    server = await startServer({ ...config, http: { host: '127.0.0.1', port } }, pino({ level: 'silent' }));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await Promise.all([issuer?.stop(), stranger?.stop()]);
  });

  it('accepts the issuer\'s JWTs with the roles and teams their groups map to', async () => {
    const erin = await issuer.accessTokenFor('erin', { audience });
    const session = await (await api('/api/v1/session', { headers: { authorization: `Bearer ${erin}` } })).json();
    expect(session).toMatchObject({ authRequired: true, signedIn: true, via: 'oidc', user: { actor: 'oidc:erin', displayName: 'Erin Editor', roles: ['editor'], teams: ['cmdb-editors', 'team-sre'] }, permissions: ['read', 'edit', 'change'] });
    const created = await api('/api/v1/cis', { method: 'POST', headers: { authorization: `Bearer ${erin}`, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'svc-by-erin', type: 'Service', name: 'By Erin' }) });
    expect(created.status).toBe(201);
    expect((await created.json()).meta.source).toBe('api:oidc:erin');
    const vic = await issuer.accessTokenFor('vic', { audience });
    expect((await api('/api/v1/overview', { headers: { authorization: `Bearer ${vic}` } })).status).toBe(200);
    expect((await api('/api/v1/cis/svc-by-erin', { method: 'DELETE', headers: { authorization: `Bearer ${vic}`, 'if-match': '*' } })).status).toBe(403);
  });

  it('refuses a JWT from another issuer, for another audience, or expired', async () => {
    const cases = {
      'another issuer': await stranger.accessTokenFor('alice', { audience }),
      'another audience': await issuer.accessTokenFor('alice', { audience: 'urn:other:api' }),
      expired: await issuer.accessTokenFor('alice', { audience, expiresInSeconds: -300 }),
    };
    for (const [why, token] of Object.entries(cases)) {
      const res = await api('/api/v1/overview', { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, why).toBe(401);
      expect((await res.json()).code, why).toBe('unauthenticated');
    }
  });

  it('signs a person in by the authorization-code flow with PKCE; the session cookie writes only with its CSRF token and never cross-site', async () => {
    const login = await api('/auth/login?returnTo=/map');
    expect(login.status).toBe(302);
    const toIssuer = new URL(login.headers.get('location')!);
    expect(toIssuer.origin).toBe(issuer.issuer);
    expect(toIssuer.searchParams.get('code_challenge_method')).toBe('S256');
    const pending = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const back = await issuer.signIn(toIssuer, 'alice');
    expect(back.pathname).toBe('/auth/callback');
    const callback = await api(`${back.pathname}${back.search}`, { headers: { cookie: pending } });
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/map');
    const sessionCookie = callback.headers.getSetCookie().find((c) => c.startsWith('trellis_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Lax/);
    expect(sessionCookie).not.toMatch(/Secure/); // served over plain http here; Secure under an https TRELLIS_PUBLIC_URL
    const cookie = sessionCookie.split(';')[0]!;
    const session = await (await api('/api/v1/session', { headers: { cookie } })).json();
    expect(session).toMatchObject({ signedIn: true, via: 'session', user: { actor: 'oidc:alice', roles: ['admin'] }, csrfToken: expect.any(String) });
    const write = (headers: Record<string, string>) => api('/api/v1/cis', { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ id: `svc-${Object.keys(headers).join('-') || 'bare'}`, type: 'Service', name: 'Cookie write' }) });
    expect(await (await write({})).json()).toMatchObject({ code: 'csrf' });
    expect((await write({ 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await write({ 'x-csrf-token': session.csrfToken, origin: 'http://evil.example' })).status).toBe(403);
    expect((await write({ 'x-csrf-token': session.csrfToken })).status).toBe(201);
    // A forged or altered cookie is no session at all.
    expect((await api('/api/v1/overview', { headers: { cookie: `${cookie.slice(0, -2)}xx` } })).status).toBe(401);
    const out = await api('/auth/logout', { method: 'POST', headers: { cookie, 'x-csrf-token': session.csrfToken } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^trellis_session=;.*Max-Age=0/);
  });

  it('refuses a callback without the sign-in it answers, and never redirects off-site', async () => {
    expect((await api('/auth/callback?code=abc&state=def')).status).toBe(400);
    const login = await api('/auth/login?returnTo=//evil.example/x');
    const pending = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const back = await issuer.signIn(new URL(login.headers.get('location')!), 'vic');
    const callback = await api(`${back.pathname}${back.search}`, { headers: { cookie: pending } });
    expect(callback.headers.get('location')).toBe('/');
  });
});
