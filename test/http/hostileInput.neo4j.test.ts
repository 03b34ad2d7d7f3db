import { inject } from 'vitest';
import { wipeNeo4jDatabase } from '../support/neo4jTestStore.ts';
import { describeHostileInput } from './describeHostileInput.ts';

const uri = inject('neo4jUri');

describeHostileInput('Neo4j', uri ? async () => {
  await wipeNeo4jDatabase(uri);
  return { NEO4J_URI: uri };
} : undefined, 60);
