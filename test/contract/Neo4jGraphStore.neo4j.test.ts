import neo4j from 'neo4j-driver';
import { describe, expect, inject, it } from 'vitest';
import { UnavailableError } from '../../server/errors.ts';
import { schemaVersion } from '../../server/store/neo4j/cypher.ts';
import { Neo4jGraphStore } from '../../server/store/neo4j/Neo4jGraphStore.ts';
import { createEmptyNeo4jStore, wipeNeo4jDatabase } from '../support/neo4jTestStore.ts';
import { describeChangeLedger } from './describeChangeLedger.ts';
import { describeGraphStore } from './describeGraphStore.ts';

const uri = inject('neo4jUri');
describe.skipIf(!uri)('on the test Neo4j (skipped only without one, after a loud warning)', () => {
  describeGraphStore('neo4j', () => createEmptyNeo4jStore(uri));
  describeChangeLedger('neo4j', () => createEmptyNeo4jStore(uri));

  it('refuses data a newer Trellis wrote, before dropping or creating anything', async () => {
    await (await createEmptyNeo4jStore(uri)).close();
    const driver = neo4j.driver(uri);
    try {
      await driver.executeQuery("MATCH (c:TrellisCounter {name: 'schema'}) SET c.version = $version", { version: neo4j.int(schemaVersion + 1) });
      await driver.executeQuery('CREATE INDEX trellis_assertion_from IF NOT EXISTS FOR (a:TrellisAssertion) ON (a.fromId)');
      const connecting = Neo4jGraphStore.connect({ kind: 'neo4j', uri, user: 'neo4j', password: '', database: 'neo4j' });
      await expect(connecting).rejects.toThrow(UnavailableError);
      await expect(Neo4jGraphStore.connect({ kind: 'neo4j', uri, user: 'neo4j', password: '', database: 'neo4j' }))
        .rejects.toThrow(`schema version ${schemaVersion + 1}; this Trellis reads versions up to ${schemaVersion}`);
      // The index a version-1 store had, which this version drops at start-up, is still there.
      const { records } = await driver.executeQuery("SHOW INDEXES YIELD name WHERE name = 'trellis_assertion_from' RETURN name");
      expect(records).toHaveLength(1);
    } finally {
      await driver.executeQuery('DROP INDEX trellis_assertion_from IF EXISTS');
      await wipeNeo4jDatabase(uri);
      await driver.close();
    }
  });
});
