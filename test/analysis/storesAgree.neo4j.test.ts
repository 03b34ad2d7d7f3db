import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import { assessImpact } from '../../server/impact/assessImpact.ts';
import { traceUpstream } from '../../server/impact/traceUpstream.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import { estateBatch } from '../support/estateBatch.ts';
import { createEmptyNeo4jStore } from '../support/neo4jTestStore.ts';
import { randomEstate } from '../support/randomEstates.ts';

const uri = inject('neo4jUri');
const settings = { maxCIs: 10_000 };
const now = new Date();

describe.skipIf(!uri)('embedded and Neo4j stores give identical analyses', () => {
  it('on random cyclic estates, for impact and upstream', async () => {
    await fc.assert(fc.asyncProperty(randomEstate({ groups: true, maxNodes: 16 }), async (estate) => {
      const embedded = new EmbeddedGraphStore({ dataDir: mkdtempSync(join(tmpdir(), 'trellis-agree-')) });
      const neo4j = await createEmptyNeo4jStore(uri);
      try {
        const batch = estateBatch(estate);
        const writer = { actor: 'test', source: 'random' };
        await embedded.applyBatch(batch, writer);
        await neo4j.applyBatch(batch, writer);
        const targets = Object.entries(estate.targets).map(([id, effect]) => ({ id, effect }));
        expect(await assessImpact(neo4j, { targets }, settings)).toEqual(await assessImpact(embedded, { targets }, settings));
        const symptoms = { symptoms: Object.keys(estate.targets) };
        // The two stores wrote at slightly different moments: compare change times by presence only.
        const withoutTimes = (report: unknown) => JSON.parse(JSON.stringify(report).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>'));
        expect(withoutTimes(await traceUpstream(neo4j, symptoms, settings, now))).toEqual(withoutTimes(await traceUpstream(embedded, symptoms, settings, now)));
      } finally {
        await embedded.close();
        await neo4j.close();
      }
    }), { numRuns: 25 });
  }, 120_000);
});
