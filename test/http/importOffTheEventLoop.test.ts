import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terraformState } from '../../bench/syntheticSources.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';

/**
 * A large import runs in the import worker: while it parses, reconciles and
 * writes, the API's thread keeps answering. Proven by order, not by time: reads
 * sent after the import started complete before the import does.
 */
describe('imports run off the event loop', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const config = loadConfig({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-offloop-')), TRELLIS_DEMO: 'true', TRELLIS_RATE_LIMIT: '0' });
    server = await startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, pino({ level: 'silent' }));
  });
  afterAll(async () => server.stop());

  it('answers reads while a 20,000-resource import is in flight, then sees what it wrote', async () => {
    const state = terraformState(20_000, 7);
    let importDone = false;
    const importing = fetch(`${server.url}/api/v1/imports?kind=terraform&name=big.tfstate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: state })
      .then(async (res) => ({ status: res.status, body: await res.json() }))
      .finally(() => (importDone = true));
    let answeredDuring = 0;
    while (!importDone) {
      const res = await fetch(`${server.url}/api/v1/cis/svc-checkout`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      if (!importDone) answeredDuring += 1;
      await new Promise((resolve) => setTimeout(resolve, 20)); // a steady reader, not a flood
    }
    const imported = await importing;
    expect(imported.status).toBe(200);
    expect(imported.body.run).toMatchObject({ status: 'applied', counts: { created: expect.any(Number) } });
    expect(imported.body.run.counts.created).toBeGreaterThan(10_000);
    expect(answeredDuring).toBeGreaterThan(5);
    // The API's own store sees the worker's writes.
    const created = imported.body.diff.created[0] as string;
    expect((await fetch(`${server.url}/api/v1/cis/${encodeURIComponent(created)}`)).status).toBe(200);
    expect((await (await fetch(`${server.url}/api/v1/overview`)).json()).cis).toBeGreaterThan(10_000);
  });
});
