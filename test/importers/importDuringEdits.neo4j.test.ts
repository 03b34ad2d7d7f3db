import { describe, inject } from 'vitest';
import { createEmptyNeo4jStore } from '../support/neo4jTestStore.ts';
import { describeImportDuringEdits } from './describeImportDuringEdits.ts';

const uri = inject('neo4jUri');
describe.skipIf(!uri)('on the test Neo4j (skipped only without one, after a loud warning)', () => {
  describeImportDuringEdits('neo4j', () => createEmptyNeo4jStore(uri));
});
