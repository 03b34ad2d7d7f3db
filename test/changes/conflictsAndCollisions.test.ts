import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRiskWeights } from '../../schema/changeRisk.ts';
import { assessChange } from '../../server/changes/assessChange.ts';
import { requestChange } from '../../server/changes/requestChange.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import type { Batch, GraphStore } from '../../server/store/GraphStore.ts';
import { buildCI, rel, testWriter } from '../builders.ts';
import { storesClosedAfterAll } from '../support/storesClosedAfterAll.ts';

const by = { actor: 'oidc:alice', clientAddress: '127.0.0.1', requestId: 'req-a' };
const settings = { analysis: { maxCIs: 10_000 }, riskWeights: defaultRiskWeights };
const evening = { start: '2037-12-10T22:00:00Z', end: '2037-12-10T23:00:00Z' };
const overlapping = { start: '2037-12-10T22:30:00Z', end: '2037-12-10T23:30:00Z' };
const nextDay = { start: '2037-12-11T22:00:00Z', end: '2037-12-11T23:00:00Z' };

//  web (Service) ──► api (Service) ──► db ;  pair (2 members, 1 must be healthy) ══► m1, m2 ; svc ──► pair ;  x, y on their own
const estate: Batch = {
  upsertCIs: [
    buildCI('web', { type: 'Service', attributes: { criticality: 1 } }), buildCI('api', { type: 'Service', attributes: { criticality: 2 } }), buildCI('db'),
    buildCI('svc', { type: 'Service', attributes: { criticality: 1 } }), buildCI('pair', { type: 'RedundancyGroup', attributes: { minHealthy: 1 } }), buildCI('m1'), buildCI('m2'),
    buildCI('x'), buildCI('y'),
  ],
  upsertRelationships: [
    rel('web', 'DEPENDS_ON', 'api'), rel('api', 'DEPENDS_ON', 'db'),
    rel('svc', 'DEPENDS_ON', 'pair'), rel('pair', 'HAS_MEMBER', 'm1'), rel('pair', 'HAS_MEMBER', 'm2'),
  ],
};

describe('conflicts and collisions, drawn as small topologies', () => {
  const open = storesClosedAfterAll(async () => new EmbeddedGraphStore({ dataDir: mkdtempSync(join(tmpdir(), 'trellis-clashes-')) }));

  /** What the second of two changes finds about the first: each takes its `target` down (or degrades it) in its window. */
  async function clash(first: { target: string; effect?: 'down' | 'degraded'; window?: typeof evening }, second: { target: string; effect?: 'down' | 'degraded'; window?: typeof evening }) {
    const store: GraphStore = await open();
    await store.applyBatch(estate, testWriter);
    const request = (c: typeof first) => ({ title: `on ${c.target}`, type: 'normal', targets: [{ id: c.target, effect: c.effect ?? 'down' }], window: c.window ?? evening });
    await requestChange(store, request(first), by);
    const { change } = await requestChange(store, request(second), by);
    const { conflicts, collisions } = await assessChange(store, change, settings);
    return { conflicts, collisions };
  }

  it('the same target in overlapping windows: a conflict, not a collision (together they do no more than either)', async () => {
    expect(await clash({ target: 'db' }, { target: 'db', window: overlapping })).toEqual({ conflicts: ['CHG-1'], collisions: [] });
  });

  it('a target two hops inside the other\'s impact set: a conflict, found through the whole impact set', async () => {
    // db down takes api and web down; the other change degrades web.
    expect(await clash({ target: 'db' }, { target: 'web', effect: 'degraded', window: overlapping })).toEqual({ conflicts: ['CHG-1'], collisions: [] });
  });

  it('each member of a two-node pair: each leaves it at risk, together they take it down: a conflict and a collision', async () => {
    expect(await clash({ target: 'm1' }, { target: 'm2', window: overlapping })).toEqual({ conflicts: ['CHG-1'], collisions: ['CHG-1'] });
  });

  it('the same pair in windows that do not overlap: neither', async () => {
    expect(await clash({ target: 'm1' }, { target: 'm2', window: nextDay })).toEqual({ conflicts: [], collisions: [] });
  });

  it('CIs that share nothing, at the same time: neither', async () => {
    expect(await clash({ target: 'x' }, { target: 'y', window: overlapping })).toEqual({ conflicts: [], collisions: [] });
  });
});
