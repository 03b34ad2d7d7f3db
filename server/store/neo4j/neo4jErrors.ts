import { DeadlineExceededError, LimitExceededError, OutcomeUnknownError, UnavailableError } from '../../errors.ts';
import { largeBatchSize } from '../planBatch.ts';

/**
 * Driver failures as domain errors, in one place. Nothing here talks to a
 * server: the store passes what the driver threw and what it was doing.
 */

/** What a driver failure says about Neo4j, which decides what the store does next. */
export type FailureKind =
  /** No connection, or the one in use died (the server is down, paused, restarting or out of reach). */
  | 'unreachable'
  /** Neo4j refused this time only (a deadlock, a database starting or stopping): the same work may pass if run again. */
  | 'transient'
  /** Neo4j ended the transaction at its timeout and rolled it back. */
  | 'timed_out'
  /** Anything else (bad Cypher, a constraint, a domain error thrown by the work itself). */
  | 'other';

/**
 * Neo4j ended the transaction and rolled it back: it is shutting down, an
 * operator terminated it, or its lock client stopped. Another try may pass.
 */
const terminatedCodes = new Set([
  'Neo.ClientError.Transaction.LockClientStopped', 'Neo.TransientError.Transaction.LockClientStopped',
  'Neo.ClientError.Transaction.Terminated', 'Neo.TransientError.Transaction.Terminated',
]);

/** The driver gives its own failures no code (N/A): these are told by their message. */
const unreachableMessages = [/^Connection acquisition timed out/, /^Pool is closed/, /^Failed to establish connection/];

/** Sorts a failure thrown while running a unit of work. */
export function failureKind(error: unknown): FailureKind {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') return 'unreachable';
  if (typeof message === 'string' && unreachableMessages.some((pattern) => pattern.test(message))) return 'unreachable';
  if (code?.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) return 'timed_out';
  if (code?.startsWith('Neo.TransientError') || (code && terminatedCodes.has(code))) return 'transient';
  return 'other';
}

/** A transaction over Neo4j's transaction memory: the pool shared by all (transient), or the bound of one. */
const transactionMemoryCodes = new Set(['Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'Neo.ClientError.General.TransactionOutOfMemoryError']);

/**
 * A write of `entries` rows that ran out of Neo4j's transaction memory, as a
 * LimitExceededError saying what to do; undefined for any other failure, and
 * for a small write out of the shared pool (other transactions may hold it:
 * the driver's retry may get through).
 */
export function transactionMemoryError(error: unknown, entries: number, large: boolean): LimitExceededError | undefined {
  const code = (error as { code?: string }).code;
  if (!code || !transactionMemoryCodes.has(code)) return undefined;
  if (code.startsWith('Neo.TransientError') && !large) return undefined;
  return new LimitExceededError(
    `Neo4j refused this write (${entries} CIs, relationships and assertions) for lack of transaction memory (${(error as Error).message}). ` +
      'Each import or estate file is written as one transaction: give Neo4j more heap or raise the memory setting it names, or import a smaller source ' +
      '(one Terraform state, AWS region or Kubernetes namespace at a time).',
  );
}

/** What the store was doing when a unit of work failed. */
export interface FailureContext {
  /** True when a write had sent its COMMIT: then only Neo4j knows whether it took effect, and the work is never run again. */
  committing?: boolean;
  /** Seconds after which trying again makes sense (the circuit's probe interval). */
  retryAfterSeconds?: number;
}

/** The message of an OutcomeUnknownError: what happened, and why sending the write again is safe or how to check. */
export const outcomeUnknownMessage =
  'the connection to Neo4j was lost while it committed this write, so it may or may not have been written: ' +
  'read what it writes before sending it again (imports and estate uploads are idempotent: running them again is safe)';

/**
 * Driver failures as domain errors: a write of `entries` rows over Neo4j's
 * transaction memory as LimitExceededError; a connection lost while a write committed as
 * OutcomeUnknownError; "Neo4j cannot serve now" (unreachable, acquisition
 * timeout, session expired, transient after the retries) as UnavailableError;
 * a transaction Neo4j ended at its timeout as DeadlineExceededError (nothing
 * written). Anything else passes through.
 */
export function asDomainError(error: unknown, entries = 0, context: FailureContext = {}): unknown {
  const memory = transactionMemoryError(error, entries, entries > largeBatchSize);
  if (memory) return memory;
  const kind = failureKind(error);
  const message = (error as Error).message;
  // A stopping Neo4j may answer a COMMIT it has applied with a transient failure: after the COMMIT, only the data can tell.
  if ((kind === 'unreachable' || kind === 'transient') && context.committing) return new OutcomeUnknownError(`${outcomeUnknownMessage} (${message})`, { cause: error });
  if (kind === 'unreachable' || kind === 'transient') {
    return new UnavailableError(`Neo4j is not available: ${message}`, { cause: error, retryAfterSeconds: context.retryAfterSeconds });
  }
  if (kind === 'timed_out') {
    return new DeadlineExceededError(`Neo4j ended the transaction at its timeout and rolled it back, so nothing was written: ${message}`);
  }
  return error;
}
