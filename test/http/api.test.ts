import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';

describe('HTTP API (embedded store)', () => {
  let server: RunningServer;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' || Buffer.isBuffer(body) ? (body as string) : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    // fetch refuses TRACE; node:http sends anything.
    if (method === 'TRACE') return rawRequest(method, path, headers);
    const res = await fetch(`${server.url}${path}`, init);
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', headers: headersOf(res.headers), body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };
  const headersOf = (headers: Headers) => {
    const all: Record<string, string | undefined> = {};
    headers.forEach((value, name) => (all[name] = value));
    return all;
  };
  /** A request with headers fetch would not send (Host, TRACE). */
  const rawRequest = (method: string, path: string, headers: Record<string, string>) => new Promise<{ status: number; type: string; headers: Record<string, string | undefined>; body: any }>((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'] ?? '', headers: res.headers as Record<string, string>, body: text && res.headers['content-type']?.includes('json') ? JSON.parse(text) : text }));
    });
    req.on('error', reject);
    req.end();
  });

  beforeAll(async () => {
    const config = loadConfig({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-api-')), PORT: '1', HOST: '127.0.0.1' });
    server = await startServer({ ...config, http: { ...config.http, port: 0 } }, pino({ level: 'silent' }));
  });
  afterAll(async () => server.stop());

  it('runs an import from a file sent as the body, lists it, and refuses what it cannot read', async () => {
    const state = { version: 4, lineage: 'api-test', resources: [{ mode: 'managed', type: 'aws_sqs_queue', name: 'q', instances: [{ attributes: { arn: 'arn:aws:sqs:eu-west-1:111122223333:orders', id: 'https://sqs/orders' } }] }] };
    const dry = await call('POST', '/api/v1/imports?kind=terraform&name=api.tfstate&dryRun=true', state);
    expect(dry).toMatchObject({ status: 200, body: { run: { status: 'dry-run', counts: { created: 1 } }, diff: { created: ['arn:aws:sqs:eu-west-1:111122223333:orders'] } } });
    expect((await call('GET', '/api/v1/cis/arn%3Aaws%3Asqs%3Aeu-west-1%3A111122223333%3Aorders')).status).toBe(404);
    const applied = await call('POST', '/api/v1/imports?name=api.tfstate', state, { 'x-trellis-actor': 'pipeline' });
    // The actor is who authenticated (open mode: anonymous), never a name the client sends.
    expect(applied).toMatchObject({ status: 200, body: { run: { status: 'applied', actor: 'anonymous', scopes: ['terraform:api-test'] } } });
    expect((await call('GET', '/api/v1/imports')).body.items[0]).toMatchObject({ source: 'terraform', input: 'api.tfstate' });
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\n';
    expect(await call('POST', '/api/v1/imports?name=settings.yaml&cluster=prod', manifest, { 'content-type': 'application/yaml' })).toMatchObject({ status: 200, body: { run: { source: 'kubernetes' } } });
    expect(await call('POST', '/api/v1/imports?kind=terraform&name=bad.tfstate', '{"version": 9}', { 'content-type': 'text/plain' })).toMatchObject({ status: 400, body: { code: 'invalid' } });
    expect(await call('POST', '/api/v1/imports?kind=estate&name=e.yaml', 'version: 1', { 'content-type': 'text/plain' })).toMatchObject({ status: 400 });
    expect(await call('POST', '/api/v1/imports?kind=terraform', state)).toMatchObject({ status: 400, body: { code: 'invalid' } });
  });

  it('retires stale CIs: a dry run lists them, a real one removes them, both within the grace period given', async () => {
    const queue = (name: string) => ({ mode: 'managed', type: 'aws_sqs_queue', name, instances: [{ attributes: { arn: `arn:aws:sqs:eu-west-1:111122223333:${name}`, id: `https://sqs/${name}` } }] });
    await call('POST', '/api/v1/imports?kind=terraform&name=retire.tfstate', { version: 4, lineage: 'retire-test', resources: [queue('old'), queue('kept')] });
    await call('POST', '/api/v1/imports?kind=terraform&name=retire.tfstate', { version: 4, lineage: 'retire-test', resources: [queue('kept')] });
    const old = 'arn:aws:sqs:eu-west-1:111122223333:old';
    expect((await call('GET', '/api/v1/cis?stale=true')).body.items.map((ci: { id: string }) => ci.id)).toEqual([old]);
    expect(await call('POST', '/api/v1/imports/retire-stale?dryRun=true')).toMatchObject({ status: 200, body: { dryRun: true, graceDays: 30, cis: [] } });
    expect(await call('POST', '/api/v1/imports/retire-stale?dryRun=true&olderThanDays=0')).toMatchObject({ status: 200, body: { dryRun: true, graceDays: 0, cis: [old] } });
    expect((await call('GET', `/api/v1/cis/${encodeURIComponent(old)}`)).status).toBe(200);
    expect(await call('POST', '/api/v1/imports/retire-stale?olderThanDays=0')).toMatchObject({ status: 200, body: { dryRun: false, cis: [old] } });
    expect((await call('GET', `/api/v1/cis/${encodeURIComponent(old)}`)).status).toBe(404);
    expect(await call('POST', '/api/v1/imports/retire-stale?olderThanDays=-1')).toMatchObject({ status: 400, body: { code: 'invalid' } });
  });

  it('exposes Prometheus metrics by route template, with store calls and import runs', async () => {
    await call('GET', '/api/v1/cis/svc-nothing');
    const metrics = await call('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toContain('text/plain');
    expect(metrics.body).toMatch(/trellis_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/cis\/\{id\}",status="404"\} [1-9]/);
    expect(metrics.body).toMatch(/trellis_store_call_duration_seconds_count\{store="embedded",method="findCI",outcome="ok"\} [1-9]/);
    expect(metrics.body).toMatch(/trellis_import_runs_total\{kind="terraform",outcome="ok"\} [1-9]/);
    expect(metrics.body).toContain('trellis_http_requests_in_flight');
    expect(metrics.body).toContain('trellis_nodejs_eventloop_lag_seconds');
  });

  it('answers health and readiness', async () => {
    expect(await call('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await call('GET', '/readyz')).toMatchObject({ status: 200, body: { status: 'ready', store: 'embedded', auth: 'open' } });
  });

  it('creates, reads, replaces, searches and withdraws CIs, each write on the version it read', async () => {
    const created = await call('POST', '/api/v1/cis', { id: 'svc-x', type: 'Service', name: 'X', criticality: 2 });
    expect(created).toMatchObject({ status: 201, body: { id: 'svc-x', attributes: { criticality: 2 }, meta: { source: 'api:anonymous' } } });
    expect(created.headers.location).toBe('/api/v1/cis/svc-x');
    expect(await call('POST', '/api/v1/cis', { id: 'svc-x', type: 'Service', name: 'Again' })).toMatchObject({ status: 409, body: { code: 'already_exists', ids: ['svc-x'] } });
    const etag = created.headers.etag!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(await call('PUT', '/api/v1/cis/svc-x', { type: 'Service', name: 'X2' })).toMatchObject({ status: 428, body: { code: 'precondition_required' } });
    const replaced = await call('PUT', '/api/v1/cis/svc-x', { type: 'Service', name: 'X2', criticality: 1 }, { 'if-match': etag });
    expect(replaced).toMatchObject({ status: 200, body: { name: 'X2' } });
    expect(replaced.headers.etag).not.toBe(etag);
    const stale = await call('PUT', '/api/v1/cis/svc-x', { type: 'Service', name: 'X3' }, { 'if-match': etag });
    expect(stale).toMatchObject({ status: 412, body: { code: 'precondition_failed' } });
    expect(stale.headers.etag).toBe(replaced.headers.etag);
    const read = await call('GET', '/api/v1/cis/svc-x');
    expect(read).toMatchObject({ status: 200, body: { id: 'svc-x', name: 'X2' } });
    expect(read.headers.etag).toBe(replaced.headers.etag);
    const patched = await call('PATCH', '/api/v1/cis/svc-x', { name: 'X4', criticality: null }, { 'if-match': read.headers.etag!, 'content-type': 'application/merge-patch+json' });
    expect(patched).toMatchObject({ status: 200, body: { name: 'X4', attributes: {} } });
    expect(await call('GET', '/api/v1/cis/svc-x/relationships')).toMatchObject({ status: 200, body: { ci: { name: 'X4' }, outgoing: [], incoming: [] } });
    expect(await call('GET', '/api/v1/cis?q=x4')).toMatchObject({ status: 200, body: { total: 1 } });
    const history = await call('GET', '/api/v1/cis/svc-x/history');
    expect(history.body.items.map((h: { operation: string }) => h.operation)).toEqual(['created', 'changed', 'changed']);
    expect(await call('DELETE', '/api/v1/cis/svc-x')).toMatchObject({ status: 428 });
    expect((await call('DELETE', '/api/v1/cis/svc-x', undefined, { 'if-match': '*' })).status).toBe(204);
    expect(await call('GET', '/api/v1/cis/svc-x')).toMatchObject({ status: 404, body: { code: 'not_found', ids: ['svc-x'] } });
    expect((await call('GET', '/api/v1/cis/svc-x/history')).body.items).toHaveLength(4);
    // Not a CI id (a relationship key's start): refused, not read as a prefix of history keys.
    expect(await call('GET', '/api/v1/cis/svc-x%20DEPENDS_ON/history')).toMatchObject({ status: 400, body: { code: 'invalid' } });
  });

  it('pages a search with cursors that lose and repeat nothing', async () => {
    for (const n of [1, 2, 3, 4, 5]) await call('POST', '/api/v1/cis', { id: `page-${n}`, type: 'Component', name: `Paged ${n}` });
    const seen: string[] = [];
    let path = '/api/v1/cis?q=paged&limit=2';
    for (;;) {
      const page = await call('GET', path);
      seen.push(...page.body.items.map((ci: { id: string }) => ci.id));
      if (!page.body.nextCursor) break;
      path = `/api/v1/cis?q=paged&limit=2&cursor=${page.body.nextCursor}`;
    }
    expect(seen).toEqual(['page-1', 'page-2', 'page-3', 'page-4', 'page-5']);
    expect(await call('GET', '/api/v1/cis?cursor=bm90LWEtY3Vyc29y')).toMatchObject({ status: 400, body: { problems: [{ field: 'cursor' }] } });
  });

  it('handles ids with slashes and colons', async () => {
    const id = 'arn:aws:s3:::bucket/with/slashes';
    expect((await call('POST', '/api/v1/cis', { id, type: 'Component', name: 'Bucket' })).status).toBe(201);
    expect(await call('GET', `/api/v1/cis/${encodeURIComponent(id)}`)).toMatchObject({ status: 200, body: { id } });
  });

  it('creates, reads, replaces and withdraws relationships on their versions', async () => {
    await call('POST', '/api/v1/cis', { id: 'a', type: 'Service', name: 'A' });
    await call('POST', '/api/v1/cis', { id: 'b', type: 'Component', name: 'B' });
    const created = await call('POST', '/api/v1/relationships', { from: 'a', type: 'DEPENDS_ON', to: 'b', strength: 'soft' });
    expect(created).toMatchObject({ status: 201 });
    expect(created.headers.location).toBe('/api/v1/relationships/a/DEPENDS_ON/b');
    expect(await call('POST', '/api/v1/relationships', { from: 'a', type: 'DEPENDS_ON', to: 'b' })).toMatchObject({ status: 409 });
    expect(await call('GET', '/api/v1/relationships?ci=b')).toMatchObject({ body: { items: [{ from: 'a', strength: 'soft' }] } });
    const read = await call('GET', '/api/v1/relationships/a/DEPENDS_ON/b');
    expect(read).toMatchObject({ status: 200, body: { strength: 'soft' } });
    expect(read.headers.etag).toBe(created.headers.etag);
    const hard = await call('PUT', '/api/v1/relationships/a/DEPENDS_ON/b', { note: 'now hard' }, { 'if-match': read.headers.etag! });
    expect(hard).toMatchObject({ status: 200, body: { from: 'a', type: 'DEPENDS_ON', to: 'b', attributes: { note: 'now hard' } } });
    expect(await call('DELETE', '/api/v1/relationships/a/DEPENDS_ON/b', undefined, { 'if-match': read.headers.etag! })).toMatchObject({ status: 412 });
    expect((await call('DELETE', '/api/v1/relationships/a/DEPENDS_ON/b', undefined, { 'if-match': hard.headers.etag! })).status).toBe(204);
    expect(await call('DELETE', '/api/v1/relationships/a/DEPENDS_ON/b', undefined, { 'if-match': '*' })).toMatchObject({ status: 404 });
  });

  it('answers bad input with 400 problem+json naming the field', async () => {
    const bad = await call('POST', '/api/v1/cis', { id: 'y', type: 'Service', name: 'Y', criticality: 7 });
    expect(bad.type).toContain('application/problem+json');
    expect(bad).toMatchObject({ status: 400, body: { code: 'invalid', status: 400, problems: [{ field: 'criticality' }] } });
    expect(await call('POST', '/api/v1/cis', '{not json')).toMatchObject({ status: 400, body: { code: 'invalid', problems: [{ entry: 'body' }] } });
    expect(await call('POST', '/api/v1/cis', '{"id":"z","type":"Service","name":"Z","__proto__":{"admin":true}}')).toMatchObject({ status: 400 });
    expect(await call('PUT', '/api/v1/cis/one', { id: 'two', type: 'Service', name: 'N' })).toMatchObject({ status: 400, body: { problems: [{ field: 'id' }] } });
    expect(await call('GET', '/api/v1/cis?limit=5000')).toMatchObject({ status: 400, body: { problems: [{ field: 'limit' }] } });
    expect(await call('GET', '/api/v1/nothing-here')).toMatchObject({ status: 404, body: { code: 'no_route' } });
    expect(await call('GET', '/api/v1/estate?format=AAA')).toMatchObject({ status: 400, body: { problems: [{ field: 'format' }] } });
    expect(await call('POST', '/api/v1/upstream', { symptoms: ['a'], since: '99999999999w' })).toMatchObject({ status: 400, body: { problems: [{ field: 'since' }] } });
  });

  it('refuses hostile bodies by name: nesting too deep, invalid UTF-8, unknown media types; other methods are 405', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    for (const path of ['/api/v1/cis', '/api/v1/impact', '/api/v1/estate']) {
      expect(await call('POST', path, deep), path).toMatchObject({ status: 400, body: { problems: [{ message: expect.stringMatching(/nested deeper than/) }] } });
    }
    const invalidUtf8 = Buffer.concat([Buffer.from('{"id":"u","type":"Service","name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect(await call('POST', '/api/v1/cis', invalidUtf8)).toMatchObject({ status: 400, body: { problems: [{ message: expect.stringMatching(/invalid UTF-8 at byte 35/) }] } });
    expect(await call('GET', '/api/v1/cis?q=%C3%28')).toMatchObject({ status: 400, body: { problems: [{ message: expect.stringMatching(/parameter "q" is not valid percent-encoded UTF-8/) }] } });
    expect(await call('POST', '/api/v1/cis', '{}', { 'content-type': 'text/plain' })).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
    const trace = await call('TRACE', '/api/v1/cis');
    expect(trace).toMatchObject({ status: 405, body: { code: 'method_not_allowed' } });
    expect(trace.headers.allow).toBe('GET, POST, HEAD');
    expect((await call('PATCH', '/api/v1/estate', {})).status).toBe(405);
  });

  it('refuses writes from another site and requests to a host it is not', async () => {
    const crossSite = await call('POST', '/api/v1/estate', 'version: 1\ncis: []\n', { 'content-type': 'application/yaml', origin: 'http://evil.example' });
    expect(crossSite).toMatchObject({ status: 403, body: { code: 'cross_site' } });
    expect(await call('POST', '/api/v1/imports?name=x.tfstate', '{}', { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' })).toMatchObject({ status: 403 });
    const rebound = await rawRequest('GET', '/api/v1/cis', { host: 'attacker.example' });
    expect(rebound).toMatchObject({ status: 421, body: { code: 'host_not_allowed' } });
  });

  it('gives every answer a request id (the caller\'s when well-formed) and security headers', async () => {
    const answer = await call('GET', '/api/v1/overview', undefined, { 'x-request-id': 'trace-123' });
    expect(answer.headers['x-request-id']).toBe('trace-123');
    expect((await call('GET', '/api/v1/overview', undefined, { 'x-request-id': 'bad id with spaces' })).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('imports an estate file as YAML, rejects a bad one whole, and exports', async () => {
    const yaml = 'version: 1\ncis:\n  - { id: e1, type: Team, name: E1 }\n  - { id: e2, type: Service, name: E2 }\nrelationships:\n  - { from: e2, type: OWNED_BY, to: e1 }\n';
    expect(await call('POST', '/api/v1/estate', yaml, { 'content-type': 'application/yaml' })).toMatchObject({ status: 200, body: { created: 3 } });
    const bad = 'version: 1\ncis:\n  - { id: e3, type: Service, name: E3 }\nrelationships:\n  - { from: e3, type: DEPENDS_ON, to: nowhere }\n';
    expect(await call('POST', '/api/v1/estate', bad, { 'content-type': 'application/yaml' }))
      .toMatchObject({ status: 400, body: { problems: [{ entry: 'relationships[0] (e3 DEPENDS_ON nowhere)', field: 'to' }] } });
    expect(await call('GET', '/api/v1/cis/e3')).toMatchObject({ status: 404 });
    const exported = await call('GET', '/api/v1/estate?format=json');
    expect(exported.body.cis.map((ci: { id: string }) => ci.id)).toContain('e2');
  });

  describe('analyses', () => {
    beforeAll(async () => {
      const yaml = [
        'version: 1',
        'cis:',
        '  - { id: z-svc, type: Service, name: Shop, criticality: 1 }',
        '  - { id: z-db, type: Component, name: DB, kind: database }',
        '  - { id: z-team, type: Team, name: Team Z }',
        'relationships:',
        '  - { from: z-svc, type: DEPENDS_ON, to: z-db }',
        '  - { from: z-svc, type: OWNED_BY, to: z-team }',
      ].join('\n');
      await call('POST', '/api/v1/estate', yaml, { 'content-type': 'application/yaml' });
    });

    it('answers impact with impacted CIs, services and teams to notify', async () => {
      const res = await call('POST', '/api/v1/impact', { targets: [{ id: 'z-db', effect: 'down' }] });
      expect(res.status).toBe(200);
      expect(res.body.impacted).toEqual([
        { id: 'z-db', type: 'Component', name: 'DB', state: 'down', depth: 0, path: ['z-db'] },
        { id: 'z-svc', type: 'Service', name: 'Shop', state: 'down', depth: 1, path: ['z-db', 'z-svc'] },
      ]);
      expect(res.body.services).toEqual([expect.objectContaining({ id: 'z-svc', criticality: 1 })]);
      expect(res.body.notify).toEqual([expect.objectContaining({ id: 'z-team', name: 'Team Z' })]);
    });

    it('answers upstream with dependencies, ranked candidates and the signals used', async () => {
      const res = await call('POST', '/api/v1/upstream', { symptoms: ['z-svc'] });
      expect(res.status).toBe(200);
      expect(res.body.dependencies).toEqual([{ id: 'z-db', type: 'Component', name: 'DB', depth: 1, path: ['z-svc', 'z-db'], reliedOnBy: ['z-svc'] }]);
      expect(res.body.candidates).toEqual([expect.objectContaining({ id: 'z-db', name: 'DB', rank: 1 })]);
      expect(res.body.signals).toContain('shared_by_symptoms');
    });

    it('names an unknown target with 404, and rejects bad requests with 400', async () => {
      expect(await call('POST', '/api/v1/impact', { targets: [{ id: 'z-nope' }] })).toMatchObject({ status: 404, body: { code: 'not_found', ids: ['z-nope'] } });
      expect(await call('POST', '/api/v1/impact', { targets: [{ id: 'z-db', effect: 'exploded' }] })).toMatchObject({ status: 400, body: { problems: [{ field: 'targets.0.effect' }] } });
      expect(await call('POST', '/api/v1/impact', { targets: [] })).toMatchObject({ status: 400, body: { problems: [{ field: 'targets' }] } });
      const many = Array.from({ length: 1001 }, () => ({ id: 'z-db' }));
      expect(await call('POST', '/api/v1/impact', { targets: many })).toMatchObject({ status: 400, body: { problems: [{ field: 'targets' }] } });
      expect(await call('POST', '/api/v1/upstream', { symptoms: ['z-svc'], since: 'yesterday' })).toMatchObject({ status: 400, body: { problems: [{ field: 'since' }] } });
      expect(await call('POST', '/api/v1/upstream', { symptoms: ['z-svc'], since: '2024-13-45' })).toMatchObject({ status: 400, body: { problems: [{ field: 'since' }] } });
      expect(await call('POST', '/api/v1/relationships', { from: 'z-svc', type: 'CONNECTS_TO', to: 'z-db', attributes: 5 })).toMatchObject({ status: 400, body: { problems: [{ field: 'attributes' }] } });
    });

    it('answers a traversal past the size limit with a clear error, or a truncated answer when asked', async () => {
      expect(await call('POST', '/api/v1/impact', { targets: [{ id: 'z-db' }], maxCIs: 1 })).toMatchObject({ status: 400, body: { code: 'limit_exceeded', limit: 1 } });
      const bounded = await call('POST', '/api/v1/impact', { targets: [{ id: 'z-db' }], maxCIs: 1, onLimit: 'truncate' });
      expect(bounded).toMatchObject({ status: 200, body: { truncated: true, counts: { impacted: 1 } } });
    });
  });
});
