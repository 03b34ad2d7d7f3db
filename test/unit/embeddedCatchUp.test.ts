import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import { buildCI, rel, testWriter } from '../builders.ts';

describe('embedded store shared by two processes (e.g. `trellis import` while `trellis serve` runs)', () => {
  it('brings its in-memory index up to date with writes made by the other', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'trellis-shared-'));
    const server = new EmbeddedGraphStore({ dataDir });
    const importer = new EmbeddedGraphStore({ dataDir });
    try {
      await importer.applyBatch({ upsertCIs: [buildCI('svc', { type: 'Service' }), buildCI('db'), buildCI('cache')], upsertRelationships: [rel('svc', 'DEPENDS_ON', 'db')] }, testWriter);
      const before = await server.extractRelianceGraph({ roots: ['db'], direction: 'downstream' });
      expect(before.ids.sort()).toEqual(['db', 'svc']);
      await importer.applyBatch({ upsertRelationships: [rel('svc', 'DEPENDS_ON', 'cache', { strength: 'soft' })], deleteRelationships: [rel('svc', 'DEPENDS_ON', 'db')] }, testWriter);
      await importer.applyBatch({ deleteCIs: ['db'] }, testWriter);
      const after = await server.extractRelianceGraph({ roots: ['cache'], direction: 'downstream' });
      expect(after.ids.sort()).toEqual(['cache', 'svc']);
      expect([...after.edgeKinds]).toEqual([1]);
      await expect(server.extractRelianceGraph({ roots: ['db'], direction: 'downstream' })).rejects.toMatchObject({ ids: ['db'] });
    } finally {
      await server.close();
      await importer.close();
    }
  });
});
