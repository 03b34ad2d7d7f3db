import type { TestProject } from 'vitest/node';
import { startTestNeo4j } from '../support/neo4jServer.ts';
import { isInstalled } from './localTools.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Bolt URI of the Neo4j the tests use, or '' when none could be had (never when CI=true). */
    neo4jUri: string;
  }
}

/**
 * Gives the Neo4j tests a real server: NEO4J_URI when set; otherwise the
 * project's own test Neo4j (test/neo4j/start) when Java and Maven are present.
 * Without either, it warns loudly, and under CI=true it fails the run.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.NEO4J_URI) {
    project.provide('neo4jUri', process.env.NEO4J_URI);
    return undefined;
  }
  const missing = ['java', 'mvn'].filter((tool) => !isInstalled(tool));
  if (missing.length > 0) {
    const message = `Neo4j tests NOT RUN: no NEO4J_URI and no ${missing.join(' or ')} to start the test Neo4j`;
    if (process.env.CI === 'true') throw new Error(`${message} (CI=true requires them)`);
    console.warn(`\n${'!'.repeat(78)}\n!! ${message}\n${'!'.repeat(78)}\n`);
    project.provide('neo4jUri', '');
    return undefined;
  }
  const started = Date.now();
  const server = await startTestNeo4j();
  console.info(`test Neo4j ready at ${server.uri} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('neo4jUri', server.uri);
  return () => server.remove();
}
