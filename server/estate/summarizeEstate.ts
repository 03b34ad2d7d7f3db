import { ciTypes, type CIType } from '../../schema/ciTypes.ts';
import type { EstateOverview } from '../../schema/explorer.ts';
import { limits } from '../../schema/limits.ts';
import { toRelatedCI } from '../catalog/toRelatedCI.ts';
import type { GraphStore } from '../store/GraphStore.ts';

/**
 * The estate at a glance: how many CIs and relationships, CIs by type, the
 * services of criticality 1, the CIs no source asserts any more, the latest
 * import runs and which store holds it all. Lists hold at most overviewListMax.
 */
export async function summarizeEstate(store: GraphStore): Promise<EstateOverview> {
  const first = limits.overviewListMax;
  const [counts, typeTotals, tier1, stale, lastImports] = await Promise.all([
    store.countAll(),
    Promise.all(ciTypes.map(async (type) => [type, (await store.searchCIs({ type, limit: 1 })).total] as const)),
    store.searchCIs({ type: 'Service', attributes: { criticality: 1 }, limit: first }),
    store.searchCIs({ stale: true, limit: first }),
    store.listImportRuns({ limit: first }),
  ]);
  const byType: Partial<Record<CIType, number>> = {};
  for (const [type, total] of typeTotals) if (total > 0) byType[type] = total;
  return {
    ...counts,
    byType,
    tier1Services: tier1.items.map(toRelatedCI),
    stale: { total: stale.total, items: stale.items.map(toRelatedCI) },
    lastImports,
    store: store.kind,
  };
}
