import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Client = typeof import('../../web/api/client.ts');

/** A stand-in for the server: answers each request with `respond` and records what was sent. */
function fakeServer(respond: (url: string, init: RequestInit) => { status: number; body?: unknown }) {
  const sent: { url: string; method: string; csrf: string | undefined }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    sent.push({ url, method: init.method ?? 'GET', csrf: headers['x-csrf-token'] });
    const { status, body } = respond(url, init);
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

/** The client module afresh: it remembers the session's token between requests. */
async function freshClient(): Promise<Client> {
  vi.resetModules();
  return import('../../web/api/client.ts');
}

describe('writes carry the session\'s CSRF token', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('reads the session before the first write, sends its token on writes only', async () => {
    const sent = fakeServer((url) => (url === '/api/v1/session' ? { status: 200, body: { csrfToken: 'tok-1' } } : { status: 200, body: {} }));
    const client = await freshClient();
    await client.requestJson('/api/v1/overview');
    await client.sendJson('/api/v1/impact', 'POST', { targets: [] });
    await client.requestJson('/api/v1/imports?dryRun=true', { method: 'POST', body: '{}' });
    expect(sent).toEqual([
      { url: '/api/v1/overview', method: 'GET', csrf: undefined },
      { url: '/api/v1/session', method: 'GET', csrf: undefined },
      { url: '/api/v1/impact', method: 'POST', csrf: 'tok-1' },
      { url: '/api/v1/imports?dryRun=true', method: 'POST', csrf: 'tok-1' },
    ]);
  });

  it('sends no token in open mode, where the session has none', async () => {
    const sent = fakeServer((url) => (url === '/api/v1/session' ? { status: 200, body: { authRequired: false } } : { status: 200, body: {} }));
    const client = await freshClient();
    client.rememberCsrfToken(undefined);
    await client.sendJson('/api/v1/impact', 'POST', {});
    expect(sent).toEqual([{ url: '/api/v1/impact', method: 'POST', csrf: undefined }]);
  });

  it('refused for its token (a session renewed elsewhere), a write is sent once more with the fresh one', async () => {
    let posts = 0;
    const sent = fakeServer((url, init) => {
      if (url === '/api/v1/session') return { status: 200, body: { csrfToken: 'tok-new' } };
      posts += init.method === 'POST' ? 1 : 0;
      return posts === 1 ? { status: 403, body: { code: 'csrf', detail: 'a write with the session cookie must carry the X-CSRF-Token header' } } : { status: 200, body: { ok: true } };
    });
    const client = await freshClient();
    client.rememberCsrfToken('tok-old');
    await expect(client.sendJson('/api/v1/upstream', 'POST', {})).resolves.toEqual({ ok: true });
    expect(sent.map((s) => s.csrf)).toEqual(['tok-old', undefined, 'tok-new']);
  });

  it('does not retry any other refusal', async () => {
    const sent = fakeServer(() => ({ status: 403, body: { code: 'forbidden', detail: 'your role may not import' } }));
    const client = await freshClient();
    client.rememberCsrfToken('tok');
    await expect(client.sendJson('/api/v1/imports', 'POST', {})).rejects.toMatchObject({ status: 403, problem: { code: 'forbidden' } });
    expect(sent).toHaveLength(1);
  });
});
