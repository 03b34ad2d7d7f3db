import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultNeo4jTimeouts } from '../../server/config.ts';
import { OutcomeUnknownError, UnavailableError } from '../../server/errors.ts';
import { Neo4jGraphStore } from '../../server/store/neo4j/Neo4jGraphStore.ts';
import { buildCI, testWriter } from '../builders.ts';
import { startBoltProxy, type BoltProxy } from '../support/boltProxy.ts';
import { wipeNeo4jDatabase } from '../support/neo4jTestStore.ts';

// The store reaches the test Neo4j through a proxy that, at a write's COMMIT,
// holds everything for a few seconds, as a Neo4j busy committing a large
// import (or in a long garbage collection) answers nobody for a while:
//
//   store -> proxy (holds the COMMIT, new handshakes, other queries) -> Neo4j
//
// A reachability probe cannot tell that from a paused Neo4j, so the circuit
// opens and ordinary work is abandoned at once. An import's write is not: it
// waits for Neo4j's answer and is written, instead of being reported lost.
const uri = inject('neo4jUri');
const stallMs = 4_000;

describe.skipIf(!uri)('a Neo4j that answers nobody for a while as a write commits', () => {
  let proxy: BoltProxy;
  let store: Neo4jGraphStore;
  const log: string[] = [];

  beforeAll(async () => {
    await wipeNeo4jDatabase(uri);
    proxy = await startBoltProxy(uri);
    // Short checks, so that the circuit opens well within the stall.
    const timeouts = { ...defaultNeo4jTimeouts, connectionMs: 1_000, stallCheckMs: 300, probeIntervalMs: 300 };
    store = await Neo4jGraphStore.connect(
      { kind: 'neo4j', uri: proxy.uri, user: 'neo4j', password: '', database: 'neo4j', timeouts },
      { log: { warn: (message) => void log.push(message), info: (message) => void log.push(message) } },
    );
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await proxy?.close();
  });

  /** Reads `ids` once the circuit has closed again (it probes every 300 ms). */
  const presentOnceBack = async (ids: string[]) => {
    for (;;) {
      try {
        return (await store.findCIs(ids)).map((ci) => ci.id);
      } catch (error) {
        if (!(error instanceof UnavailableError)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };

  it("an import's write waits out an open circuit and is written; the read meanwhile is refused with 503", async () => {
    const held = proxy.stallAtNextWriteCommit(stallMs);
    const importing = store.applyBatch({ upsertCIs: [buildCI('busy-a'), buildCI('busy-b')] }, testWriter, { bulk: true });
    await held;
    await expect(store.findCIs(['busy-a'])).rejects.toBeInstanceOf(UnavailableError);
    expect(log.join('\n')).toMatch(/circuit is open.*\(1 import writes wait for their own answer\)/);
    await expect(importing).resolves.toMatchObject({ created: 2 });
    expect(await presentOnceBack(['busy-a', 'busy-b'])).toEqual(['busy-a', 'busy-b']);
  }, 120_000);

  it('an ordinary write held at its COMMIT is abandoned when the circuit opens, as outcome unknown', async () => {
    const held = proxy.stallAtNextWriteCommit(stallMs);
    const writing = store.applyBatch({ upsertCIs: [buildCI('busy-c')] }, testWriter);
    await held;
    await expect(writing).rejects.toBeInstanceOf(OutcomeUnknownError);
    // Written or not, never half: the store answers again after the stall.
    expect(await presentOnceBack(['busy-a'])).toEqual(['busy-a']);
  }, 120_000);
});
