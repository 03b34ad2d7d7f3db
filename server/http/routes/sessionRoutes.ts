import { z } from 'zod';
import { sessionInfoSchema, type SessionInfo } from '../../../schema/access.ts';
import { limits } from '../../../schema/limits.ts';
import { permissions } from '../../../schema/roles.ts';
import { rolesAllow } from '../../../schema/roles.ts';
import type { Authentication } from '../../auth/createAuthentication.ts';
import { cookieValue, sessionCookie, sessionSeconds, setCookie, signInCookie } from '../../auth/sessions.ts';
import { signInSeconds } from '../../auth/signIn.ts';
import { NotFoundError } from '../../errors.ts';
import { problem } from '../api/commonSchemas.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';

const redirect = { 302: { description: 'Redirect.', headers: z.object({ location: z.string() }) } };

/**
 * Who the caller is (`GET /api/v1/session`) and the explorer's sign-in:
 * `/auth/login` sends the browser to the issuer, `/auth/callback` takes it
 * back and sets the session cookie, `POST /auth/logout` clears it.
 */
export function sessionRoutes(authRequired: boolean, authentication: Pick<Authentication, 'signIn' | 'sealer' | 'secureCookies'>): RouteSpec[] {
  const { signIn, sealer, secureCookies } = authentication;
  const cookie = (name: string, value: string, maxAgeSeconds: number) => setCookie(name, value, { secure: secureCookies, maxAgeSeconds });
  const needSignIn = () => {
    if (!signIn) throw new NotFoundError('sign-in is not configured on this server (TRELLIS_OIDC_ISSUER, TRELLIS_OIDC_CLIENT_ID, TRELLIS_PUBLIC_URL)');
    return signIn;
  };
  return [
    defineRoute({
      method: 'get', path: '/api/v1/session', operationId: 'getSession', tag: 'Access', permission: 'public',
      summary: 'Who the caller is, what they may do, and the CSRF token of their session',
      responses: { 200: { description: 'The caller.', schema: sessionInfoSchema } },
      handler: async ({ identity }) => {
        const known = identity.roles.length > 0;
        const viaCookie = Boolean(identity.csrfToken);
        const info: SessionInfo = {
          authRequired,
          signedIn: authRequired && known,
          permissions: permissions.filter((p) => rolesAllow(identity.roles, p)),
        };
        if (known) {
          info.via = identity.kind === 'open' ? 'open' : viaCookie ? 'session' : identity.kind;
          info.user = { actor: identity.actor, displayName: identity.displayName, roles: identity.roles, teams: identity.teams };
        }
        if (viaCookie) info.csrfToken = identity.csrfToken;
        if (signIn) info.signInUrl = '/auth/login';
        return { body: info, headers: { 'cache-control': 'no-store' } };
      },
    }),
    defineRoute({
      method: 'get', path: '/auth/login', operationId: 'signIn', tag: 'Access', permission: 'public',
      summary: 'Sign in: sends the browser to the OpenID Connect issuer (authorization code with PKCE)',
      query: z.strictObject({ returnTo: z.string().max(limits.returnToMaxLength).optional().meta({ description: 'A path of this site to come back to.' }) }),
      responses: { ...redirect, 404: problem('Sign-in is not configured.') },
      handler: async ({ query }) => {
        const { location, pending } = await needSignIn().start(query.returnTo);
        return { status: 302, headers: { location, 'cache-control': 'no-store' }, cookies: [cookie(signInCookie, pending, signInSeconds)] };
      },
    }),
    defineRoute({
      method: 'get', path: '/auth/callback', operationId: 'signInCallback', tag: 'Access', permission: 'public',
      summary: 'Where the issuer sends the browser back: sets the session cookie',
      query: z.looseObject({ code: z.string().max(4000).optional(), state: z.string().max(1000).optional() }),
      responses: { ...redirect, 401: problem('The issuer did not vouch for the user.'), 404: problem('Sign-in is not configured.') },
      handler: async ({ rawUrl, cookieHeader }) => {
        const { identity, returnTo } = await needSignIn().finish(rawUrl, cookieValue(cookieHeader, signInCookie));
        return {
          status: 302, headers: { location: returnTo, 'cache-control': 'no-store' },
          cookies: [cookie(sessionCookie, await sealer.sealSession(identity), sessionSeconds), cookie(signInCookie, '', 0)],
        };
      },
    }),
    defineRoute({
      method: 'post', path: '/auth/logout', operationId: 'signOut', tag: 'Access', permission: 'public',
      summary: 'Sign out: clears the session cookie',
      responses: { 204: { description: 'Signed out.' } },
      handler: async () => ({ status: 204, cookies: [cookie(sessionCookie, '', 0)] }),
    }),
  ];
}
