import type { Server } from 'node:http';

/** Where a server is in its life; `/readyz` answers 503 unless `ready`. */
export interface Lifecycle {
  phase: 'starting' | 'ready' | 'draining';
}

/**
 * Stops an HTTP server gracefully: no new connections, idle keep-alive
 * connections closed, requests in flight given `graceMs` to finish, then every
 * remaining socket (including clients stuck half-way through sending a request)
 * closed, so a stop never waits on a client.
 */
export async function drain(server: Server, lifecycle: Lifecycle, graceMs: number): Promise<void> {
  lifecycle.phase = 'draining';
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const grace = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
  if ((await Promise.race([closed, grace])) === 'late') server.closeAllConnections();
  await closed;
}

/** Time limits on the sockets themselves, below any request's deadline: a client that sends its headers slowly is let go. */
export function boundSockets(server: Server, longestRequestMs: number): void {
  server.headersTimeout = 20_000;
  server.requestTimeout = longestRequestMs + 60_000;
  server.keepAliveTimeout = 5_000;
}
