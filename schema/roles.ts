import { z } from 'zod';

/**
 * Who may do what. A role grants permissions; every route declares the one
 * permission it needs. The explorer reads the same table to show only what the
 * signed-in person may do.
 */
export const roles = ['viewer', 'editor', 'importer', 'change-manager', 'admin'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

/**
 * `read` the graph; `edit` CIs and relationships; run `import`s; request and
 * carry out `change`s and record incidents; `approve` changes (and override, and
 * keep templates and the calendar); `admin`ister tokens and settings.
 */
export const permissions = ['read', 'edit', 'import', 'change', 'approve', 'admin'] as const;
export type Permission = (typeof permissions)[number];

/** What each role may do. Roles are not nested: an importer cannot edit by hand, an editor cannot import. */
export const permissionsOfRole: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ['read'],
  editor: ['read', 'edit', 'change'],
  // A pipeline's token requests the change its plan needs (`trellis plan-impact --create-change`).
  importer: ['read', 'import', 'change'],
  'change-manager': ['read', 'change', 'approve'],
  admin: ['read', 'edit', 'import', 'change', 'approve', 'admin'],
};

/** True when any of `held` grants `permission`. */
export function rolesAllow(held: readonly Role[], permission: Permission): boolean {
  return held.some((role) => permissionsOfRole[role].includes(permission));
}
