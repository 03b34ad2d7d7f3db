import type { Role } from '../../schema/roles.ts';

/**
 * Who is asking, as authentication established it; never what the client
 * claims. Audit entries and history name `actor`.
 */
export interface Identity {
  /** How the caller proved who it is: an API token, an OIDC bearer token or session, or nobody (open mode). */
  kind: 'token' | 'oidc' | 'open';
  /** Stable name recorded as the actor: `token:<name>`, `oidc:<subject>`, `anonymous`. */
  actor: string;
  /** A readable name for people: the token's name, the user's name or e-mail. */
  displayName: string;
  roles: Role[];
  /** Team CI ids the caller belongs to (from the OIDC claim or the token's --team). */
  teams: string[];
  /** The API token's id, for revocation checks and last-use records. */
  tokenId?: string;
  /** Set for browser sessions: cookie-authenticated writes must carry this CSRF token. */
  csrfToken?: string;
}

/** The caller when no authentication is configured: anyone on loopback, with every role. */
export const openModeIdentity: Identity = {
  kind: 'open',
  actor: 'anonymous',
  displayName: 'anonymous (no authentication configured)',
  roles: ['admin'],
  teams: [],
};

/** The caller of a public route who gave no credentials: no role at all. */
export const unauthenticatedCaller: Identity = { kind: 'open', actor: 'unauthenticated', displayName: 'unauthenticated', roles: [], teams: [] };
