import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type StartedProvider, type TestUser } from './oidcProvider.ts';

/**
 * The OIDC test provider is a real one: discovery, JWT access tokens signed
 * with its own keys and checked against its published JWKS, the
 * authorization-code flow with PKCE as openid-client v6 runs it. Expiry is
 * checked by giving the verifier a date, never by waiting.
 */

const users: TestUser[] = [
  { sub: 'alice', name: 'Alice Example', email: 'alice@example.test', groups: ['trellis-admins', 'platform'] },
  { sub: 'bob', name: 'Bob Example', groups: ['viewers'] },
  { sub: 'carol', name: 'Carol Example', email: 'carol@example.test', groups: [], password: 'correct horse' },
];
const audience = 'http://127.0.0.1:8080/api';

let providerA: StartedProvider;
let providerB: StartedProvider;

beforeAll(async () => {
  [providerA, providerB] = await Promise.all([startOidcProvider({ users }), startOidcProvider({ users })]);
}, 120_000);

afterAll(async () => {
  await Promise.all([providerA?.stop(), providerB?.stop()]);
});

function jwksOf(provider: StartedProvider) {
  return createRemoteJWKSet(new URL(provider.jwksUri));
}

describe('OIDC test provider', { timeout: 120_000 }, () => {
  it('publishes discovery on a loopback http issuer', async () => {
    expect(providerA.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(providerB.issuer).not.toBe(providerA.issuer);
    const response = await fetch(providerA.discoveryUrl);
    expect(response.status).toBe(200);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata.issuer).toBe(providerA.issuer);
    expect(metadata.jwks_uri).toBe(providerA.jwksUri);
    expect(metadata.authorization_endpoint).toBe(`${providerA.issuer}/auth`);
    expect(metadata.token_endpoint).toBe(`${providerA.issuer}/token`);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'groups']));
    expect(metadata.claims_supported).toEqual(expect.arrayContaining(['sub', 'name', 'email', 'groups']));
    expect(metadata.id_token_signing_alg_values_supported).toContain('RS256');
    const jwks = (await (await fetch(providerA.jwksUri)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.map(({ kty, alg }) => ({ kty, alg }))).toEqual([{ kty: 'RSA', alg: 'RS256' }]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('issues RS256 JWT access tokens for an audience, with the user claims, that verify against its JWKS', async () => {
    const token = await providerA.accessTokenFor('alice', { audience });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(decodeJwt(token)).toMatchObject({
      iss: providerA.issuer, aud: audience, sub: 'alice', name: 'Alice Example', email: 'alice@example.test', groups: ['trellis-admins', 'platform'],
    });

    const { payload } = await jwtVerify(token, jwksOf(providerA), { issuer: providerA.issuer, audience, algorithms: ['RS256'] });
    expect(payload.sub).toBe('alice');
    expect(payload.exp! - payload.iat!).toBe(600);

    const forBob = decodeJwt(await providerA.accessTokenFor('bob', { audience: 'urn:trellis:api' }));
    expect(forBob).toMatchObject({ sub: 'bob', aud: 'urn:trellis:api', groups: ['viewers'] });
    expect(forBob).not.toHaveProperty('email');
  });

  it('is refused for another audience', async () => {
    const token = await providerA.accessTokenFor('alice', { audience: 'urn:other:api' });
    await expect(jwtVerify(token, jwksOf(providerA), { issuer: providerA.issuer, audience, algorithms: ['RS256'] })).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud',
    });
  });

  it('issues short-lived and already-expired tokens that only the expiry refuses', async () => {
    const short = await providerA.accessTokenFor('alice', { audience, expiresInSeconds: 5 });
    const { iat, exp } = decodeJwt(short) as { iat: number; exp: number };
    expect(exp - iat).toBe(5);
    const options = { issuer: providerA.issuer, audience, algorithms: ['RS256'] };
    await expect(jwtVerify(short, jwksOf(providerA), { ...options, currentDate: new Date(iat * 1000) })).resolves.toBeDefined();
    await expect(jwtVerify(short, jwksOf(providerA), { ...options, currentDate: new Date((exp + 1) * 1000) })).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });

    const expired = await providerA.accessTokenFor('alice', { audience, expiresInSeconds: -3600 });
    const stale = decodeJwt(expired) as { iat: number; exp: number };
    expect(stale.exp - stale.iat).toBe(60);
    await expect(jwtVerify(expired, jwksOf(providerA), options)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
    await expect(jwtVerify(expired, jwksOf(providerA), { ...options, currentDate: new Date(stale.iat * 1000) })).resolves.toBeDefined();
  });

  it("does not verify another provider's tokens", async () => {
    const fromB = await providerB.accessTokenFor('alice', { audience });
    expect(decodeJwt(fromB).iss).toBe(providerB.issuer);
    await expect(jwtVerify(fromB, jwksOf(providerB), { issuer: providerB.issuer, audience, algorithms: ['RS256'] })).resolves.toBeDefined();
    await expect(jwtVerify(fromB, jwksOf(providerA), { audience, algorithms: ['RS256'] })).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    const kidOf = async (provider: StartedProvider) => ((await (await fetch(provider.jwksUri)).json()) as { keys: { kid: string; n: string }[] }).keys[0];
    const [keyA, keyB] = await Promise.all([kidOf(providerA), kidOf(providerB)]);
    expect(keyA!.n).not.toBe(keyB!.n);
  });

  it('shows a plain HTML login form at the authorization endpoint', async () => {
    const { clientId } = await providerA.registerClient({ redirectUris: ['http://127.0.0.1:8080/auth/callback'] });
    const authorization = new URL(`${providerA.issuer}/auth`);
    authorization.search = new URLSearchParams({
      response_type: 'code', client_id: clientId, scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256',
    }).toString();
    const redirect = await fetch(authorization, { redirect: 'manual' });
    expect(redirect.status).toBe(303);
    const formUrl = new URL(redirect.headers.get('location')!, providerA.issuer);
    expect(formUrl.pathname).toMatch(/^\/interaction\/[^/]+$/);
    const cookie = redirect.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
    const form = await fetch(formUrl, { headers: { cookie } });
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toMatch(/<form method="post" action="\/interaction\/[^"/]+\/login"/);
    expect(html).toContain('name="login"');
    expect(html).toContain('type="password" name="password"');
    expect(html).toContain('<button type="submit">');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('signs a registered client in by the authorization-code flow with PKCE, as openid-client runs it', async () => {
    const redirectUri = 'http://127.0.0.1:8080/auth/callback';
    const { clientId, clientSecret } = await providerA.registerClient({ redirectUris: [redirectUri], postLogoutRedirectUris: ['http://127.0.0.1:8080/'] });
    const config = await client.discovery(new URL(providerA.issuer), clientId, undefined, client.ClientSecretBasic(clientSecret), {
      execute: [client.allowInsecureRequests],
    });
    expect(config.serverMetadata().issuer).toBe(providerA.issuer);

    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const authorizationUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile email groups',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const callback = await providerA.signIn(authorizationUrl, 'alice');
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);

    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()).toMatchObject({
      iss: providerA.issuer, aud: clientId, sub: 'alice', name: 'Alice Example', email: 'alice@example.test', groups: ['trellis-admins', 'platform'],
    });
    expect(decodeProtectedHeader(tokens.id_token!).alg).toBe('RS256');

    // A code is good once.
    await expect(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state })).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a wrong password and takes the right one', async () => {
    const redirectUri = 'http://127.0.0.1:8080/auth/callback';
    const { clientId, clientSecret } = await providerA.registerClient({ redirectUris: [redirectUri], tokenEndpointAuthMethod: 'client_secret_post' });
    const config = await client.discovery(new URL(providerA.issuer), clientId, clientSecret, undefined, { execute: [client.allowInsecureRequests] });
    const verifier = client.randomPKCECodeVerifier();
    const authorizationUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri, scope: 'openid groups', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    await expect(providerA.signIn(authorizationUrl, 'carol', { password: 'wrong' })).rejects.toThrow(/refused the login of carol/);
    await expect(providerA.signIn(authorizationUrl, 'nobody')).rejects.toThrow(/refused the login of nobody/);
    const callback = await providerA.signIn(authorizationUrl, 'carol');
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: client.skipStateCheck });
    expect(tokens.claims()).toMatchObject({ sub: 'carol', groups: [] });
    expect(tokens.claims()).not.toHaveProperty('name');
  });

  it('stops cleanly', async () => {
    const provider = await startOidcProvider({ users });
    await provider.accessTokenFor('bob', { audience });
    await provider.stop();
    await provider.stop();
    await expect(fetch(provider.discoveryUrl)).rejects.toThrow();
  });
});
