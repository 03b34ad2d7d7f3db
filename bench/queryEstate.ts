import { assessImpact } from '../server/impact/assessImpact.ts';
import { traceUpstream } from '../server/impact/traceUpstream.ts';
import type { GraphStore } from '../server/store/GraphStore.ts';
import { measureLatency, type Latency } from './measure.ts';
import { benchmarkPicks, type EstateShape } from './syntheticEstate.ts';

const settings = { maxCIs: 2_000_000 };

/** The benchmark's questions, asked of one store. */
export interface QueryFigures {
  leaf: Latency & { impacted: number };
  mid: Latency & { impacted: number };
  hub: Latency & { impacted: number };
  upstream: Latency & { dependencies: number };
}

/** Impact on leaf components, mid-tier services and the hub platform; upstream of top-tier services. */
export async function queryEstate(store: GraphStore, shape: EstateShape): Promise<QueryFigures> {
  const picks = benchmarkPicks(shape, 20);
  const sizes = { leaf: 0, mid: 0, hub: 0, upstream: 0 };
  const impact = (key: 'leaf' | 'mid' | 'hub') => async (id: string) => {
    const report = await assessImpact(store, { targets: [{ id, effect: 'down' }] }, settings);
    sizes[key] = Math.max(sizes[key], report.counts.impacted);
  };
  const leaf = await measureLatency(picks.leaves, impact('leaf'));
  const mid = await measureLatency(picks.mids, impact('mid'));
  const hub = await measureLatency(Array.from({ length: 10 }, () => picks.hub), impact('hub'), 1);
  const upstream = await measureLatency(picks.tops, async (id) => {
    const report = await traceUpstream(store, { symptoms: [id] }, settings);
    sizes.upstream = Math.max(sizes.upstream, report.dependencies.length);
  });
  return {
    leaf: { ...leaf, impacted: sizes.leaf },
    mid: { ...mid, impacted: sizes.mid },
    hub: { ...hub, impacted: sizes.hub },
    upstream: { ...upstream, dependencies: sizes.upstream },
  };
}
