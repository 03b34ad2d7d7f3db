import type { ManagedTransaction } from 'neo4j-driver';
import type { ApiToken, AuditDraft, AuditEntry } from '../../../schema/access.ts';
import type { AuditQuery, StoredApiToken } from '../AccessLedger.ts';

/** Constraints and indexes of tokens and the audit trail: nodes beside the graph, never labelled CI. */
export const accessSchemaStatements = [
  'CREATE CONSTRAINT trellis_api_token_id IF NOT EXISTS FOR (t:TrellisApiToken) REQUIRE t.id IS UNIQUE',
  'CREATE INDEX trellis_api_token_name IF NOT EXISTS FOR (t:TrellisApiToken) ON (t.name)',
  'CREATE CONSTRAINT trellis_audit_seq IF NOT EXISTS FOR (a:TrellisAudit) REQUIRE a.seq IS UNIQUE',
  'CREATE INDEX trellis_audit_actor IF NOT EXISTS FOR (a:TrellisAudit) ON (a.actor)',
  'CREATE INDEX trellis_audit_target IF NOT EXISTS FOR (a:TrellisAudit) ON (a.target)',
  'CREATE INDEX trellis_audit_batch IF NOT EXISTS FOR (a:TrellisAudit) ON (a.batchId)',
];

const appendAuditCypher = `
MERGE (c:TrellisCounter {name: 'audit'}) ON CREATE SET c.seq = 0
SET c.seq = c.seq + 1
WITH c.seq AS seq
CREATE (a:TrellisAudit {seq: seq, at: $at, actor: $actor, target: $target, batchId: $batchId, body: $body})
RETURN seq`;

/** Appends an audit entry inside the caller's write transaction (the counter node serializes writers). */
export async function insertAudit(tx: ManagedTransaction, draft: AuditDraft, at: string, write: { batchId?: string; firstSeq?: number; lastSeq?: number } = {}): Promise<AuditEntry> {
  const written = Object.fromEntries(Object.entries(write).filter(([, v]) => v !== undefined));
  const base = { at, ...draft, ...written };
  // The body holds everything but seq, which the counter gives; readers add it back.
  const result = await tx.run(appendAuditCypher, { at, actor: draft.actor, target: draft.target, batchId: write.batchId ?? null, body: JSON.stringify(base) });
  return { seq: result.records[0]!.get('seq') as number, ...base } as AuditEntry;
}

/** Audit entries matching a query, newest first. */
export async function selectAudit(tx: ManagedTransaction, query: AuditQuery): Promise<AuditEntry[]> {
  const conditions = [
    query.actor !== undefined && 'a.actor = $actor',
    query.target !== undefined && 'a.target = $target',
    query.since !== undefined && 'a.at >= $since',
    query.until !== undefined && 'a.at <= $until',
    query.beforeSeq !== undefined && 'a.seq < $beforeSeq',
    query.batchIds !== undefined && 'a.batchId IN $batchIds',
  ].filter(Boolean);
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const result = await tx.run(`MATCH (a:TrellisAudit) ${where} RETURN a.seq AS seq, a.body AS body ORDER BY a.seq DESC LIMIT toInteger($limit)`, {
    actor: query.actor ?? null, target: query.target ?? null, since: query.since ?? null, until: query.until ?? null,
    beforeSeq: query.beforeSeq ?? null, batchIds: query.batchIds ?? null, limit: query.limit,
  });
  return result.records.map((record) => ({ seq: record.get('seq') as number, ...(JSON.parse(record.get('body') as string) as Omit<AuditEntry, 'seq'>) }));
}

/** Keeps a new token; false when an active token has its name. */
export async function insertToken(tx: ManagedTransaction, token: StoredApiToken): Promise<boolean> {
  // Lock on the name first, so two creations of one name cannot both see it free.
  await tx.run("MERGE (l:TrellisCounter {name: 'token-names'}) SET l.touched = true");
  const taken = await tx.run('MATCH (t:TrellisApiToken {name: $name}) WHERE t.revokedAt IS NULL RETURN t.id LIMIT 1', { name: token.name });
  if (taken.records.length) return false;
  await tx.run('CREATE (t:TrellisApiToken {id: $id, name: $name, revokedAt: null, body: $body})', { id: token.id, name: token.name, body: JSON.stringify(token) });
  return true;
}

/** A token by id, with its hash. */
export async function selectToken(tx: ManagedTransaction, id: string): Promise<StoredApiToken | undefined> {
  const result = await tx.run('MATCH (t:TrellisApiToken {id: $id}) RETURN t.body AS body', { id });
  const body = result.records[0]?.get('body') as string | undefined;
  return body === undefined ? undefined : (JSON.parse(body) as StoredApiToken);
}

/** Every token, newest first, without hashes. */
export async function selectTokens(tx: ManagedTransaction): Promise<ApiToken[]> {
  const result = await tx.run('MATCH (t:TrellisApiToken) RETURN t.body AS body');
  return result.records
    .map((record) => {
      const { secretHash: _hash, ...token } = JSON.parse(record.get('body') as string) as StoredApiToken;
      return token;
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Rewrites a token's record (revocation, last use). */
export async function updateToken(tx: ManagedTransaction, token: StoredApiToken): Promise<void> {
  await tx.run('MATCH (t:TrellisApiToken {id: $id}) SET t.revokedAt = $revokedAt, t.body = $body', { id: token.id, revokedAt: token.revokedAt ?? null, body: JSON.stringify(token) });
}
