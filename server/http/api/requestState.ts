import type { Request } from 'express';
import type { Identity } from '../../auth/identity.ts';

/** What the middleware chain learns about a request, kept in `res.locals`. */
export interface RequestState {
  /** Accepted from X-Request-Id when well-formed, generated otherwise; echoed back. */
  requestId: string;
  receivedAt: string;
  /** Set by authentication; absent for a request with no credentials. */
  identity?: Identity;
  /** True when the identity came from the session cookie (CSRF rules apply). */
  viaCookie?: boolean;
  /** Aborted at the request's deadline or when the client goes away. */
  signal: AbortSignal;
  /** Aborts `signal` (the deadline calls it). */
  abort: (reason?: unknown) => void;
}

/** The request facts an audit entry records. */
export function requestInfoOf(req: Request, state: RequestState): { id: string; clientAddress: string; receivedAt: string } {
  return { id: state.requestId, clientAddress: req.socket.remoteAddress ?? 'unknown', receivedAt: state.receivedAt };
}
