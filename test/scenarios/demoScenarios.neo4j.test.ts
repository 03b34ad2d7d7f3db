import { describe, inject } from 'vitest';
import { createEmptyNeo4jStore } from '../support/neo4jTestStore.ts';
import { describeScenarios } from './describeScenarios.ts';

const uri = inject('neo4jUri');
describe.skipIf(!uri)('on the test Neo4j', () => {
  describeScenarios('Neo4j', () => createEmptyNeo4jStore(uri));
});
