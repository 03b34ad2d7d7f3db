import { z } from 'zod';
import { auditActions, type ApiToken, type AuditEntry } from '../access.ts';
import { roleSchema } from '../roles.ts';
import { mirror } from './mirror.ts';

/** Response bodies of API tokens (`/api/v1/tokens`) and the audit trail (`/api/v1/audit`). */

const isoTime = () => z.iso.datetime();

export const apiTokenSchema = mirror<ApiToken>()(
  z
    .object({
      id: z.string().meta({ description: 'The token\'s id (the part after `trellis_`); revoke by it.' }),
      name: z.string(),
      role: roleSchema,
      team: z.string().optional().meta({ description: 'The Team CI the token acts for.' }),
      createdAt: isoTime(),
      createdBy: z.string().meta({ description: 'The actor who created it.' }),
      expiresAt: isoTime().optional(),
      revokedAt: isoTime().optional(),
      lastUsedAt: isoTime().optional().meta({ description: 'When it last authenticated a request (recorded at most once a minute).' }),
    })
    .meta({ id: 'ApiToken', description: 'An API token, without its secret.' }),
);

export const createdTokenSchema = z
  .object({
    token: apiTokenSchema,
    secret: z.string().meta({ description: 'The token to send as `Authorization: Bearer <secret>`. Shown this once: Trellis keeps only its hash.' }),
  })
  .meta({ id: 'CreatedToken', description: 'A new API token and its secret, shown once.' });

export const auditEntrySchema = mirror<AuditEntry>()(
  z
    .object({
      seq: z.int().meta({ description: 'Position in the audit trail (1, 2, 3...).' }),
      at: isoTime(),
      actor: z.string().meta({ description: 'Who, as authentication proved it: `token:<name>:<id>`, `oidc:<subject>`, `cli:<user>`, or `anonymous` in open mode.' }),
      action: z.enum(auditActions),
      target: z.string().meta({ description: 'What the action was on: a CI id, a relationship key, an import\'s file, a token id.' }),
      clientAddress: z.string(),
      requestId: z.string().meta({ description: 'The request\'s X-Request-Id, as in the server log.' }),
      batchId: z.string().optional().meta({ description: 'The graph write; its history entries carry this batch id.' }),
      firstSeq: z.int().optional().meta({ description: 'The first history entry the write made.' }),
      lastSeq: z.int().optional().meta({ description: 'The last history entry the write made.' }),
      summary: z.string().optional(),
    })
    .meta({ id: 'AuditEntry', description: 'One entry of the append-only audit trail.' }),
);
