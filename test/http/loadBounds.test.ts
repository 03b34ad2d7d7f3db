import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { terraformState } from '../../bench/syntheticSources.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/main.ts';

const start = (env: Record<string, string>) => {
  const config = loadConfig({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-bounds-')), TRELLIS_DEMO: 'true', ...env });
  return startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, pino({ level: 'silent' }));
};

/** The server bounds what one caller may ask and how much it takes on at once, and says when to come back. */
describe('rate limits and load shedding', () => {
  it('answers 429 with Retry-After past the rate limit of a caller', async () => {
    const server = await start({ TRELLIS_RATE_LIMIT: '5' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await fetch(`${server.url}/api/v1/overview`)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const limited = await fetch(`${server.url}/api/v1/overview`);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await limited.json()).toMatchObject({ code: 'rate_limited' });
    } finally {
      await server.stop();
    }
  });

  it('sheds load past its bound on requests in flight with 503 and Retry-After, instead of queueing', async () => {
    const server = await start({ TRELLIS_MAX_IN_FLIGHT: '1', TRELLIS_RATE_LIMIT: '0' });
    const state = terraformState(20_000, 5);
    try {
      // Whichever request arrives first holds the one slot: an import refused for a read is sent again (imports are idempotent).
      let shed: Response | undefined;
      let imported: number | undefined;
      for (let attempt = 0; attempt < 20 && imported !== 200; attempt += 1) {
        let importDone = false;
        const importing = fetch(`${server.url}/api/v1/imports?kind=terraform&name=shed.tfstate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: state })
          .then((res) => res.status).finally(() => (importDone = true));
        while (!importDone) {
          const res = await fetch(`${server.url}/api/v1/cis/svc-checkout`);
          if (res.status === 503 && !shed) shed = res;
          else await res.arrayBuffer();
          await new Promise((resolve) => setTimeout(resolve, 20)); // gaps in which the import can arrive
        }
        imported = await importing;
      }
      expect(imported).toBe(200);
      expect(shed, 'a read sent while the import held the only slot').toBeDefined();
      expect(shed!.headers.get('retry-after')).toBe('1');
      expect(await shed!.json()).toMatchObject({ code: 'overloaded' });
      const after = await fetch(`${server.url}/api/v1/cis/svc-checkout`);
      expect(after.status, await after.clone().text()).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
