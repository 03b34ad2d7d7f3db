import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { AuthConfig } from '../config.ts';
import { UnauthenticatedError, UnavailableError } from '../errors.ts';
import type { Identity } from './identity.ts';
import { identityOfClaims } from './claimsIdentity.ts';

type OidcConfig = NonNullable<AuthConfig['oidc']>;

/**
 * Verifies OpenID Connect bearer JWTs: signature against the issuer's JWKS
 * (fetched from its discovery document, cached and refreshed by jose on an
 * unknown key id), and issuer, audience and algorithm pinned to the
 * configuration. A token that fails any check proves nothing.
 */
export async function oidcBearerVerifier(oidc: OidcConfig, jwksUri: string): Promise<(jwt: string) => Promise<Identity>> {
  if (!oidc.audience) throw new Error('invalid configuration: OIDC bearer tokens need TRELLIS_OIDC_AUDIENCE (the API\'s identifier at the issuer)');
  const keys = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  return async (jwt) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, keys, { issuer: oidc.issuer, audience: oidc.audience, algorithms: oidc.algorithms, clockTolerance: 30 }));
    } catch (error) {
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) {
        throw new UnauthenticatedError(`the bearer token is not valid: ${reasonOf(error)}`);
      }
      throw new UnavailableError(`cannot check the bearer token: the issuer's keys are unreachable (${(error as Error).message})`, { cause: error });
    }
    return identityOfClaims(payload, oidc);
  };
}

function reasonOf(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'it has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `its "${error.claim}" claim is not what this server accepts`;
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return 'its signature does not match the issuer\'s keys';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'it is signed with an algorithm this server does not accept';
  return 'it cannot be read as a signed JWT';
}
