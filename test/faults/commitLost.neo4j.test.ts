import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { startBoltProxy, type BoltProxy, type CommitCut } from '../support/boltProxy.ts';
import { wipeNeo4jDatabase } from '../support/neo4jTestStore.ts';

// Trellis reaches the test Neo4j through a proxy that loses the connection of
// an estate upload's write transaction while it commits:
//
//   client -> Trellis -> proxy -x- Neo4j      (cut after or before the COMMIT)
//
// Trellis cannot know whether the write is in: it answers 503 outcome_unknown,
// and sending the same estate again (imports are idempotent) leaves it whole.
const uri = inject('neo4jUri');

describe.skipIf(!uri)('a connection lost while an estate upload commits', () => {
  let proxy: BoltProxy;
  let server: RunningServer;

  beforeAll(async () => {
    await wipeNeo4jDatabase(uri);
    proxy = await startBoltProxy(uri);
    const config = loadConfig({ NEO4J_URI: proxy.uri, HOST: '127.0.0.1' });
    server = await startServer({ ...config, http: { ...config.http, port: 0 } }, pino({ level: 'silent' }));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
  });

  /** An estate of two components, one depending on the other, with ids of its own. */
  const estate = (prefix: string) => JSON.stringify({
    version: 1, source: 'commit-lost',
    cis: [{ id: `${prefix}-app`, type: 'Component', name: 'App' }, { id: `${prefix}-db`, type: 'Component', name: 'Database' }],
    relationships: [{ from: `${prefix}-app`, type: 'DEPENDS_ON', to: `${prefix}-db` }],
  });
  const upload = (body: string) => fetch(`${server.url}/api/v1/estate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const present = async (prefix: string) => (await server.store.findCIs([`${prefix}-app`, `${prefix}-db`])).map((ci) => ci.id);

  it.each<[CommitCut, boolean]>([['after', true], ['before', false]])('cut %s Neo4j has the COMMIT: 503 outcome_unknown, and the upload sent again is whole', async (where, committed) => {
    const prefix = `cut-${where}`;
    const cut = proxy.cutNextWriteCommit(where);
    const res = await upload(estate(prefix));
    await cut;
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await res.json();
    expect(problem).toMatchObject({ status: 503, code: 'outcome_unknown' });
    console.log(`cut ${where} the COMMIT: ${res.status} ${problem.code}: ${problem.detail}`);
    // The write is in, or not at all: never half.
    expect(await present(prefix)).toEqual(committed ? [`${prefix}-app`, `${prefix}-db`] : []);

    const again = await upload(estate(prefix));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject(committed ? { created: 0, unchanged: 3 } : { created: 3 });
    expect(await present(prefix)).toEqual([`${prefix}-app`, `${prefix}-db`]);
  });
});
