import type { ApiToken, AuditDraft, AuditEntry } from '../../schema/access.ts';

/** A token as stored: the listed fields and the hash of its secret. */
export interface StoredApiToken extends ApiToken {
  /** SHA-256 of the secret, base64url. */
  secretHash: string;
}

/** Which audit entries to read, newest first. */
export interface AuditQuery {
  actor?: string;
  /** Entries whose target is this (a CI id, a relationship key, a token id...). */
  target?: string;
  /** Entries of these graph writes (batch ids). */
  batchIds?: readonly string[];
  /** ISO times: entries at or after `since`, at or before `until`. */
  since?: string;
  until?: string;
  /** Entries with seq below this (the last seq of the previous page). */
  beforeSeq?: number;
  limit: number;
}

/**
 * The part of the storage port that keeps who may act (API tokens) and what
 * they did (the audit trail). Part of every store, beside the graph and never
 * in it: tokens and audit entries are not CIs and no graph query reaches them.
 */
export interface AccessLedger {
  /** Keeps a new token and audits its creation, together. ConflictError when an active token has the name. */
  createToken(token: StoredApiToken, audit: AuditDraft): Promise<void>;
  /** A token by id, with its hash, or undefined. */
  findToken(id: string): Promise<StoredApiToken | undefined>;
  /** Every token, newest first, without hashes. */
  listTokens(): Promise<ApiToken[]>;
  /** Revokes a token and audits it, together; the token as it is now, or undefined when unknown. */
  revokeToken(id: string, at: string, audit: AuditDraft): Promise<ApiToken | undefined>;
  /** Records that a token authenticated a request. */
  recordTokenUse(id: string, at: string): Promise<void>;
  /** Appends an audit entry that no graph write carries. */
  appendAudit(entry: AuditDraft): Promise<AuditEntry>;
  /** Audit entries, newest first. */
  listAudit(query: AuditQuery): Promise<AuditEntry[]>;
}
