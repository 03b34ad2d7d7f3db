import type { AuditContext } from '../audit/auditDraft.ts';
import type { Identity } from '../auth/identity.ts';
import type { RequestOrigin, WriteContext } from '../store/GraphStore.ts';
import type { RouteInput } from './api/defineRoute.ts';

/**
 * Who writes through the API, for history and the audit trail: the
 * authenticated actor (never a name the client chose), its address and request.
 */
export function writeContextOf({ identity, request }: { identity: Identity; request: RouteInput<unknown, unknown, unknown>['request'] }): WriteContext {
  return { actor: identity.actor, source: `api:${identity.actor}`, origin: originOf(request) };
}

/** The audit origin of an API request. */
export function originOf(request: RouteInput<unknown, unknown, unknown>['request']): RequestOrigin {
  return { clientAddress: request.clientAddress, requestId: request.id };
}

/** Who acts, from where, in which request: what every audit entry records. */
export function auditContextOf({ identity, request }: Pick<RouteInput<unknown, unknown, unknown>, 'identity' | 'request'>): AuditContext {
  return { actor: identity.actor, clientAddress: request.clientAddress, requestId: request.id };
}
