import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../schema/access.ts';
import { permissionsOfRole, type Role } from '../../schema/roles.ts';
import { accessOf, returnToMaxChars, rolesGranting, signInHref } from '../../web/access/accessOf.ts';

/** A session as GET /api/v1/session answers it, for a person holding `roles` (none: signed out). */
function sessionOf(roles: Role[], overrides: Partial<SessionInfo> = {}): SessionInfo {
  const permissions = [...new Set(roles.flatMap((role) => permissionsOfRole[role]))];
  return {
    authRequired: true,
    signedIn: roles.length > 0,
    permissions,
    signInUrl: '/auth/login',
    ...(roles.length ? { via: 'session' as const, user: { actor: 'oidc:vic', displayName: 'Vic Viewer', roles, teams: [] }, csrfToken: 'csrf-1' } : {}),
    ...overrides,
  };
}

describe('accessOf: the header', () => {
  it('says nothing while the session is unknown, and offers everything: the server still decides', () => {
    const access = accessOf(undefined);
    expect(access.status).toEqual({ kind: 'unknown' });
    expect(access.may('import')).toBe(true);
    expect(access.whyNot('import')).toBeUndefined();
  });

  it('names open mode, where nobody signs in and everyone may do everything', () => {
    const open: SessionInfo = { authRequired: false, signedIn: false, via: 'open', user: { actor: 'anonymous', displayName: 'anonymous', roles: ['admin'], teams: [] }, permissions: ['read', 'edit', 'import', 'change', 'approve', 'admin'] };
    expect(accessOf(open).status).toEqual({ kind: 'open' });
    expect(accessOf(open).whyNot('import')).toBeUndefined();
  });

  it('shows who is signed in with their roles as text', () => {
    expect(accessOf(sessionOf(['importer', 'editor'])).status).toEqual({ kind: 'signed-in', name: 'Vic Viewer', actor: 'oidc:vic', roles: 'importer, editor' });
  });

  it('offers sign-in when it is required, unless the server has none to offer', () => {
    expect(accessOf(sessionOf([])).status).toEqual({ kind: 'signed-out', canSignIn: true });
    expect(accessOf(sessionOf([], { signInUrl: undefined })).status).toEqual({ kind: 'signed-out', canSignIn: false });
  });
});

describe('accessOf: what the role may do, and why not', () => {
  it('says what a viewer may do and what importing needs', () => {
    const viewer = accessOf(sessionOf(['viewer']));
    expect(viewer.may('read')).toBe(true);
    expect(viewer.may('import')).toBe(false);
    expect(viewer.whyNot('import')).toBe('Your role (viewer) may read but not import: that needs the importer or admin role.');
    expect(viewer.whyNot('read')).toBeUndefined();
  });

  it('lists every role held and every permission they grant', () => {
    const two = accessOf(sessionOf(['editor', 'change-manager']));
    expect(two.whyNot('import')).toBe('Your roles (editor, change-manager) may read, edit, request changes and approve but not import: that needs the importer or admin role.');
    expect(two.whyNot('admin')).toBe('Your roles (editor, change-manager) may read, edit, request changes and approve but not administer: that needs the admin role.');
  });

  it('lets an importer and an admin import', () => {
    for (const role of ['importer', 'admin'] as const) expect(accessOf(sessionOf([role])).whyNot('import')).toBeUndefined();
  });

  it('asks a signed-out person to sign in with a role that may', () => {
    expect(accessOf(sessionOf([])).whyNot('import')).toBe('Sign in with a role that may import (importer or admin).');
  });

  it('reads the roles that grant a permission from the server\'s table', () => {
    expect(rolesGranting('import')).toEqual(['importer', 'admin']);
    expect(rolesGranting('read')).toEqual(['viewer', 'editor', 'importer', 'change-manager', 'admin']);
  });
});

describe('signInHref', () => {
  it('comes back to the page and its query', () => {
    expect(signInHref('/auth/login', '/map?ci=svc-checkout&depth=2')).toBe('/auth/login?returnTo=%2Fmap%3Fci%3Dsvc-checkout%26depth%3D2');
    expect(new URL(signInHref('/auth/login?prompt=login', '/imports'), 'http://x').searchParams.get('returnTo')).toBe('/imports');
  });

  it('sends only a path of this site, no longer than the server takes', () => {
    expect(signInHref('/auth/login', 'https://evil.example/')).toBe('/auth/login?returnTo=%2F');
    const long = `/map?ci=${'x'.repeat(returnToMaxChars)}`;
    expect(signInHref('/auth/login', long)).toBe('/auth/login?returnTo=%2Fmap');
  });
});
