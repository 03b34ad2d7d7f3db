import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { wipeNeo4jDatabase } from '../support/neo4jTestStore.ts';

const uri = inject('neo4jUri');

describe.skipIf(!uri)('explorer API: Neo4j answers as the embedded store does, on the demo estate', () => {
  let embedded: RunningServer;
  let neo4j: RunningServer;
  const start = (env: Record<string, string>) => {
    const config = loadConfig({ ...env, HOST: '127.0.0.1' });
    return startServer({ ...config, loadDemo: true, http: { ...config.http, port: 0 } }, pino({ level: 'silent' }));
  };
  /** The answer of a server, without what differs by store and by moment: times, generated ids, the store's name, its write version. */
  const answer = async (server: RunningServer, path: string) => {
    const res = await fetch(`${server.url}${path}`);
    const text = (await res.text())
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
      .replace(/"durationMs":\d+/g, '"durationMs":0')
      .replace(/"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/g, '"<uuid>"');
    const { store: _store, version: _version, ...body } = JSON.parse(text);
    return { status: res.status, body };
  };

  beforeAll(async () => {
    await wipeNeo4jDatabase(uri);
    embedded = await start({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-explorer-agree-')) });
    neo4j = await start({ NEO4J_URI: uri });
  }, 120_000);
  afterAll(async () => {
    await embedded?.stop();
    await neo4j?.stop();
  });

  it.each([
    '/api/v1/maps/neighbourhood?ci=svc-checkout&ci=grp-web-pool&depth=2',
    '/api/v1/maps/neighbourhood?ci=svc-checkout&depth=4&maxCIs=30',
    '/api/v1/maps/neighbourhood?ci=svc-checkout&ci=nope',
    '/api/v1/maps/services',
    '/api/v1/cis/svc-checkout/page',
    '/api/v1/cis/cmp-aws-euw1a/page',
    '/api/v1/overview',
  ])('%s', async (path) => {
    const fromNeo4j = await answer(neo4j, path);
    expect(fromNeo4j.status).toBeLessThan(500);
    expect(fromNeo4j).toEqual(await answer(embedded, path));
  });

  it('finds stale CIs alike', async () => {
    const state = (names: string[]) => JSON.stringify({ version: 4, lineage: 'agree', resources: names.map((name) => ({
      mode: 'managed', type: 'aws_sqs_queue', name, instances: [{ attributes: { arn: `arn:aws:sqs:eu-west-1:111122223333:${name}`, id: name } }],
    })) });
    for (const server of [embedded, neo4j]) {
      for (const names of [['a', 'b'], ['a']]) {
        const res = await fetch(`${server.url}/api/v1/imports?name=q.tfstate`, { method: 'POST', body: state(names), headers: { 'content-type': 'application/json' } });
        expect(res.status).toBe(200);
      }
    }
    const stale = await answer(neo4j, '/api/v1/cis?stale=true');
    expect(stale.body).toMatchObject({ total: 1, items: [{ id: 'arn:aws:sqs:eu-west-1:111122223333:b' }] });
    expect(stale).toEqual(await answer(embedded, '/api/v1/cis?stale=true'));
    expect(await answer(neo4j, '/api/v1/overview')).toEqual(await answer(embedded, '/api/v1/overview'));
  });
});
