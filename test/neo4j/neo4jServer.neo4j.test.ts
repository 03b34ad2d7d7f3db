import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { isInstalled } from '../setup/localTools.ts';
import { startTestNeo4j, type TestNeo4j } from '../support/neo4jServer.ts';

// A server of this file's own (not the shared one), stopped, killed, paused and restarted.
const missing = ['java', 'mvn'].filter((tool) => !isInstalled(tool));
const ci = process.env.CI === 'true';
if (missing.length > 0 && !ci) console.warn(`\n!! test/neo4j/neo4jServer tests NOT RUN: no ${missing.join(' or ')} to start a test Neo4j\n`);

/** Generous: starting a JVM and Neo4j on a busy two-core machine. Verdicts never depend on time. */
const slow = 300_000;

describe.skipIf(missing.length > 0 && !ci)('a test Neo4j of its own (skipped only without java and mvn, after a loud warning)', () => {
  let server: TestNeo4j | undefined;

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`no ${missing.join(' or ')} to start a test Neo4j (CI=true requires them)`);
    server = await startTestNeo4j();
  }, slow);

  afterAll(async () => {
    await server?.remove();
  }, slow);

  /** The server, started by beforeAll. */
  const db = (): TestNeo4j => {
    if (!server) throw new Error('the test Neo4j did not start');
    return server;
  };
  /** What the launcher wrote in the run before the last restart (start --keep-data keeps it as launcher.log.1). */
  const previousLauncherLog = (): string => readFileSync(join(db().dataDir, 'launcher.log.1'), 'utf8');

  test('runs on a port and data directory of its own, its pid being the launcher JVM', () => {
    const { uri, port, dataDir, pid } = db();
    expect(uri).toBe(`bolt://127.0.0.1:${port}`);
    expect(uri).not.toBe(inject('neo4jUri'));
    expect(readFileSync(join(dataDir, 'neo4j.pid'), 'utf8').trim()).toBe(String(pid));
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain('trellis.testing.Neo4jLauncher');
  });

  test('a clean stop and a restart keep every committed write', async () => {
    await withDriver(db().uri, async (driver) => {
      await driver.executeQuery('MATCH (n) DETACH DELETE n', {}, { database: 'neo4j' });
      await driver.executeQuery("CREATE (:Probe {id: 'before clean stop'})", {}, { database: 'neo4j' });
    });
    await db().stop();
    expect(db().pid).toBeUndefined();
    await db().restart();
    expect(db().pid).toBeDefined();
    expect(previousLauncherLog()).toContain('Neo4jLauncher: DBMS shut down');
    expect(await probeIds(db().uri)).toEqual(['before clean stop']);
  }, slow);

  test('after a SIGKILL, a restart recovers every committed write', async () => {
    await withDriver(db().uri, async (driver) => {
      // executeQuery resolves once the transaction has committed.
      await driver.executeQuery("CREATE (:Probe {id: 'before kill'})", {}, { database: 'neo4j' });
    });
    await db().kill();
    expect(db().pid).toBeUndefined();
    await db().restart();
    // The killed run never began a clean shutdown: what comes back was recovered from the transaction log.
    expect(previousLauncherLog()).not.toContain('shutting down DBMS');
    expect(await probeIds(db().uri)).toEqual(['before clean stop', 'before kill']);
  }, slow);

  test('a paused server does not answer, and answers again once resumed', async () => {
    // Short client-side timeouts, no retries: whatever the driver does, a stopped server cannot answer.
    const driver = neo4j.driver(db().uri, undefined, { connectionTimeout: 1_000, connectionAcquisitionTimeout: 1_000, maxTransactionRetryTime: 0 });
    try {
      expect(await returnOne(driver)).toBe(1);
      await db().pause();
      let outcome: 'pending' | 'answered' | 'failed' = 'pending';
      const whilePaused = returnOne(driver).then(
        () => {
          outcome = 'answered';
        },
        () => {
          outcome = 'failed';
        },
      );
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      // Not answered after 2 s: still waiting, or failed on a client-side timeout.
      expect(outcome).not.toBe('answered');
      await db().resume();
      await whilePaused;
      expect(await returnOne(driver)).toBe(1);
    } finally {
      if (db().pid !== undefined) await db().resume();
      await driver.close();
    }
  }, slow);

  test('refuses to keep data in a directory start did not create', async () => {
    const stranger = mkdtempSync(join(tmpdir(), 'not-a-test-neo4j-'));
    try {
      await expect(startTestNeo4j({ dataDir: stranger, keepData: true })).rejects.toThrow(/--keep-data: .* was not created by test\/neo4j\/start/);
    } finally {
      rmSync(stranger, { recursive: true, force: true });
    }
  }, slow);
});

async function withDriver<T>(uri: string, use: (driver: Driver) => Promise<T>): Promise<T> {
  const driver = neo4j.driver(uri);
  try {
    return await use(driver);
  } finally {
    await driver.close();
  }
}

async function probeIds(uri: string): Promise<string[]> {
  return withDriver(uri, async (driver) => {
    const { records } = await driver.executeQuery('MATCH (p:Probe) RETURN p.id AS id ORDER BY id', {}, { database: 'neo4j' });
    return records.map((record) => String(record.get('id')));
  });
}

/** RETURN 1 in an auto-commit transaction (never retried by the driver). */
async function returnOne(driver: Driver): Promise<number> {
  const session = driver.session({ database: 'neo4j' });
  try {
    const { records } = await session.run('RETURN 1 AS one');
    return Number(records[0]?.get('one'));
  } finally {
    await session.close();
  }
}
