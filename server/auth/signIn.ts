import * as client from 'openid-client';
import { z } from 'zod';
import type { AuthConfig } from '../config.ts';
import { InvalidError, UnauthenticatedError } from '../errors.ts';
import { identityOfClaims } from './claimsIdentity.ts';
import type { Identity } from './identity.ts';
import type { CookieSealer } from './sessions.ts';

type OidcConfig = NonNullable<AuthConfig['oidc']>;

/** How long a person may take at the issuer's login page. */
export const signInSeconds = 600;

const pendingSignIn = z.object({ verifier: z.string(), state: z.string(), nonce: z.string(), returnTo: z.string() });

/** Only a path of this site: never an open redirect to another. */
export function safeReturnPath(returnTo: string | undefined): string {
  return returnTo && /^\/(?![/\\])[^\s]*$/.test(returnTo) ? returnTo : '/';
}

/**
 * The explorer's sign-in: the authorization-code flow with PKCE (S256), a
 * state and a nonce, carried between the two legs in a sealed short-lived
 * cookie. The ID token's claims give the person's roles and teams.
 */
export function signInFlow(oidc: OidcConfig, publicUrl: string, discover: () => Promise<client.Configuration>, sealer: CookieSealer) {
  const redirectUri = new URL('/auth/callback', publicUrl).href;
  return {
    /** Where to send the browser, and the sealed cookie that remembers this sign-in. */
    async start(returnTo: string | undefined): Promise<{ location: string; pending: string }> {
      const config = await discover();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const location = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri, scope: 'openid profile email groups', state, nonce,
        code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
      }).href;
      return { location, pending: await sealer.seal({ verifier, state, nonce, returnTo: safeReturnPath(returnTo) }, signInSeconds) };
    },
    /** The identity the issuer vouches for, from the callback URL and the sealed sign-in cookie. */
    async finish(callbackPathAndQuery: string, sealedPending: string | undefined): Promise<{ identity: Identity; returnTo: string }> {
      const pending = pendingSignIn.safeParse(sealedPending ? await sealer.open(sealedPending) : undefined);
      if (!pending.success) throw new InvalidError([{ entry: 'sign-in', message: 'no sign-in is in progress in this browser (or it took longer than 10 minutes); start again' }]);
      const config = await discover();
      const { verifier, state, nonce, returnTo } = pending.data;
      let claims: client.IDToken | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(config, new URL(callbackPathAndQuery, publicUrl), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
        claims = tokens.claims();
      } catch (error) {
        throw new UnauthenticatedError(`the sign-in was not completed: ${(error as Error).message}`);
      }
      if (!claims) throw new UnauthenticatedError('the issuer returned no ID token');
      return { identity: identityOfClaims(claims, oidc), returnTo };
    },
  };
}

export type SignInFlow = ReturnType<typeof signInFlow>;
