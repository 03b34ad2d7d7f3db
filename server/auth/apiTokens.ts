import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiToken, TokenRequest } from '../../schema/access.ts';
import { NotFoundError, UnauthenticatedError } from '../errors.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import type { Identity } from './identity.ts';
import type { AuditContext } from '../audit/auditDraft.ts';

/** `trellis_<16 hex id>_<43 base64url secret>`: the id finds the record, the secret proves possession. */
const tokenPattern = /^trellis_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** True when a bearer credential is shaped like one of our API tokens (not a JWT). */
export function looksLikeApiToken(credential: string): boolean {
  return credential.startsWith('trellis_');
}

/** Creates a token; the secret is in the answer and nowhere else (the store keeps its hash). */
export async function createApiToken(store: GraphStore, request: TokenRequest, by: AuditContext, now = new Date()): Promise<{ token: ApiToken; secret: string }> {
  const id = randomBytes(8).toString('hex');
  const secretPart = randomBytes(32).toString('base64url');
  const token: ApiToken = { id, name: request.name, role: request.role, createdAt: now.toISOString(), createdBy: by.actor };
  if (request.team) token.team = request.team;
  if (request.expiresAt) token.expiresAt = new Date(request.expiresAt).toISOString();
  await store.createToken({ ...token, secretHash: hashOf(secretPart) }, { ...by, action: 'token.create', target: id, summary: `token "${token.name}" with role ${token.role}` });
  return { token, secret: `trellis_${id}_${secretPart}` };
}

/** Revokes a token: it stops working at once. NotFoundError when unknown. */
export async function revokeApiToken(store: GraphStore, id: string, by: AuditContext, now = new Date()): Promise<ApiToken> {
  const token = await store.revokeToken(id, now.toISOString(), { ...by, action: 'token.revoke', target: id });
  if (!token) throw new NotFoundError(`no API token has the id "${id}"`, [id]);
  return token;
}

/** The identity an API token proves; UnauthenticatedError saying why when it proves nothing. */
export async function verifyApiToken(store: GraphStore, credential: string, now = new Date()): Promise<Identity> {
  const match = tokenPattern.exec(credential);
  if (!match) throw new UnauthenticatedError('the bearer token is not a Trellis API token (trellis_<id>_<secret>)');
  const [, id, secretPart] = match as unknown as [string, string, string];
  const stored = await store.findToken(id);
  if (!stored || !sameHash(stored.secretHash, hashOf(secretPart))) throw new UnauthenticatedError('the API token is not valid');
  if (stored.revokedAt) throw new UnauthenticatedError(`the API token "${stored.name}" was revoked at ${stored.revokedAt}`);
  if (stored.expiresAt && Date.parse(stored.expiresAt) <= now.getTime()) throw new UnauthenticatedError(`the API token "${stored.name}" expired at ${stored.expiresAt}`);
  return {
    kind: 'token', actor: `token:${stored.name}:${stored.id}`, displayName: stored.name, roles: [stored.role],
    teams: stored.team ? [stored.team] : [], tokenId: stored.id,
  };
}

function hashOf(secretPart: string): string {
  return createHash('sha256').update(secretPart).digest('base64url');
}

function sameHash(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
