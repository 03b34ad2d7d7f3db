import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { subgraphRootsMax } from '../../schema/queries.ts';
import { LimitExceededError } from '../../server/errors.ts';
import { getServiceMap } from '../../server/maps/getServiceMap.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import { buildCI, testWriter, topologies } from '../builders.ts';
import { storesClosedAfterAll } from '../support/storesClosedAfterAll.ts';

describe('getServiceMap', () => {
  const open = storesClosedAfterAll(async () => new EmbeddedGraphStore({ dataDir: mkdtempSync(join(tmpdir(), 'trellis-service-map-')) }));

  it('derives once per write version, sharing the map between concurrent requests', async () => {
    // web ──► api ──► db ; web ──► cache ◄─ ─ api (soft)
    const store = await open();
    await store.applyBatch(topologies.diamond(), testWriter);
    const extractions = vi.spyOn(store, 'extractRelianceGraph');
    const [first, second] = await Promise.all([getServiceMap(store), getServiceMap(store)]);
    expect(second).toBe(first);
    expect(first.edges).toEqual([{ from: 'web', to: 'api', via: [] }]);
    expect(await getServiceMap(store)).toBe(first);
    expect(extractions).toHaveBeenCalledTimes(1);
    await store.applyBatch({ upsertCIs: [buildCI('db', { type: 'Service' })] }, testWriter);
    const after = await getServiceMap(store);
    expect(after.version).toBeGreaterThan(first.version);
    expect(after.edges).toEqual([{ from: 'api', to: 'db', via: [] }, { from: 'web', to: 'api', via: [] }]);
    expect(extractions).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failure', async () => {
    const store = await open();
    await store.applyBatch(topologies.diamond(), testWriter);
    vi.spyOn(store, 'extractRelianceGraph').mockRejectedValueOnce(new Error('store went away'));
    await expect(getServiceMap(store)).rejects.toThrow('store went away');
    expect((await getServiceMap(store)).services.map((s) => s.id)).toEqual(['api', 'web']);
  });

  it('refuses an estate with more services than one extraction may start from', async () => {
    const store = await open();
    await store.applyBatch({ upsertCIs: Array.from({ length: subgraphRootsMax + 1 }, (_, i) => buildCI(`svc-${i}`, { type: 'Service' })) }, testWriter);
    await expect(getServiceMap(store)).rejects.toBeInstanceOf(LimitExceededError);
  });
});
