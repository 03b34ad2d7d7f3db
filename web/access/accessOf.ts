import { limits } from '../../schema/limits.ts';
import type { SessionInfo } from '../../schema/access.ts';
import { permissionsOfRole, roles, type Permission, type Role } from '../../schema/roles.ts';

/** What the header says about the person using the explorer. */
export type SessionStatus =
  | { kind: 'unknown' }
  | { kind: 'open' }
  | { kind: 'signed-in'; name: string; actor: string; roles: string }
  | { kind: 'signed-out'; canSignIn: boolean };

/** What the explorer may offer, read from the session; every check is still the server's. */
export interface Access {
  status: SessionStatus;
  /** False only when the session is known and lacks `permission`: while it is unknown, the server decides. */
  may: (permission: Permission) => boolean;
  /** One sentence saying why actions needing `permission` are unavailable; undefined when they are available. */
  whyNot: (permission: Permission) => string | undefined;
}

/** The same table the server authorizes with, read for the explorer (schema/roles.ts). */
export function accessOf(session: SessionInfo | undefined): Access {
  const status = statusOf(session);
  const may = (permission: Permission) => !session || session.permissions.includes(permission);
  const whyNot = (permission: Permission) => (may(permission) ? undefined : refusal(session!, permission));
  return { status, may, whyNot };
}

function statusOf(session: SessionInfo | undefined): SessionStatus {
  if (!session) return { kind: 'unknown' };
  if (!session.authRequired) return { kind: 'open' };
  if (session.signedIn && session.user) {
    const { displayName, actor, roles: held } = session.user;
    return { kind: 'signed-in', name: displayName || actor, actor, roles: held.join(', ') };
  }
  return { kind: 'signed-out', canSignIn: Boolean(session.signInUrl) };
}

function refusal(session: SessionInfo, permission: Permission): string {
  const needed = `(${listOf(rolesGranting(permission), 'or')})`;
  const held = session.user?.roles ?? [];
  if (!session.signedIn || held.length === 0) return `Sign in with a role that may ${verbs[permission]} ${needed}.`;
  const allowed = session.permissions.map((p) => verbs[p]);
  const who = `Your ${held.length === 1 ? 'role' : 'roles'} (${held.join(', ')})`;
  return `${who} may ${allowed.length ? `${listOf(allowed, 'and')} but not` : 'not'} ${verbs[permission]}: that needs the ${listOf(rolesGranting(permission), 'or')} role.`;
}

/** The roles that grant a permission, in the order schema/roles.ts lists them. */
export function rolesGranting(permission: Permission): Role[] {
  return roles.filter((role) => permissionsOfRole[role].includes(permission));
}

/** Each permission as the verb a sentence needs. */
const verbs: Record<Permission, string> = { read: 'read', edit: 'edit', import: 'import', change: 'request changes', approve: 'approve', admin: 'administer' };

/** `a`, `a and b`, `a, b and c`. */
function listOf(items: readonly string[], conjunction: 'and' | 'or'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** The server's bound on where sign-in returns to (schema/limits.ts). */
export const returnToMaxChars = limits.returnToMaxLength;

/**
 * Where the "Sign in" link goes: the server's sign-in URL with `returnTo` = the
 * path (and query) to come back to. A path too long to send comes back to its
 * page without the query, or to the home page.
 */
export function signInHref(signInUrl: string, returnTo: string): string {
  const path = returnTo.startsWith('/') ? returnTo : '/';
  const kept = path.length <= returnToMaxChars ? path : path.split('?')[0]!.length <= returnToMaxChars ? path.split('?')[0]! : '/';
  return `${signInUrl}${signInUrl.includes('?') ? '&' : '?'}returnTo=${encodeURIComponent(kept)}`;
}
