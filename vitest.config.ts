import { defineConfig } from 'vitest/config';

/**
 * Four projects: `unit` runs files in parallel; `neo4j` holds every test that
 * shares the one Neo4j database (files named *.neo4j.test.ts), runs them one at
 * a time, and starts the test Neo4j first (see test/setup/neo4jGlobalSetup.ts);
 * `aws` runs the AWS importer against the moto emulator (*.aws.test.ts, see
 * test/setup/motoGlobalSetup.ts); `browser` drives the explorer in a real
 * Chromium (*.browser.test.ts, one file at a time: each starts a server and a
 * browser, which is plenty for a two-core machine; see
 * test/setup/explorerGlobalSetup.ts).
 */
/** One temporary root per run, removed at the end (see the file). */
const tempRoot = 'test/setup/tempRootGlobalSetup.ts';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summaryReporter.ts'],
    projects: [
      {
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.neo4j.test.ts', 'test/**/*.aws.test.ts', 'test/**/*.browser.test.ts'], globalSetup: [tempRoot], testTimeout: 120_000, hookTimeout: 120_000 },
      },
      {
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.ts'],
          globalSetup: [tempRoot, 'test/setup/explorerGlobalSetup.ts'],
          fileParallelism: false,
          // Generous: a real browser on a busy two-core machine; verdicts never depend on time.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: { name: 'aws', include: ['test/**/*.aws.test.ts'], globalSetup: [tempRoot, 'test/setup/motoGlobalSetup.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        test: {
          name: 'neo4j',
          include: ['test/**/*.neo4j.test.ts'],
          globalSetup: [tempRoot, 'test/setup/neo4jGlobalSetup.ts'],
          fileParallelism: false,
          // Generous: a real database on a busy two-core machine; verdicts never depend on time.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
