import { mkdtempSync } from 'node:fs';
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
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${server.url}${path}`, init);
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };

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
    expect(applied).toMatchObject({ status: 200, body: { run: { status: 'applied', actor: 'pipeline', scopes: ['terraform:api-test'] } } });
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
    expect(await call('POST', '/api/v1/imports/retire-stale?olderThanDays=0', undefined, { 'x-trellis-actor': 'carol' })).toMatchObject({ status: 200, body: { dryRun: false, cis: [old] } });
    expect((await call('GET', `/api/v1/cis/${encodeURIComponent(old)}`)).status).toBe(404);
    expect(await call('POST', '/api/v1/imports/retire-stale?olderThanDays=-1')).toMatchObject({ status: 400, body: { code: 'invalid' } });
  });

  it('answers health and readiness', async () => {
    expect(await call('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await call('GET', '/readyz')).toMatchObject({ status: 200, body: { status: 'ready', store: 'embedded' } });
  });

  it('creates, reads, replaces, searches and withdraws CIs', async () => {
    const created = await call('POST', '/api/v1/cis', { id: 'svc-x', type: 'Service', name: 'X', criticality: 2 }, { 'x-trellis-actor': 'alice' });
    expect(created).toMatchObject({ status: 201, body: { id: 'svc-x', attributes: { criticality: 2 }, meta: { source: 'api:alice' } } });
    expect(await call('PUT', '/api/v1/cis/svc-x', { type: 'Service', name: 'X2', criticality: 1 })).toMatchObject({ status: 200, body: { name: 'X2' } });
    expect(await call('GET', '/api/v1/cis/svc-x')).toMatchObject({ status: 200, body: { ci: { name: 'X2' }, outgoing: [], incoming: [] } });
    expect(await call('GET', '/api/v1/cis?q=x2&attr.criticality=1')).toMatchObject({ status: 200, body: { total: 1 } });
    const history = await call('GET', '/api/v1/cis/svc-x/history');
    expect(history.body.items.map((h: { operation: string }) => h.operation)).toEqual(['created', 'changed']);
    expect((await call('DELETE', '/api/v1/cis/svc-x')).status).toBe(204);
    expect(await call('GET', '/api/v1/cis/svc-x')).toMatchObject({ status: 404, body: { code: 'not_found', ids: ['svc-x'] } });
    expect((await call('GET', '/api/v1/cis/svc-x/history')).body.items).toHaveLength(3);
    // Not a CI id (a relationship key's start): refused, not read as a prefix of history keys.
    expect(await call('GET', '/api/v1/cis/svc-x%20DEPENDS_ON/history')).toMatchObject({ status: 400, body: { code: 'invalid' } });
  });

  it('handles ids with slashes and colons', async () => {
    const id = 'arn:aws:s3:::bucket/with/slashes';
    expect((await call('POST', '/api/v1/cis', { id, type: 'Component', name: 'Bucket' })).status).toBe(201);
    expect(await call('GET', `/api/v1/cis/${encodeURIComponent(id)}`)).toMatchObject({ status: 200, body: { ci: { id } } });
  });

  it('creates and withdraws relationships', async () => {
    await call('POST', '/api/v1/cis', { id: 'a', type: 'Service', name: 'A' });
    await call('POST', '/api/v1/cis', { id: 'b', type: 'Component', name: 'B' });
    expect(await call('POST', '/api/v1/relationships', { from: 'a', type: 'DEPENDS_ON', to: 'b', strength: 'soft' })).toMatchObject({ status: 201 });
    expect(await call('GET', '/api/v1/relationships?ci=b')).toMatchObject({ body: { items: [{ from: 'a', strength: 'soft' }] } });
    expect((await call('DELETE', '/api/v1/relationships?from=a&type=DEPENDS_ON&to=b')).status).toBe(204);
    expect(await call('DELETE', '/api/v1/relationships?from=a&type=DEPENDS_ON&to=b')).toMatchObject({ status: 404 });
  });

  it('answers bad input with 400 problem+json naming the field', async () => {
    const bad = await call('POST', '/api/v1/cis', { id: 'y', type: 'Service', name: 'Y', criticality: 7 });
    expect(bad.type).toContain('application/problem+json');
    expect(bad).toMatchObject({ status: 400, body: { code: 'invalid', status: 400, problems: [{ field: 'criticality' }] } });
    expect(await call('POST', '/api/v1/cis', '{not json')).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
    expect(await call('POST', '/api/v1/cis', '{"id":"z","type":"Service","name":"Z","__proto__":{"admin":true}}')).toMatchObject({ status: 400 });
    expect(await call('PUT', '/api/v1/cis/one', { id: 'two', type: 'Service', name: 'N' })).toMatchObject({ status: 400, body: { problems: [{ field: 'id' }] } });
    expect(await call('GET', '/api/v1/cis?limit=5000')).toMatchObject({ status: 400, body: { problems: [{ field: 'limit' }] } });
    expect(await call('GET', '/api/v1/nothing-here')).toMatchObject({ status: 404, body: { code: 'no_route' } });
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
