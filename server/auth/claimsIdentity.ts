import type { JWTPayload } from 'jose';
import type { Role } from '../../schema/roles.ts';
import type { AuthConfig } from '../config.ts';
import type { Identity } from './identity.ts';

type OidcConfig = NonNullable<AuthConfig['oidc']>;

/**
 * A person's identity from their token's claims: roles from their groups
 * through TRELLIS_OIDC_ROLE_MAP (a viewer when none maps), teams from their
 * groups through TRELLIS_OIDC_TEAM_MAP (a group not named is taken as a Team CI
 * id), so the owners of a service are people who can sign in.
 */
export function identityOfClaims(claims: JWTPayload & Record<string, unknown>, oidc: OidcConfig): Identity {
  const groupsClaim = claims[oidc.groupsClaim];
  const groups = Array.isArray(groupsClaim) ? groupsClaim.filter((g): g is string => typeof g === 'string') : typeof groupsClaim === 'string' ? [groupsClaim] : [];
  const mapped = [...new Set(groups.flatMap((group) => (Object.hasOwn(oidc.roleMap, group) ? [oidc.roleMap[group]!] : [])))];
  const roles: Role[] = mapped.length ? mapped : ['viewer'];
  const teams = [...new Set(groups.map((group) => (Object.hasOwn(oidc.teamMap, group) ? oidc.teamMap[group]! : group)))];
  const name = typeof claims.name === 'string' ? claims.name : typeof claims.email === 'string' ? claims.email : String(claims.sub);
  return { kind: 'oidc', actor: `oidc:${claims.sub ?? 'unknown'}`, displayName: name, roles, teams };
}
