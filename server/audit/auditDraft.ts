import type { AuditAction, AuditDraft } from '../../schema/access.ts';
import type { RequestOrigin } from '../store/GraphStore.ts';

/** Who acts, from where, in which request: what every audit entry records. */
export interface AuditContext {
  actor: string;
  clientAddress: string;
  requestId: string;
}

/**
 * The audit entry of a write asked for by `actor` from `origin`, or undefined
 * for writes nobody asked for (the demo estate loaded at start).
 */
export function auditDraft(actor: string, origin: RequestOrigin | undefined, action: AuditAction, target: string): AuditDraft | undefined {
  return origin && { actor, action, target, clientAddress: origin.clientAddress, requestId: origin.requestId };
}
