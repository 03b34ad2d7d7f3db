import { describe, inject } from 'vitest';
import { createEmptyNeo4jStore } from '../support/neo4jTestStore.ts';
import { describeDemoEstate } from './describeDemoEstate.ts';

const uri = inject('neo4jUri');
describe.skipIf(!uri)('on the test Neo4j', () => {
  describeDemoEstate('Neo4j', () => createEmptyNeo4jStore(uri));
});
