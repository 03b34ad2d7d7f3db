import neo4j from 'neo4j-driver';
import { describe, inject } from 'vitest';
import { wipeNeo4jDatabase } from '../support/neo4jTestStore.ts';
import { describeImportKilled, pollUntil } from './describeImportKilled.ts';

const uri = inject('neo4jUri');

// The server rolls back the transaction of a client that went away: nothing of the run is left.
describe.skipIf(!uri)('on the test Neo4j (skipped only without one, after a loud warning)', () => {
  describeImportKilled('neo4j', 30_000, {
    prepare: async () => {
      await wipeNeo4jDatabase(uri);
      return { NEO4J_URI: uri };
    },
    // The ledger is written after the graph: a transaction at it holds CIs and relationships not committed.
    writesUnderWay: async () => {
      const driver = neo4j.driver(uri);
      try {
        await pollUntil('an open transaction writing assertions', async () => {
          const { records } = await driver.executeQuery('SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery', {}, { database: 'neo4j' });
          return records.some((record) => String(record.get('currentQuery')).includes('MERGE (a:TrellisAssertion'));
        });
      } finally {
        await driver.close();
      }
    },
  });
});
