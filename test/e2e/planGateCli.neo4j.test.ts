import { describe, inject } from 'vitest';
import { Neo4jGraphStore } from '../../server/store/neo4j/Neo4jGraphStore.ts';
import { wipeNeo4jDatabase } from '../support/neo4jTestStore.ts';
import { describePlanGateCli } from './describePlanGateCli.ts';

const uri = inject('neo4jUri');

describe.skipIf(!uri)('on the test Neo4j (skipped only without one, after a loud warning)', () => {
  const connect = () => Neo4jGraphStore.connect({ kind: 'neo4j', uri, user: 'neo4j', password: '', database: 'neo4j' });
  describePlanGateCli('Neo4j', { NEO4J_URI: uri }, connect, () => wipeNeo4jDatabase(uri));
});
