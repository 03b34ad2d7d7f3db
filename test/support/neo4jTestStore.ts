import neo4j from 'neo4j-driver';
import { Neo4jGraphStore } from '../../server/store/neo4j/Neo4jGraphStore.ts';

/** Empties a test or benchmark database (never a real one: tests and benchmarks start their own server). */
export async function wipeNeo4jDatabase(uri: string): Promise<void> {
  const driver = neo4j.driver(uri);
  const session = driver.session({ database: 'neo4j' });
  try {
    // CALL ... IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
    await driver.close();
  }
}

/**
 * Connects a Neo4jGraphStore to the test server after wiping its database, so
 * each test starts empty. Tests on Neo4j run one file at a time for this reason.
 */
export async function createEmptyNeo4jStore(uri: string): Promise<Neo4jGraphStore> {
  await wipeNeo4jDatabase(uri);
  return Neo4jGraphStore.connect({ kind: 'neo4j', uri, user: 'neo4j', password: '', database: 'neo4j' });
}
