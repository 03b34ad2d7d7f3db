import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { DeadlineExceededError, LimitExceededError, OutcomeUnknownError, UnavailableError } from '../../server/errors.ts';
import { asDomainError, transactionMemoryError } from '../../server/store/neo4j/neo4jErrors.ts';

const pool = new Neo4jError(
  'The allocation of an extra 2.0 MiB would use more than the limit 2.8 GiB. Currently using 2.8 GiB. dbms.memory.transaction.total.max threshold reached',
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError', '51N72', 'memory pool out of memory',
);
const oneTransaction = new Neo4jError('The allocation of an extra 8.0 MiB would use more than the limit 10.0 MiB. db.memory.transaction.max threshold reached',
  'Neo.ClientError.General.TransactionOutOfMemoryError', '51N73', 'transaction memory limit reached');

describe('Neo4j failures as domain errors', () => {
  it('a large write out of transaction memory fails at once, naming the setting and what to do', () => {
    const error = transactionMemoryError(pool, 550_870, true);
    expect(error).toBeInstanceOf(LimitExceededError);
    expect(error?.message).toContain('(550870 CIs, relationships and assertions)');
    expect(error?.message).toContain('dbms.memory.transaction.total.max');
    expect(error?.message).toMatch(/more heap .* smaller source/);
    // A LimitExceededError is no driver error: the driver's retry loop gives up on it.
    expect(error).not.toBeInstanceOf(Neo4jError);
  });

  it('a small write out of the shared pool is left to the retry (other transactions may hold the memory)', () => {
    expect(transactionMemoryError(pool, 12, false)).toBeUndefined();
    expect(asDomainError(pool)).toBeInstanceOf(UnavailableError);
  });

  it('a write over the bound of one transaction fails whatever its size; other failures pass through', () => {
    // As the store maps what the driver finally throws (it never retries client errors).
    const mapped = asDomainError(oneTransaction, 12);
    expect(mapped).toBeInstanceOf(LimitExceededError);
    expect((mapped as Error).message).toContain('db.memory.transaction.max');
    expect(asDomainError(pool, 550_870)).toBeInstanceOf(LimitExceededError);
    const constraint = new Neo4jError('already exists', 'Neo.ClientError.Schema.ConstraintValidationFailed', '22N41', 'constraint');
    expect(transactionMemoryError(constraint, 550_870, true)).toBeUndefined();
    expect(asDomainError(constraint)).toBe(constraint);
  });

  it('after its COMMIT was sent, a lost connection or a transient failure leaves the outcome unknown; before it, nothing was written', () => {
    const lost = new Neo4jError('Connection was closed by server', 'ServiceUnavailable', '08000', 'connection lost');
    const stopping = new Neo4jError('The database is shutting down', 'Neo.TransientError.General.DatabaseUnavailable', '08000', 'unavailable');
    const timedOut = new Neo4jError('timed out', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', '25N05', 'timed out');
    expect(asDomainError(lost, 1, { committing: true })).toBeInstanceOf(OutcomeUnknownError);
    expect(asDomainError(stopping, 1, { committing: true })).toBeInstanceOf(OutcomeUnknownError);
    expect(asDomainError(lost, 1, { committing: false })).toBeInstanceOf(UnavailableError);
    expect(asDomainError(stopping, 1)).toBeInstanceOf(UnavailableError);
    // Neo4j ended it at its own timeout: it rolled it back, whenever that happened.
    expect(asDomainError(timedOut, 1, { committing: true })).toBeInstanceOf(DeadlineExceededError);
  });
});
