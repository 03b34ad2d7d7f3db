import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { ImpactRequest, UpstreamRequest } from '../../schema/impact.ts';
import { importEstate } from '../../server/estate/importEstate.ts';
import { assessImpact } from '../../server/impact/assessImpact.ts';
import { traceUpstream } from '../../server/impact/traceUpstream.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';
import { demoEstateText } from '../support/demoEstate.ts';

/** What a scenario file (test/scenarios/demo/*.yaml) states; every listed expectation must hold. */
interface Scenario {
  title: string;
  impact?: ImpactRequest;
  upstream?: UpstreamRequest;
  expect: {
    states?: Record<string, string>;
    depths?: Record<string, number>;
    paths?: Record<string, string[]>;
    notImpacted?: string[];
    firstServices?: string[];
    notify?: string[];
    contracts?: string[];
    suppliers?: string[];
    counts?: Record<string, number>;
    candidates?: string[];
    reliedOnBy?: Record<string, string[]>;
  };
}

const folder = fileURLToPath(new URL('./demo/', import.meta.url));
const scenarios = readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort()
  .map((file) => ({ file, scenario: parse(readFileSync(`${folder}${file}`, 'utf8')) as Scenario }));

/** Runs every demo scenario against a store loaded with the demo estate. */
export function describeScenarios(name: string, create: () => Promise<GraphStore>): void {
  describe(`demo scenarios on ${name}`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await create();
      await importEstate(store, { text: demoEstateText(), file: 'estate.yaml', actor: 'test' });
    });
    afterAll(async () => store.close());

    it.each(scenarios)('$file', async ({ scenario }) => {
      const want = scenario.expect;
      if (scenario.impact) {
        const report = await assessImpact(store, scenario.impact, { maxCIs: 100_000 });
        const byId = new Map(report.impacted.map((i) => [i.id, i]));
        for (const [id, state] of Object.entries(want.states ?? {})) expect(byId.get(id)?.state, id).toBe(state);
        for (const [id, depth] of Object.entries(want.depths ?? {})) expect(byId.get(id)?.depth, id).toBe(depth);
        for (const [id, path] of Object.entries(want.paths ?? {})) expect(byId.get(id)?.path, id).toEqual(path);
        for (const id of want.notImpacted ?? []) expect(byId.has(id), id).toBe(false);
        if (want.firstServices) expect(report.services.slice(0, want.firstServices.length).map((s) => s.id)).toEqual(want.firstServices);
        if (want.notify) expect(report.notify.map((t) => t.id)).toEqual(expect.arrayContaining(want.notify));
        if (want.contracts) expect(report.contracts.map((c) => c.id)).toEqual(expect.arrayContaining(want.contracts));
        if (want.suppliers) expect(report.suppliers.map((s) => s.id)).toEqual(expect.arrayContaining(want.suppliers));
        if (want.counts) expect(report.counts).toMatchObject(want.counts);
      }
      if (scenario.upstream) {
        const report = await traceUpstream(store, scenario.upstream, { maxCIs: 100_000 });
        const byId = new Map(report.dependencies.map((d) => [d.id, d]));
        if (want.candidates) expect(report.candidates.slice(0, want.candidates.length).map((c) => c.id)).toEqual(want.candidates);
        for (const [id, relying] of Object.entries(want.reliedOnBy ?? {})) expect(byId.get(id)?.reliedOnBy, id).toEqual(relying);
        for (const [id, depth] of Object.entries(want.depths ?? {})) expect(byId.get(id)?.depth, id).toBe(depth);
        for (const [id, path] of Object.entries(want.paths ?? {})) expect(byId.get(id)?.path, id).toEqual(path);
      }
    });
  });
}
