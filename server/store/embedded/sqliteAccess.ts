import type { ApiToken, AuditDraft, AuditEntry } from '../../../schema/access.ts';
import type { AuditQuery, StoredApiToken } from '../AccessLedger.ts';
import type { SqlAccess } from './sqliteBatchWriter.ts';

/** Tables of API tokens and the audit trail (see AccessLedger). */
export const accessTablesSql = `
CREATE TABLE IF NOT EXISTS api_token (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  revoked_at  TEXT,
  body        TEXT NOT NULL   -- the StoredApiToken as JSON, hash included
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS api_token_active_name ON api_token (name) WHERE revoked_at IS NULL;

CREATE TABLE IF NOT EXISTS audit (
  seq      INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  actor    TEXT NOT NULL,
  target   TEXT NOT NULL,
  batch_id TEXT,
  body     TEXT NOT NULL     -- the AuditEntry as JSON
);
CREATE INDEX IF NOT EXISTS audit_actor ON audit (actor, seq);
CREATE INDEX IF NOT EXISTS audit_target ON audit (target, seq);
CREATE INDEX IF NOT EXISTS audit_batch ON audit (batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS audit_at ON audit (at);
`;

/** Appends an audit entry inside the caller's transaction. */
export function insertAudit(sql: SqlAccess, draft: AuditDraft, at: string, write: { batchId?: string; firstSeq?: number; lastSeq?: number } = {}): AuditEntry {
  const { seq } = sql.statement('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM audit').get() as { seq: number };
  const entry: AuditEntry = { seq, at, ...draft, ...definedOnly(write) };
  sql.statement('INSERT INTO audit (seq, at, actor, target, batch_id, body) VALUES (?, ?, ?, ?, ?, ?)')
    .run(seq, at, entry.actor, entry.target, entry.batchId ?? null, JSON.stringify(entry));
  return entry;
}

/** Audit entries matching a query, newest first. */
export function selectAudit(sql: SqlAccess, query: AuditQuery): AuditEntry[] {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const add = (clause: string, ...values: (string | number)[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if (query.actor !== undefined) add('actor = ?', query.actor);
  if (query.target !== undefined) add('target = ?', query.target);
  if (query.since !== undefined) add('at >= ?', query.since);
  if (query.until !== undefined) add('at <= ?', query.until);
  if (query.beforeSeq !== undefined) add('seq < ?', query.beforeSeq);
  if (query.batchIds !== undefined) add('batch_id IN (SELECT value FROM json_each(?))', JSON.stringify(query.batchIds));
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const rows = sql.statement(`SELECT body FROM audit ${where} ORDER BY seq DESC LIMIT ?`).all(...params, query.limit) as { body: string }[];
  return rows.map((row) => JSON.parse(row.body) as AuditEntry);
}

/** Keeps a new token; false when an active token has its name. */
export function insertToken(sql: SqlAccess, token: StoredApiToken): boolean {
  const taken = sql.statement('SELECT 1 FROM api_token WHERE name = ? AND revoked_at IS NULL').get(token.name);
  if (taken) return false;
  sql.statement('INSERT INTO api_token (id, name, revoked_at, body) VALUES (?, ?, NULL, ?)').run(token.id, token.name, JSON.stringify(token));
  return true;
}

/** A token by id, with its hash. */
export function selectToken(sql: SqlAccess, id: string): StoredApiToken | undefined {
  const row = sql.statement('SELECT body FROM api_token WHERE id = ?').get(id) as { body: string } | undefined;
  return row && (JSON.parse(row.body) as StoredApiToken);
}

/** Every token, newest first, without hashes. */
export function selectTokens(sql: SqlAccess): ApiToken[] {
  const rows = sql.statement('SELECT body FROM api_token').all() as { body: string }[];
  return rows.map((row) => withoutHash(JSON.parse(row.body) as StoredApiToken)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Rewrites a token's record (revocation, last use). */
export function updateToken(sql: SqlAccess, token: StoredApiToken): void {
  sql.statement('UPDATE api_token SET revoked_at = ?, body = ? WHERE id = ?').run(token.revokedAt ?? null, JSON.stringify(token), token.id);
}

/** A token without its hash, for listing. */
export function withoutHash({ secretHash: _hash, ...token }: StoredApiToken): ApiToken {
  return token;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
