import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../../server/auth/apiTokens.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/main.ts';

/** Logs are JSON lines with the request id, and never carry credentials, cookies, query strings or bodies. */
describe('request logs', () => {
  it('name each request by its id and keep secrets out', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
    const config = loadConfig({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-logs-')), TRELLIS_AUTH: 'required', TRELLIS_DEMO: 'true' });
    const server = await startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, pino({ level: 'info' }, sink));
    try {
      const { secret } = await createApiToken(server.store, { name: 'logged', role: 'editor' }, { actor: 'cli:test', clientAddress: 'local', requestId: 'test' });
      const headers = { authorization: `Bearer ${secret}`, cookie: 'trellis_session=sealed-cookie-value', 'content-type': 'application/json', 'x-request-id': 'req-logged-1' };
      await fetch(`${server.url}/api/v1/cis?q=private-query-text`, { headers });
      await fetch(`${server.url}/api/v1/cis`, { method: 'POST', headers, body: JSON.stringify({ id: 'svc-secret', type: 'Service', name: 'S', password: 'hunter2-attribute' }) });
      await fetch(`${server.url}/api/v1/overview`, { headers: { authorization: 'Bearer trellis_0123456789abcdef_forgedforgedforgedforgedforgedforgedforged' } });
    } finally {
      await server.stop();
    }
    const text = lines.join('');
    expect(text).toContain('"id":"req-logged-1"');
    for (const secretBit of ['trellis_', 'sealed-cookie-value', 'private-query-text', 'hunter2-attribute', 'Bearer']) expect(text, secretBit).not.toContain(secretBit);
  });
});
