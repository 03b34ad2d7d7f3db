import { existsSync, mkdtempSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every temporary directory of a test run (stores, CLI data, the test Neo4j's
 * files) goes under one root, removed when the run ends: TMPDIR points there for
 * the workers and every process they start. Listed first in each project; the
 * first one creates the root, the others reuse it.
 */
export default function setup(): () => void {
  if (!process.env.TRELLIS_TEST_TMP) {
    const root = mkdtempSync(join(tmpdir(), 'trellis-test-run-'));
    process.env.TRELLIS_TEST_TMP = root;
    process.env.TMPDIR = root;
  }
  const root = process.env.TRELLIS_TEST_TMP;
  // The test Neo4j's directory is its own setup's to remove, after it stopped the server.
  return () => {
    // Each project's teardown comes here; the first one that finds the root empty removes it.
    if (!existsSync(root)) return;
    for (const name of readdirSync(root)) if (!name.startsWith('trellis-neo4j-')) rmSync(join(root, name), { recursive: true, force: true });
    try {
      rmdirSync(root);
    } catch {
      // not empty yet: the Neo4j teardown removes its directory
    }
  };
}
