import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { startServer } from '../../server/main.ts';

/**
 * Stopping drains: no new connections, requests in flight finish, and then
 * whatever is left (a client that sent half a request and waits) is closed, so
 * a stop never waits on a client.
 */
describe('graceful shutdown', () => {
  it('stops while a client holds a half-sent request, closing its socket after the grace period', async () => {
    const config = loadConfig({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-stop-')), TRELLIS_SHUTDOWN_GRACE_MS: '300' });
    const server = await startServer({ ...config, http: { host: '127.0.0.1', port: 0 } }, pino({ level: 'silent' }));
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /api/v1/cis HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"id":');
    const socketClosed = new Promise((resolve) => socket.once('close', resolve));
    // A request in flight on another connection is answered before the stop completes.
    const inFlight = fetch(`${server.url}/api/v1/overview`).then((res) => res.status);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.stop();
    await socketClosed;
    expect(await inFlight).toBe(200);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
