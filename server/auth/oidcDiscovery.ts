import * as client from 'openid-client';
import type { AuthConfig } from '../config.ts';
import { UnavailableError } from '../errors.ts';
import { isLoopback } from './secureDefault.ts';

type OidcConfig = NonNullable<AuthConfig['oidc']>;

/**
 * The issuer's metadata by OpenID Connect discovery, fetched on first use and
 * again after a failure (an issuer that is down at start does not stop Trellis
 * from starting; requests needing it answer 503 until it answers). Plain http
 * is accepted for a loopback issuer only (development and tests).
 */
export function oidcDiscovery(oidc: OidcConfig): () => Promise<client.Configuration> {
  let pending: Promise<client.Configuration> | undefined;
  return () => {
    pending ??= discover(oidc).catch((error: unknown) => {
      pending = undefined;
      throw new UnavailableError(`the OpenID Connect issuer ${oidc.issuer} cannot be reached: ${(error as Error).message}`, { cause: error });
    });
    return pending;
  };
}

async function discover(oidc: OidcConfig): Promise<client.Configuration> {
  const issuer = new URL(oidc.issuer);
  const insecure = issuer.protocol === 'http:';
  if (insecure && !isLoopback(issuer.hostname.replace(/^\[|\]$/g, ''))) throw new Error('an http:// issuer is accepted on loopback only; use https');
  const authentication = oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None();
  return client.discovery(issuer, oidc.clientId ?? 'trellis-api', undefined, authentication, {
    execute: insecure ? [client.allowInsecureRequests] : [],
    timeout: 5,
  });
}
