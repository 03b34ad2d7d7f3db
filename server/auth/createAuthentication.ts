import type { Logger } from 'pino';
import type { AuthConfig } from '../config.ts';
import type { Authenticator } from '../http/middleware/authenticate.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { createAuthenticator } from './createAuthenticator.ts';
import { oidcDiscovery } from './oidcDiscovery.ts';
import { CookieSealer } from './sessions.ts';
import { signInFlow, type SignInFlow } from './signIn.ts';

/** Everything authentication gives the app: who a request is from, and the explorer's sign-in when configured. */
export interface Authentication {
  authenticator: Authenticator;
  sealer: CookieSealer;
  signIn?: SignInFlow;
  /** Cookies get `Secure` when people reach Trellis over https. */
  secureCookies: boolean;
}

/** Wires the configured schemes: API tokens, OIDC bearer tokens, and sign-in sessions. */
export function createAuthentication(auth: AuthConfig, store: GraphStore, logger: Logger): Authentication {
  const sealer = new CookieSealer(auth.sessionSecret);
  const discover = auth.oidc ? oidcDiscovery(auth.oidc) : undefined;
  const signIn = auth.oidc?.clientId && auth.publicUrl && discover ? signInFlow(auth.oidc, auth.publicUrl, discover, sealer) : undefined;
  return {
    authenticator: createAuthenticator(auth, store, logger, sealer, discover),
    sealer,
    signIn,
    secureCookies: auth.publicUrl?.startsWith('https:') ?? false,
  };
}
