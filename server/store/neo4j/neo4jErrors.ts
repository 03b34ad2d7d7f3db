import { LimitExceededError, UnavailableError } from '../../errors.ts';
import { largeBatchSize } from '../planBatch.ts';

/**
 * Driver failures as domain errors. Nothing here talks to a server: the store
 * passes what the driver threw.
 */

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

/**
 * Driver failures as domain errors: a write (of `entries` rows) over Neo4j's
 * transaction memory as above, "Neo4j cannot serve now" as UnavailableError;
 * anything else passes through.
 */
export function asDomainError(error: unknown, entries = 0): unknown {
  const memory = transactionMemoryError(error, entries, entries > largeBatchSize);
  if (memory) return memory;
  const code = (error as { code?: string }).code;
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || code?.startsWith('Neo.TransientError')) {
    return new UnavailableError(`Neo4j is not available: ${(error as Error).message}`, { cause: error });
  }
  return error;
}
