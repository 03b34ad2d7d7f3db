import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` runs files in parallel; `neo4j` holds every test that
 * shares the one Neo4j database and runs its files one at a time.
 */
export default defineConfig({
  test: {
    globalSetup: ['test/setup/neo4jGlobalSetup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.neo4j.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'neo4j', include: ['test/**/*.neo4j.test.ts'], fileParallelism: false, testTimeout: 30_000, hookTimeout: 60_000 },
      },
    ],
  },
});
