import { z } from 'zod';
import { ciIdSchema } from './identifiers.ts';
import { permissions, roleSchema, type Permission, type Role } from './roles.ts';

/** An API token as listed: never its secret, which is shown once at creation and stored only as a hash. */
export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  /** The Team CI the token acts for, if any. */
  team?: string;
  createdAt: string;
  /** The actor who created it. */
  createdBy: string;
  expiresAt?: string;
  revokedAt?: string;
  /** When it last authenticated a request (recorded at most once a minute). */
  lastUsedAt?: string;
}

/** What creating a token asks for. */
export const tokenRequestSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, ".", "_", "-" (1-100)').meta({ description: 'A name people recognise: the pipeline or person it is for.' }),
  role: roleSchema,
  team: ciIdSchema.optional().meta({ description: 'The Team CI the token acts for (its owner).' }),
  expiresAt: z.iso.datetime({ offset: true }).optional().meta({ description: 'When it stops working (ISO 8601); never when absent.' }),
});
export type TokenRequest = z.output<typeof tokenRequestSchema>;

/** What is audited: a verb on a kind of resource. */
export const auditActions = [
  'ci.create', 'ci.replace', 'ci.patch', 'ci.withdraw',
  'relationship.create', 'relationship.replace', 'relationship.withdraw',
  'estate.import', 'import.run', 'import.retire-stale',
  'token.create', 'token.revoke',
  'change.create', 'change.edit', 'change.move', 'change.assess', 'change.decide', 'change.review',
  'calendar.save', 'calendar.delete', 'template.save', 'template.delete',
  'incident.open', 'incident.resolve',
] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * One entry of the audit trail: who (as authentication proved it), when, from
 * where, in which request, what; and, for a write to the graph, the batch
 * whose history entries say exactly what changed. Append-only.
 */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: AuditAction;
  /** What the action was on: a CI id, a relationship key, an import's file, a token id. */
  target: string;
  clientAddress: string;
  requestId: string;
  /** The graph write, when there was one: its history entries carry this batch id. */
  batchId?: string;
  firstSeq?: number;
  lastSeq?: number;
  /** A one-line account of the outcome: counts, or what was refused. */
  summary?: string;
}

/** An audit entry before the store gives it a sequence number, time and batch. */
export type AuditDraft = Omit<AuditEntry, 'seq' | 'at' | 'batchId' | 'firstSeq' | 'lastSeq'>;

/** Who the explorer's user is and what they may do (`GET /api/v1/session`). */
export interface SessionInfo {
  /** False in open mode: everyone may do everything (on loopback). */
  authRequired: boolean;
  signedIn: boolean;
  /** How the caller is known, when known. */
  via?: 'token' | 'oidc' | 'session' | 'open';
  user?: { actor: string; displayName: string; roles: Role[]; teams: string[] };
  permissions: Permission[];
  /** Send as X-CSRF-Token on writes made with the session cookie. */
  csrfToken?: string;
  /** Where to send the browser to sign in (absent when sign-in is not configured). */
  signInUrl?: string;
}

export const sessionInfoSchema = z.object({
  authRequired: z.boolean(),
  signedIn: z.boolean(),
  via: z.enum(['token', 'oidc', 'session', 'open']).optional(),
  user: z.object({ actor: z.string(), displayName: z.string(), roles: z.array(roleSchema), teams: z.array(z.string()) }).optional(),
  permissions: z.array(z.enum(permissions)),
  csrfToken: z.string().optional(),
  signInUrl: z.string().optional(),
}).meta({ id: 'SessionInfo', description: 'Who the caller is and what they may do.' });
