import { inject } from 'vitest';
import { wipeNeo4jDatabase } from '../support/neo4jTestStore.ts';
import { describeApiFuzzing } from './fuzzApi.ts';

const uri = inject('neo4jUri');

// 15 examples per operation: each write is a Neo4j transaction; about three minutes on two cores.
describeApiFuzzing('Neo4j', uri ? async () => {
  await wipeNeo4jDatabase(uri);
  return { NEO4J_URI: uri };
} : undefined, 15);
