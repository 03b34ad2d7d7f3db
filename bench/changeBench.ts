// `npm run bench:changes [-- --total 100000] [--overlapping 20]`: how long submitting a change takes
// (its assessment: impact, conflicts, collisions, risk) on the embedded store with the synthetic
// estate of bench:impact, for a leaf, a mid-tier CI and the hub, alone and with overlapping open
// changes on mid-tier CIs; and the impact analysis alone as the floor. Prints the figures.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRiskWeights } from '../schema/changeRisk.ts';
import { requestChange } from '../server/changes/requestChange.ts';
import { transitionChange } from '../server/changes/transitionChange.ts';
import { assessImpact } from '../server/impact/assessImpact.ts';
import { createGraphStore } from '../server/store/createGraphStore.ts';
import { loadEstate } from './loadEstate.ts';
import { round } from './measure.ts';
import { benchmarkPicks } from './syntheticEstate.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const total = option('--total', 100_000);
const overlapping = option('--overlapping', 20);
const seed = 20261124;
const settings = { analysis: { maxCIs: 2_000_000 }, riskWeights: defaultRiskWeights };
const by = { actor: 'bench', clientAddress: 'local', requestId: 'bench' };
const window = { start: '2037-12-10T22:00:00Z', end: '2037-12-10T23:00:00Z' };

const store = await createGraphStore({ kind: 'embedded', dataDir: mkdtempSync(join(tmpdir(), 'trellis-change-bench-')) });
const loaded = await loadEstate(store, { total, seed }, () => undefined);
process.stderr.write(`loaded ${loaded.cis} CIs in ${round(loaded.seconds)} s\n`);
const picks = benchmarkPicks({ total, seed }, overlapping + 1);

/** Milliseconds to request and submit (assess) a change taking `target` down. */
async function submit(target: string): Promise<{ ms: number; impacted: number; collisions: number }> {
  const { change } = await requestChange(store, { title: `down ${target}`, type: 'normal', targets: [{ id: target, effect: 'down' }], window }, by);
  const started = performance.now();
  const { change: assessed } = await transitionChange(store, change.id, { to: 'submitted', comment: '' }, 1, by, settings);
  return { ms: performance.now() - started, impacted: assessed.assessment!.impactedIds.length, collisions: assessed.assessment!.collisions.length };
}

async function floor(target: string): Promise<number> {
  const started = performance.now();
  await assessImpact(store, { targets: [{ id: target, effect: 'down' }] }, settings.analysis);
  return performance.now() - started;
}

const rows: string[] = [];
const report = async (label: string, target: string) => {
  const impactMs = await floor(target);
  const done = await submit(target);
  rows.push(`| ${label} | ${done.impacted} | ${done.collisions} | ${round(impactMs)} | ${round(done.ms)} |`);
};
await report('leaf, alone', picks.leaves[0]!);
await report('mid-tier, alone', picks.mids[0]!);
await report('hub, alone', picks.hub);
for (const mid of picks.mids.slice(1, overlapping + 1)) await submit(mid);
await report(`leaf, ${overlapping + 2} open changes overlapping`, picks.leaves[1]!);
await report(`hub, ${overlapping + 2} open changes overlapping`, picks.hub);
await store.close();
console.log(`Submitting a change on ${loaded.cis} CIs (embedded store)\n`);
console.log('| change | impacted CIs kept | collisions | impact alone (ms, the floor) | submit with assessment (ms) |');
console.log('|---|---|---|---|---|');
console.log(rows.join('\n'));
