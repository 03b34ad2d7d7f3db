import { describe, inject } from 'vitest';
import { createEmptyNeo4jStore } from '../support/neo4jTestStore.ts';
import { describeGraphStore } from './describeGraphStore.ts';

const uri = inject('neo4jUri');
describe.skipIf(!uri)('Neo4j (skipped: no test Neo4j, see the warning above)', () => {
  describeGraphStore('neo4j', () => createEmptyNeo4jStore(uri));
});
