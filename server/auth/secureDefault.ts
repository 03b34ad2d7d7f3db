import type { Config } from '../config.ts';

const loopbackNames = ['localhost', '127.0.0.1', '::1'];

/** True for an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Secure by default: without authentication the server is open to whoever
 * reaches it, so it listens on loopback only; asked for more, it refuses to
 * start and names the settings that would make it safe.
 */
export function assertSafeToListen(config: Config): void {
  if (config.auth.required || isLoopback(config.http.host)) return;
  throw new Error(
    `refusing to listen on ${config.http.host} without authentication: anyone reaching it could read and change everything. `
    + 'Set TRELLIS_AUTH=required (and create API tokens with `trellis token create`) or TRELLIS_OIDC_ISSUER, or listen on loopback (HOST=127.0.0.1).',
  );
}

/** Host names the server answers to: loopback names, HOST, the public URL's host, and TRELLIS_ALLOWED_HOSTS. */
export function allowedHostsOf(config: Config): Set<string> {
  const hosts = new Set([...loopbackNames, ...config.api.allowedHosts.map((h) => h.toLowerCase())]);
  if (!['0.0.0.0', '::'].includes(config.http.host)) hosts.add(config.http.host.toLowerCase());
  if (config.auth.publicUrl) hosts.add(new URL(config.auth.publicUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase());
  return hosts;
}
