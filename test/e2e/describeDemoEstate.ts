import { describe, expect, it } from 'vitest';
import { exportEstateText } from '../../server/estate/exportEstate.ts';
import { importEstate } from '../../server/estate/importEstate.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';
import { demoEstateText } from '../support/demoEstate.ts';

/** The demo estate on a store: it loads, has the promised shape, and survives an export round trip. */
export function describeDemoEstate(name: string, create: () => Promise<GraphStore>): void {
  describe(`demo estate on ${name}`, () => {
    it('loads with 40+ services, groups, suppliers, contracts and teams, and round-trips through export', async () => {
      const store = await create();
      try {
        const result = await importEstate(store, { text: demoEstateText(), file: 'estate.yaml', actor: 'test' });
        expect(result.unchanged).toBe(0);
        const countOf = async (type: 'Service' | 'RedundancyGroup' | 'Supplier' | 'Contract' | 'Team') => (await store.searchCIs({ type, limit: 1 })).total;
        expect(await countOf('Service')).toBeGreaterThanOrEqual(40);
        for (const type of ['RedundancyGroup', 'Supplier', 'Contract', 'Team'] as const) expect(await countOf(type)).toBeGreaterThanOrEqual(5);
        const again = await importEstate(store, { text: demoEstateText(), file: 'estate.yaml', actor: 'test' });
        expect(again).toMatchObject({ created: 0, changed: 0, unchanged: result.cis + result.relationships });
        const first = await exportEstateText(store);
        await store.close();
        const empty = await create();
        try {
          await importEstate(empty, { text: first, file: 'export.yaml', actor: 'test' });
          expect(await exportEstateText(empty)).toBe(first);
        } finally {
          await empty.close();
        }
      } finally {
        await store.close();
      }
    });
  });
}
