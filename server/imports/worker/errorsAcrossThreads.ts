import {
  AlreadyExistsError, ConflictError, DeadlineExceededError, ForbiddenError, InvalidError, LimitExceededError, NotFoundError, OutcomeUnknownError,
  PreconditionFailedError, PreconditionRequiredError, TrellisError, UnauthenticatedError, UnavailableError, UnsupportedMediaTypeError,
} from '../../errors.ts';
import type { Problem } from '../../../schema/problems.ts';

/** A domain error as plain data, to post from the import worker. */
export interface PostedError {
  code: string;
  message: string;
  problems?: Problem[];
  ids?: string[];
  limit?: number;
  retryAfterSeconds?: number;
  /** Set for errors that are not domain errors: the main thread logs it and answers 500. */
  stack?: string;
}

/** Flattens an error for postMessage. */
export function postableError(error: unknown): PostedError {
  if (error instanceof TrellisError) {
    const e = error as TrellisError & Partial<Pick<PostedError, 'problems' | 'ids' | 'limit' | 'retryAfterSeconds'>>;
    return { code: e.code, message: e.message, problems: e.problems, ids: e.ids, limit: e.limit, retryAfterSeconds: e.retryAfterSeconds };
  }
  const plain = error instanceof Error ? error : new Error(String(error));
  return { code: 'internal', message: plain.message, stack: plain.stack };
}

/** The domain error a posted one stood for (an Error for anything else). */
export function revivedError(posted: PostedError): Error {
  switch (posted.code) {
    case 'invalid': return new InvalidError(posted.problems ?? [], posted.message);
    case 'not_found': return new NotFoundError(posted.message, posted.ids);
    case 'already_exists': return new AlreadyExistsError(posted.message, posted.ids ?? []);
    case 'conflict': return new ConflictError(posted.message);
    case 'limit_exceeded': return new LimitExceededError(posted.message, posted.limit);
    case 'unavailable': return new UnavailableError(posted.message, { retryAfterSeconds: posted.retryAfterSeconds });
    case 'outcome_unknown': return new OutcomeUnknownError(posted.message);
    case 'timeout': return new DeadlineExceededError(posted.message);
    case 'precondition_failed': return new PreconditionFailedError(posted.message);
    case 'precondition_required': return new PreconditionRequiredError(posted.message);
    case 'unauthenticated': return new UnauthenticatedError(posted.message);
    case 'forbidden': return new ForbiddenError(posted.message);
    case 'unsupported_media_type': return new UnsupportedMediaTypeError(posted.message);
    default: return Object.assign(new Error(posted.message), { stack: posted.stack ?? posted.message });
  }
}
