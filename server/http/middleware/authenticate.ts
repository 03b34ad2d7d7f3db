import type { RequestHandler } from 'express';
import { openModeIdentity, type Identity } from '../../auth/identity.ts';
import type { RequestState } from '../api/requestState.ts';

/** Proves who a request comes from, given its Authorization header (and cookies): undefined when it carries nothing. */
export type Authenticator = (request: { authorization?: string; cookie?: string }) => Promise<{ identity: Identity; viaCookie: boolean } | undefined>;

/**
 * Sets the request's identity: in open mode everyone is the open-mode caller;
 * otherwise whoever the credentials prove, or nobody (routes then answer 401).
 * Credentials that prove nothing (expired, revoked, forged) are a 401 at once.
 */
export function authenticate(required: boolean, authenticator: Authenticator): RequestHandler {
  return async (req, res, next) => {
    const state = res.locals as RequestState;
    if (!required) {
      state.identity = openModeIdentity;
      return next();
    }
    try {
      const proven = await authenticator({ authorization: req.get('authorization'), cookie: req.get('cookie') });
      if (proven) {
        state.identity = proven.identity;
        state.viaCookie = proven.viaCookie;
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
