import neo4j from 'neo4j-driver';
import { describe, inject } from 'vitest';
import { wipeNeo4jDatabase } from '../support/neo4jTestStore.ts';
import { describeImportKilled, pollUntil } from './describeImportKilled.ts';

const uri = inject('neo4jUri');

// The server rolls back the transaction of a client that went away: nothing of the run is left.
describe.skipIf(!uri)('on the test Neo4j (skipped only without one, after a loud warning)', () => {
  // 15k resources: a few seconds of writing, within the 1 GiB heap of the test Neo4j.
  describeImportKilled('neo4j', 15_000, {
    prepare: async () => {
      await wipeNeo4jDatabase(uri);
      return { NEO4J_URI: uri };
    },
    // The ledger is written after the graph: a transaction at it holds CIs and relationships not committed.
    writesUnderWay: () => untilTransactions('an open transaction writing assertions', (queries) => queries.some((q) => q.includes('MERGE (a:TrellisAssertion'))),
    // The server ends the transaction of a client that went away once it notices; its memory is freed then.
    released: () => untilTransactions('the killed run\'s transaction ended', (queries) => queries.every((q) => q.startsWith('SHOW TRANSACTIONS'))),
  });
});

/** Polls the server's open transactions (their current queries) until `done` holds. */
async function untilTransactions(what: string, done: (queries: string[]) => boolean): Promise<void> {
  const driver = neo4j.driver(uri);
  try {
    await pollUntil(what, async () => {
      const { records } = await driver.executeQuery('SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery', {}, { database: 'neo4j' });
      return done(records.map((record) => String(record.get('currentQuery'))));
    });
  } finally {
    await driver.close();
  }
}
