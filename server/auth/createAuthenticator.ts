import type { Logger } from 'pino';
import type { AuthConfig } from '../config.ts';
import { UnauthenticatedError } from '../errors.ts';
import type { Authenticator } from '../http/middleware/authenticate.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { looksLikeApiToken, verifyApiToken } from './apiTokens.ts';
import type { Identity } from './identity.ts';
import { oidcBearerVerifier } from './oidcBearer.ts';
import type { Configuration } from 'openid-client';
import { cookieValue, sessionCookie, type CookieSealer } from './sessions.ts';

/** How often a token's last use is written, at most. */
const lastUseEveryMs = 60_000;

/**
 * The authenticator of the configured schemes: API tokens always (when
 * authentication is required), OIDC bearer JWTs when an issuer is configured,
 * and the explorer's session cookie when there is no Authorization header.
 */
export function createAuthenticator(auth: AuthConfig, store: GraphStore, logger: Logger, sealer: CookieSealer, discover: (() => Promise<Configuration>) | undefined): Authenticator {
  let verifyJwt: ((jwt: string) => Promise<Identity>) | undefined;
  const lastUse = new Map<string, number>();
  const recordUse = (id: string) => {
    const now = Date.now();
    if ((lastUse.get(id) ?? 0) > now - lastUseEveryMs) return;
    lastUse.set(id, now);
    store.recordTokenUse(id, new Date(now).toISOString()).catch((error: unknown) => logger.warn({ err: error }, 'could not record an API token\'s last use'));
  };
  return async ({ authorization, cookie }) => {
    if (!authorization) {
      const session = cookieValue(cookie, sessionCookie);
      const identity = session ? await sealer.openSession(session) : undefined;
      // A stale or forged cookie is simply no session: the explorer then offers to sign in.
      return identity && { identity, viaCookie: true };
    }
    const [scheme, credential] = authorization.split(/\s+/, 2);
    if (scheme?.toLowerCase() !== 'bearer' || !credential) throw new UnauthenticatedError('the Authorization header must be "Bearer <token>"');
    if (looksLikeApiToken(credential)) {
      const identity = await verifyApiToken(store, credential);
      recordUse(identity.tokenId!);
      return { identity, viaCookie: false };
    }
    if (!auth.oidc || !discover) throw new UnauthenticatedError('the bearer token is not a Trellis API token, and no OpenID Connect issuer is configured');
    if (!verifyJwt) {
      const jwksUri = (await discover()).serverMetadata().jwks_uri;
      if (!jwksUri) throw new UnauthenticatedError(`the issuer ${auth.oidc.issuer} publishes no jwks_uri`);
      verifyJwt = await oidcBearerVerifier(auth.oidc, jwksUri);
    }
    return { identity: await verifyJwt(credential), viaCookie: false };
  };
}
