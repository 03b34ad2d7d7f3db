import { createHash, generateKeyPair, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
// @ts-expect-error -- oidc-provider ships no type declarations; the few members used here are typed below (OidcProvider).
import { Provider } from 'oidc-provider';

/**
 * A real OpenID Connect provider on loopback for the authentication tests:
 * panva's `oidc-provider` (the certified implementation), not a stand-in that
 * signs its own tokens. Everything the tests get from it — ID tokens, JWT
 * access tokens, JWKS, discovery — is issued by the provider over HTTP.
 *
 * What this file adds around it:
 * - accounts from a fixed list of test users (claims `sub`, `name`, `email`,
 *   `groups`), found by `findAccount`;
 * - an interaction handler: a plain HTML login form (inputs `login` and
 *   `password`, a submit button) that a real browser can fill in, and consent
 *   granted without asking for whatever scopes and resource were requested;
 * - clients registered by OAuth dynamic client registration (RFC 7591,
 *   guarded by an initial access token only this file knows);
 * - `signIn`, a headless user agent (fetch, manual redirects, a small cookie
 *   jar) that plays the browser's part of the authorization-code flow, and
 *   `accessTokenFor`, which runs that flow with PKCE (S256) and `resource` to
 *   obtain a JWT access token for an API audience.
 *
 * Scopes: `openid`, `profile` (→ `name`), `email` (→ `email`), `groups`
 * (→ `groups`); a relying party must ask for them to get those claims in the ID
 * token (`conformIdTokenClaims` is off, so scope-requested claims go into the
 * ID token as well as userinfo). Resource servers: any absolute URI given as
 * `resource` is an API whose only scope is `api`; its access tokens are RS256
 * JWTs (header `typ: at+jwt`) with `aud` = that URI and the user's `groups`,
 * `name` and `email` as top-level claims, whatever scopes were asked.
 */

export interface TestUser {
  /** Subject, also the login name typed into the form (the email works too). */
  sub: string;
  name: string;
  email?: string;
  groups: string[];
  /** Password the form accepts; when absent any non-empty password is accepted. */
  password?: string;
}

export interface StartedProvider {
  /** `http://127.0.0.1:<port>`, no trailing slash (the `iss` of every token). */
  issuer: string;
  /** `<issuer>/.well-known/openid-configuration`. */
  discoveryUrl: string;
  /** The provider's JWKS endpoint (public keys only). */
  jwksUri: string;
  /** Closes the server and every connection to it. Idempotent. */
  stop(): Promise<void>;
  /**
   * Registers a confidential web client for the authorization-code flow (PKCE
   * is required of every client) with these redirect URIs. It authenticates at
   * the token endpoint with `client_secret_basic` unless told otherwise; the
   * provider holds it to the method registered (openid-client's default for a
   * string secret is `client_secret_post`, so pass `ClientSecretBasic(secret)`
   * there, or register with `client_secret_post`).
   */
  registerClient(options: {
    redirectUris: string[];
    postLogoutRedirectUris?: string[];
    tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
    clientName?: string;
  }): Promise<{ clientId: string; clientSecret: string }>;
  /**
   * A JWT access token for `user` (a `sub`) with `aud` = `audience`, which must
   * be an absolute URI (RFC 8707 resource indicators are URIs, e.g.
   * `http://127.0.0.1:8080/api` or `urn:trellis:api`). Obtained by running the
   * real authorization-code + PKCE flow headlessly: log in at the form, consent,
   * exchange the code with a client of this file's own, sending
   * `resource=<audience>` on both requests.
   *
   * `expiresInSeconds` (default: the provider's `accessTokenTtlSeconds`) is the
   * token's lifetime, `exp - iat`. Zero or less asks for a token that had
   * already expired when issued: `exp` = now + expiresInSeconds (in the past),
   * `iat` 60 s before that; still signed by the provider, so only the expiry
   * refuses it, and no test needs to wait for it.
   */
  accessTokenFor(user: string, options: { audience: string; expiresInSeconds?: number; password?: string }): Promise<string>;
  /**
   * Plays the browser from `authorizationUrl` (an authorization request to this
   * provider, as a relying party redirects to it) until the provider redirects
   * away from itself, logging `user` in at the login form on the way and
   * consenting; returns that redirect, normally `<redirect_uri>?code=…&state=…&iss=…`
   * (or `?error=…`). Its cookies are its own: each call is a fresh browser.
   * Throws when the form refuses the credentials (password: the user's, else
   * `password`, or `options.password`).
   */
  signIn(authorizationUrl: string | URL, user: string, options?: { password?: string }): Promise<URL>;
}

export interface OidcProviderOptions {
  users: TestUser[];
  /** Lifetime of access tokens issued for a resource, in seconds (default 600). */
  accessTokenTtlSeconds?: number;
}

/** The one scope every resource server (API) has. */
export const API_SCOPE = 'api';
/** The scopes `accessTokenFor` asks for. */
const HEADLESS_SCOPE = `openid profile email groups ${API_SCOPE}`;
/** The redirect URI of this file's own clients: never listened on, the headless flow stops at the redirect. */
const HEADLESS_REDIRECT_URI = 'http://127.0.0.1/oidc-test-callback';
/** Enough for discovery → authorize → login form → login → resume → consent → resume → callback. */
const MAX_REDIRECTS = 20;

export async function startOidcProvider(options: OidcProviderOptions): Promise<StartedProvider> {
  const users = new Map<string, TestUser>();
  for (const user of options.users) {
    if (users.has(user.sub)) throw new Error(`test user ${user.sub} given twice`);
    users.set(user.sub, user);
  }
  const defaultTtl = options.accessTokenTtlSeconds ?? 600;
  if (!Number.isInteger(defaultTtl) || defaultTtl < 1) throw new Error('accessTokenTtlSeconds must be a positive integer');

  // The issuer must be known before the provider is made, and the port only
  // once the server listens: listen first, hand requests over once it exists.
  let handle: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => {
    response.writeHead(503).end();
  };
  const server: Server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return stopped;
  };

  try {
    const registrationToken = randomBytes(24).toString('base64url');
    /** Lifetime asked of each of this file's own clients (one client per lifetime), by client id. */
    const headlessLifetimes = new Map<string, number>();
    const headlessClients = new Map<number, Promise<RegisteredClient>>();
    const serverErrors: string[] = [];

    const provider: OidcProvider = new Provider(issuer, {
      adapter: memoryAdapter(),
      jwks: { keys: [await signingKey()] },
      findAccount: (_ctx: unknown, sub: string) => {
        const user = users.get(sub);
        if (!user) return undefined;
        return { accountId: sub, claims: () => claimsOf(user) };
      },
      claims: { openid: ['sub'], profile: ['name'], email: ['email'], groups: ['groups'] },
      scopes: ['openid', 'offline_access', 'profile', 'email', 'groups'],
      // Scope-requested claims in the ID token too, not only at userinfo.
      conformIdTokenClaims: false,
      extraTokenClaims: (_ctx: unknown, token: { accountId?: string }) => {
        const user = token.accountId === undefined ? undefined : users.get(token.accountId);
        return user ? claimsOf(user) : undefined;
      },
      pkce: { required: () => true },
      // Distinct per provider: a browser sends 127.0.0.1's cookies to every port.
      cookies: {
        keys: [randomBytes(32).toString('base64url')],
        names: { session: `op${port}_session`, interaction: `op${port}_interaction`, resume: `op${port}_resume` },
      },
      ttl: {
        AccessToken: (_ctx: unknown, _token: unknown, client: { clientId: string }) => {
          const asked = headlessLifetimes.get(client.clientId);
          return asked === undefined ? defaultTtl : Math.max(asked, 1);
        },
        // Generous: a busy machine may take a while between the redirect and the exchange.
        AuthorizationCode: 600,
        ClientCredentials: defaultTtl,
        IdToken: 3600,
        Interaction: 3600,
        Session: 24 * 3600,
        Grant: 24 * 3600,
        RefreshToken: 24 * 3600,
      },
      formats: {
        customizers: {
          // A lifetime of zero or less: the token had already expired when issued.
          jwt: (_ctx: unknown, token: { clientId: string }, jwt: { payload: Record<string, unknown> }) => {
            const asked = headlessLifetimes.get(token.clientId);
            if (asked !== undefined && asked <= 0 && typeof jwt.payload.iat === 'number') {
              const exp = jwt.payload.iat + asked;
              jwt.payload.exp = exp;
              jwt.payload.iat = exp - 60;
            }
          },
        },
      },
      features: {
        devInteractions: { enabled: false },
        registration: { enabled: true, initialAccessToken: registrationToken },
        resourceIndicators: {
          enabled: true,
          // No resource asked: no resource server (the access token is for userinfo only).
          defaultResource: () => undefined,
          getResourceServerInfo: (_ctx: unknown, resourceIndicator: string) => ({
            scope: API_SCOPE,
            audience: resourceIndicator,
            accessTokenTTL: defaultTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          }),
          useGrantedResource: () => false,
        },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: (ctx: KoaLike, form: string) => {
            ctx.body = page('Sign out', `<h1>Sign out of ${escapeHtml(issuer)}?</h1>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`);
          },
          postLogoutSuccessSource: (ctx: KoaLike) => {
            ctx.body = page('Signed out', '<h1>Signed out</h1>');
          },
        },
      },
      // The built-in pages import web fonts from the internet; these pages load nothing.
      renderError: (ctx: KoaLike, out: Record<string, string>) => {
        ctx.type = 'html';
        ctx.body = page('Error', `<h1>Error</h1>${Object.entries(out)
          .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: <span class="${escapeHtml(key)}">${escapeHtml(String(value))}</span></p>`)
          .join('')}`);
      },
    });
    provider.on('server_error', (_ctx: unknown, error: Error) => serverErrors.push(error.stack ?? String(error)));
    const callback = provider.callback();

    handle = (request, response) => {
      const path = new URL(request.url ?? '/', issuer).pathname;
      const interaction = /^\/interaction\/([^/]+)(\/login)?$/.exec(path);
      if (!interaction) return callback(request, response);
      const login = interaction[2] !== undefined;
      const answer = login && request.method === 'POST'
        ? submitLogin(provider, users, request, response)
        : !login && request.method === 'GET' ? showInteraction(provider, request, response) : Promise.resolve(send(response, 405, page('Error', '<h1>Method not allowed</h1>')));
      answer.catch((error: unknown) => {
        serverErrors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
        if (!response.headersSent) send(response, 400, page('Error', `<h1>Sign-in failed</h1><p class="error">${escapeHtml(String(error))}</p>`));
        else response.end();
      });
    };

    const discoveryUrl = `${issuer}/.well-known/openid-configuration`;
    const discovery = (await (await fetch(discoveryUrl)).json()) as Record<string, string>;
    const endpoint = (name: string): string => {
      const value = discovery[name];
      if (typeof value !== 'string') throw new Error(`discovery of ${issuer} has no ${name}`);
      return value;
    };

    const registerClient: StartedProvider['registerClient'] = async ({ redirectUris, postLogoutRedirectUris, tokenEndpointAuthMethod, clientName }) => {
      const response = await fetch(endpoint('registration_endpoint'), {
        method: 'POST',
        headers: { authorization: `Bearer ${registrationToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          application_type: 'web',
          redirect_uris: redirectUris,
          ...(postLogoutRedirectUris ? { post_logout_redirect_uris: postLogoutRedirectUris } : {}),
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          token_endpoint_auth_method: tokenEndpointAuthMethod ?? 'client_secret_basic',
          ...(clientName ? { client_name: clientName } : {}),
        }),
      });
      const body = (await response.json()) as { client_id?: string; client_secret?: string; error?: string; error_description?: string };
      if (response.status !== 201 || !body.client_id || !body.client_secret) {
        throw new Error(`client registration at ${issuer} refused (${response.status}): ${body.error ?? ''} ${body.error_description ?? ''}`);
      }
      return { clientId: body.client_id, clientSecret: body.client_secret };
    };

    const signIn: StartedProvider['signIn'] = async (authorizationUrl, user, signInOptions) => {
      const account = users.get(user);
      const password = signInOptions?.password ?? account?.password ?? 'password';
      return browse(issuer, new URL(authorizationUrl), user, password, serverErrors);
    };

    const accessTokenFor: StartedProvider['accessTokenFor'] = async (user, { audience, expiresInSeconds, password }) => {
      if (!URL.canParse(audience) || audience.includes('#')) throw new Error(`audience must be an absolute URI without a fragment (a resource indicator), not ${JSON.stringify(audience)}`);
      if (expiresInSeconds !== undefined && !Number.isInteger(expiresInSeconds)) throw new Error('expiresInSeconds must be an integer');
      const lifetime = expiresInSeconds ?? defaultTtl;
      let client = headlessClients.get(lifetime);
      if (!client) {
        client = registerClient({ redirectUris: [HEADLESS_REDIRECT_URI], clientName: `headless (${lifetime} s tokens)` }).then((registered) => {
          headlessLifetimes.set(registered.clientId, lifetime);
          return registered;
        });
        headlessClients.set(lifetime, client);
        client.catch(() => headlessClients.delete(lifetime));
      }
      const { clientId, clientSecret } = await client;

      const verifier = randomBytes(32).toString('base64url');
      const state = randomBytes(16).toString('base64url');
      const authorization = new URL(endpoint('authorization_endpoint'));
      authorization.search = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: HEADLESS_REDIRECT_URI,
        scope: HEADLESS_SCOPE,
        state,
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
        resource: audience,
      }).toString();
      const callbackUrl = await signIn(authorization, user, password === undefined ? undefined : { password });
      const returned = callbackUrl.searchParams;
      if (returned.get('error')) throw new Error(`authorization refused by ${issuer}: ${returned.get('error')} ${returned.get('error_description') ?? ''}`);
      if (returned.get('state') !== state) throw new Error('authorization response state mismatch');
      if (returned.get('iss') !== issuer) throw new Error(`authorization response from ${returned.get('iss')}, expected ${issuer}`);
      const code = returned.get('code');
      if (!code) throw new Error(`authorization response without a code: ${callbackUrl.href}`);

      const response = await fetch(endpoint('token_endpoint'), {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: HEADLESS_REDIRECT_URI, code_verifier: verifier, resource: audience }),
      });
      const tokens = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
      if (!response.ok || !tokens.access_token) {
        throw new Error(`token request at ${issuer} refused (${response.status}): ${tokens.error ?? ''} ${tokens.error_description ?? ''}${serverErrorsNote(serverErrors)}`);
      }
      return tokens.access_token;
    };

    return { issuer, discoveryUrl, jwksUri: endpoint('jwks_uri'), stop, registerClient, accessTokenFor, signIn };
  } catch (error) {
    await stop();
    throw error;
  }
}

// ---------------------------------------------------------------------------
// The provider's side: accounts, keys, the interaction pages.

/** The members of oidc-provider's Provider (a Koa app) used here. */
interface OidcProvider {
  callback(): (request: IncomingMessage, response: ServerResponse) => void;
  on(event: string, listener: (...args: never[]) => void): void;
  interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(request: IncomingMessage, response: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  Grant: { new (properties: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
}

interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  addResourceScope(resource: string, scope: string): void;
  save(): Promise<string>;
}

interface InteractionDetails {
  uid: string;
  grantId?: string;
  prompt: {
    name: string;
    reasons: string[];
    details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
  };
  params: Record<string, unknown> & { client_id: string };
  session?: { accountId: string };
}

/** The part of a Koa context the page hooks write to. */
interface KoaLike {
  type: string;
  body: string;
}

interface RegisteredClient {
  clientId: string;
  clientSecret: string;
}

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };

/**
 * The provider's storage: one Map per provider, gone with it. (oidc-provider's
 * own in-memory adapter is shared by the process unless made through a
 * non-public helper, and warns on every start.) Expiry is left to the
 * provider's models, which refuse an expired code, session or interaction.
 */
function memoryAdapter(): (model: string) => object {
  const stored = new Map<string, Payload>();
  const byUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();
  const byGrant = new Map<string, Set<string>>();
  return (model) => ({
    async upsert(id: string, payload: Payload): Promise<void> {
      const key = `${model}:${id}`;
      stored.set(key, payload);
      if (model === 'Session' && typeof payload.uid === 'string') byUid.set(payload.uid, id);
      if (typeof payload.userCode === 'string') byUserCode.set(payload.userCode, id);
      if (typeof payload.grantId === 'string') {
        const members = byGrant.get(payload.grantId) ?? new Set<string>();
        members.add(key);
        byGrant.set(payload.grantId, members);
      }
    },
    async find(id: string): Promise<Payload | undefined> {
      return stored.get(`${model}:${id}`);
    },
    async findByUid(uid: string): Promise<Payload | undefined> {
      const id = byUid.get(uid);
      return id === undefined ? undefined : stored.get(`${model}:${id}`);
    },
    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      const id = byUserCode.get(userCode);
      return id === undefined ? undefined : stored.get(`${model}:${id}`);
    },
    async consume(id: string): Promise<void> {
      const payload = stored.get(`${model}:${id}`);
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    },
    async destroy(id: string): Promise<void> {
      stored.delete(`${model}:${id}`);
    },
    async revokeByGrantId(grantId: string): Promise<void> {
      for (const key of byGrant.get(grantId) ?? []) stored.delete(key);
      byGrant.delete(grantId);
    },
  });
}

function claimsOf(user: TestUser): Record<string, unknown> {
  return { sub: user.sub, name: user.name, ...(user.email === undefined ? {} : { email: user.email }), groups: [...user.groups] };
}

/** A fresh RSA key for RS256, private JWK with a kid: each provider its own. */
async function signingKey(): Promise<Record<string, unknown>> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

/** The login form, or (a consent prompt) the consent granted at once for everything asked. */
async function showInteraction(provider: OidcProvider, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name === 'login') {
    send(response, 200, loginPage(details.uid, details.params.client_id));
    return;
  }
  if (details.prompt.name !== 'consent' || !details.session) throw new Error(`unexpected prompt ${details.prompt.name}`);
  // A grant already in the session (a later request asking for more) is extended in place.
  const existing = details.grantId === undefined ? undefined : await provider.Grant.find(details.grantId);
  const grant = existing ?? new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details;
  if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
  if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(request, response, existing ? { consent: {} } : { consent: { grantId } }, { mergeWithLastSubmission: true });
}

async function submitLogin(provider: OidcProvider, users: Map<string, TestUser>, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const form = new URLSearchParams(await readBody(request));
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name !== 'login') throw new Error(`login posted while the prompt is ${details.prompt.name}`);
  const login = form.get('login') ?? '';
  const password = form.get('password') ?? '';
  const user = users.get(login) ?? [...users.values()].find((candidate) => candidate.email !== undefined && candidate.email.toLowerCase() === login.toLowerCase());
  const accepted = user !== undefined && password !== '' && (user.password === undefined || user.password === password);
  if (!user || !accepted) {
    send(response, 401, loginPage(details.uid, details.params.client_id, login, 'Invalid login or password.'));
    return;
  }
  await provider.interactionFinished(request, response, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
}

function loginPage(uid: string, clientId: string, login = '', error?: string): string {
  return page('Sign in', `<h1>Sign in</h1>
<p>to continue to <span class="client">${escapeHtml(clientId)}</span></p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${encodeURIComponent(uid)}/login" autocomplete="off">
<label>Login <input type="text" name="login" value="${escapeHtml(login)}" required autofocus></label>
<label>Password <input type="password" name="password" required></label>
<button type="submit">Sign in</button>
</form>`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
${body}
</body></html>`;
}

function send(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) throw new Error('form too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// ---------------------------------------------------------------------------
// The browser's side, headless.

interface Cookie {
  name: string;
  value: string;
  path: string;
}

/** A cookie jar for one host: enough of RFC 6265 for the provider's cookies (path scoping, deletion). */
class CookieJar {
  readonly #cookies = new Map<string, Cookie>();

  store(response: Response, requestUrl: URL): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      let path = requestUrl.pathname.replace(/\/[^/]*$/, '') || '/';
      let expired = false;
      for (const attribute of attributes) {
        const [key = '', ...rest] = attribute.split('=');
        const attributeValue = rest.join('=').trim();
        switch (key.trim().toLowerCase()) {
          case 'path':
            if (attributeValue.startsWith('/')) path = attributeValue;
            break;
          case 'max-age':
            expired ||= Number(attributeValue) <= 0;
            break;
          case 'expires':
            expired ||= Date.parse(attributeValue) <= Date.now();
            break;
        }
      }
      const key = `${name}\u0000${path}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  header(url: URL): string | undefined {
    const matching = [...this.#cookies.values()]
      .filter(({ path }) => url.pathname === path || (url.pathname.startsWith(path) && (path.endsWith('/') || url.pathname[path.length] === '/')))
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length ? matching.map(({ name, value }) => `${name}=${value}`).join('; ') : undefined;
  }
}

/**
 * Follows the provider's redirects from `start` like a browser, posting the
 * login form when it is shown, until a redirect leaves the provider's origin.
 */
async function browse(issuer: string, start: URL, user: string, password: string, serverErrors: string[]): Promise<URL> {
  const origin = new URL(issuer).origin;
  if (start.origin !== origin) throw new Error(`${start.href} is not on ${issuer}`);
  const jar = new CookieJar();
  let url = start;
  let init: { method: string; body?: URLSearchParams } = { method: 'GET' };
  let loggedIn = false;
  for (let hop = 0; hop < MAX_REDIRECTS; hop += 1) {
    const headers: Record<string, string> = { accept: 'text/html' };
    const cookie = jar.header(url);
    if (cookie) headers.cookie = cookie;
    if (init.body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    jar.store(response, url);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== origin) return next;
      url = next;
      init = { method: 'GET' };
      continue;
    }
    const body = await response.text();
    const form = /<form\b[^>]*\baction="([^"]*)"[^>]*>/i.exec(body);
    if (response.status === 200 && form && /\bname="login"/.test(body) && /\bname="password"/.test(body)) {
      if (loggedIn) throw new Error(`${issuer} showed the login form again after ${user} logged in`);
      loggedIn = true;
      url = new URL(unescapeHtml(form[1] ?? ''), url);
      init = { method: 'POST', body: new URLSearchParams({ login: user, password }) };
      continue;
    }
    const said = body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 500);
    if (response.status === 401) throw new Error(`${issuer} refused the login of ${user}: ${said}`);
    throw new Error(`${issuer} answered ${response.status} at ${url.pathname}: ${said}${serverErrorsNote(serverErrors)}`);
  }
  throw new Error(`more than ${MAX_REDIRECTS} redirects from ${start.href}`);
}

function unescapeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');
}

function serverErrorsNote(serverErrors: string[]): string {
  return serverErrors.length ? `\nprovider errors:\n${serverErrors.slice(-3).join('\n')}` : '';
}
