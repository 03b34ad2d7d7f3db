import { createHash, randomBytes } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { roleSchema } from '../../schema/roles.ts';
import { z } from 'zod';
import type { Identity } from './identity.ts';

/** The session cookie of the explorer, and the short-lived one that carries a sign-in in progress. */
export const sessionCookie = 'trellis_session';
export const signInCookie = 'trellis_signin';

/** How long a session lasts: a working day; signing in again is one click with the issuer's own session. */
export const sessionSeconds = 8 * 3600;

const sessionClaims = z.object({
  actor: z.string(), displayName: z.string(), roles: z.array(roleSchema), teams: z.array(z.string()), csrf: z.string(),
});

/**
 * Sealed cookies: encrypted and authenticated (JWE, A256GCM) with a key derived
 * from TRELLIS_SESSION_SECRET, so the browser holds its session but can
 * neither read nor change it, and the server keeps no session state.
 */
export class CookieSealer {
  private readonly key: Uint8Array;

  constructor(secret: string | undefined) {
    this.key = createHash('sha256').update(secret ?? randomBytes(32)).digest();
  }

  /** Seals any claims for `seconds`. */
  async seal(claims: Record<string, unknown>, seconds: number): Promise<string> {
    return new EncryptJWT(claims).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setIssuedAt().setExpirationTime(`${seconds}s`).encrypt(this.key);
  }

  /** The claims of a sealed value, or undefined when it is forged, altered or expired. */
  async open(sealed: string): Promise<Record<string, unknown> | undefined> {
    try {
      return (await jwtDecrypt(sealed, this.key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] })).payload;
    } catch {
      return undefined;
    }
  }

  /** A session for a signed-in person, with a fresh CSRF token. */
  async sealSession(identity: Identity): Promise<string> {
    return this.seal({ actor: identity.actor, displayName: identity.displayName, roles: identity.roles, teams: identity.teams, csrf: randomBytes(24).toString('base64url') }, sessionSeconds);
  }

  /** The identity a session cookie holds, or undefined. */
  async openSession(sealed: string): Promise<Identity | undefined> {
    const claims = sessionClaims.safeParse(await this.open(sealed));
    if (!claims.success) return undefined;
    const { actor, displayName, roles, teams, csrf } = claims.data;
    return { kind: 'oidc', actor, displayName, roles, teams, csrfToken: csrf };
  }
}

/** One cookie from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** A Set-Cookie value: HttpOnly and SameSite=Lax always, Secure when served over https; an empty value clears it. */
export function setCookie(name: string, value: string, options: { secure: boolean; maxAgeSeconds: number; path?: string }): string {
  return [`${name}=${value}`, `Path=${options.path ?? '/'}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${value ? options.maxAgeSeconds : 0}`, ...(options.secure ? ['Secure'] : [])].join('; ');
}
