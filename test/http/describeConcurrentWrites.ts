import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';

/**
 * No lost updates, through the API, for one store: concurrent writers holding
 * the same version of a CI get exactly one success; writers that read, change
 * and write back, retrying on 412, lose none of each other's changes.
 */
export function describeConcurrentWrites(name: string, env: () => Record<string, string>, prepare: () => Promise<void> = async () => {}): void {
  // Generous: 50 clients retrying on a busy two-core machine; verdicts never depend on time.
  describe(`concurrent writes on the ${name} store`, { timeout: 600_000 }, () => {
    let server: RunningServer;
    const url = (path: string) => `${server.url}${path}`;

    beforeAll(async () => {
      await prepare();
      const config = loadConfig({ ...env(), TRELLIS_RATE_LIMIT: '0' });
      server = await startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, pino({ level: process.env.TRELLIS_TEST_LOG ?? 'silent' }));
    });
    afterAll(async () => server?.stop());

    const write = (id: string, body: unknown, ifMatch: string) =>
      fetch(url(`/api/v1/cis/${id}`), { method: 'PUT', headers: { 'content-type': 'application/json', 'if-match': ifMatch }, body: JSON.stringify(body) });

    it('50 parallel updates carrying one If-Match: exactly one succeeds, 49 answer 412', async () => {
      const created = await fetch(url('/api/v1/cis'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'svc-race', type: 'Service', name: 'Race' }) });
      expect(created.status).toBe(201);
      const etag = created.headers.get('etag')!;
      const statuses = await Promise.all(Array.from({ length: 50 }, async (_, i) => {
        const res = await write('svc-race', { type: 'Service', name: `Race ${i}` }, etag);
        await res.arrayBuffer();
        return res.status;
      }));
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    });

    it('50 parallel read-modify-write clients that retry on 412 lose nothing', async () => {
      await fetch(url('/api/v1/cis'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'svc-tally', type: 'Service', name: 'Tally', marks: [] }) });
      const client = async (i: number) => {
        for (let attempt = 0; attempt < 500; attempt += 1) {
          const read = await fetch(url('/api/v1/cis/svc-tally'));
          const ci = (await read.json()) as { type: string; name: string; attributes: { marks: number[] } };
          const res = await write('svc-tally', { type: ci.type, name: ci.name, marks: [...ci.attributes.marks, i] }, read.headers.get('etag')!);
          await res.arrayBuffer();
          if (res.status === 200) return attempt;
          expect(res.status).toBe(412);
        }
        throw new Error(`client ${i} never got its write in`);
      };
      await Promise.all(Array.from({ length: 50 }, (_, i) => client(i)));
      const final = (await (await fetch(url('/api/v1/cis/svc-tally'))).json()) as { attributes: { marks: number[] } };
      expect([...final.attributes.marks].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    });
  });
}
