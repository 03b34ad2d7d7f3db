import { describe, inject } from 'vitest';
import { wipeNeo4jDatabase } from '../support/neo4jTestStore.ts';
import { describeIncidentsApi } from './describeIncidentsApi.ts';

const uri = inject('neo4jUri');

describe.skipIf(!uri)('on the test Neo4j (skipped only without one, after a loud warning)', () => {
  describeIncidentsApi('Neo4j', () => ({ NEO4J_URI: uri }), () => wipeNeo4jDatabase(uri));
});
