import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';

const writer = fileURLToPath(new URL('../support/batchWriter.ts', import.meta.url));
const batchSize = 5000;

/**
 * Runs the writer and SIGKILLs it inside batch `killAt`, at `fraction` of the time
 * the earlier batches took; returns the acknowledged and the in-flight batches.
 */
async function writeThenKill(dataDir: string, killAt: number, fraction: number): Promise<{ acked: number[]; inFlight: number }> {
  const child = spawn(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', writer, dataDir, String(batchSize)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acked: number[] = [];
  const durationsMs: number[] = [];
  let inFlight = -1;
  for await (const line of createInterface({ input: child.stdout })) {
    const [word, number, ms] = line.split(' ');
    if (word === 'ACK') {
      acked.push(Number(number));
      durationsMs.push(Number(ms));
    }
    if (word === 'BEGIN') {
      inFlight = Number(number);
      const meanMs = durationsMs.reduce((a, b) => a + b, 0) / durationsMs.length;
      if (inFlight === killAt) setTimeout(() => child.kill('SIGKILL'), fraction * meanMs);
    }
  }
  await new Promise((resolve) => (child.exitCode === null && child.signalCode === null ? child.once('exit', resolve) : resolve(null)));
  expect(child.signalCode).toBe('SIGKILL');
  return { acked, inFlight };
}

describe('embedded store durability under SIGKILL', () => {
  // Kill points early (validating, planning), in the middle (writing rows) and late (history, commit).
  it.each([0.1, 0.5, 0.9])('keeps every acknowledged batch and no partial one (kill at %f of a batch)', async (fraction) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'trellis-crash-'));
    const { acked, inFlight } = await writeThenKill(dataDir, 3, fraction);
    expect(acked.length).toBeGreaterThanOrEqual(3);

    const store = new EmbeddedGraphStore({ dataDir });
    try {
      const countOf = async (k: number) => (await store.searchCIs({ attributes: { batch: k }, limit: 1 })).total;
      for (const k of acked) expect(await countOf(k)).toBe(batchSize);
      const unacked = await countOf(inFlight);
      // The batch in flight when killed is all there (committed just before the ACK was printed) or not at all.
      expect([0, batchSize]).toContain(unacked);
      const committed = acked.length + (unacked && !acked.includes(inFlight) ? 1 : 0);
      expect(await store.countAll()).toEqual({ cis: committed * batchSize, relationships: committed * (batchSize - 1) });
      expect((await store.listHistory({ limit: 100_000 })).length).toBe(committed * (2 * batchSize - 1));
      const chain = await store.extractSubgraph({ roots: [`b${acked[0]}-0`], direction: 'upstream', maxDepth: 50 });
      expect(chain.cis).toHaveLength(51);
    } finally {
      await store.close();
    }
  });
});
