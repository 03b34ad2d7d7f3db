import type { ServiceMap } from '../../schema/explorer.ts';

/**
 * The service map cut to the node budget: at the 1M-CI estate's 8,500
 * services, drawing every one helps nobody. The most critical services stay,
 * then those that most other services rely on; the services asked for by name
 * always stay. Criticality filters apply first.
 */
export function cutServiceMap(map: ServiceMap, options: { budget: number; keep?: readonly string[]; criticalities?: readonly number[] }): { map: ServiceMap; cut: number; total: number } {
  const tiers = options.criticalities?.length ? new Set(options.criticalities) : undefined;
  const keep = new Set(options.keep ?? []);
  const candidates = tiers ? map.services.filter((s) => keep.has(s.id) || (s.criticality !== undefined && tiers.has(s.criticality))) : map.services;
  const reliedOnBy = new Map<string, number>();
  for (const edge of map.edges) reliedOnBy.set(edge.to, (reliedOnBy.get(edge.to) ?? 0) + 1);
  const rank = (id: string, criticality: number | undefined) => [keep.has(id) ? 0 : 1, criticality ?? 9, -(reliedOnBy.get(id) ?? 0)] as const;
  const ordered = candidates.length <= options.budget ? candidates : [...candidates].sort((a, b) => {
    const [ra, rb] = [rank(a.id, a.criticality), rank(b.id, b.criticality)];
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  const services = ordered.slice(0, Math.max(options.budget, keep.size));
  const ids = new Set(services.map((s) => s.id));
  return {
    map: { ...map, services, edges: map.edges.filter((e) => ids.has(e.from) && ids.has(e.to)) },
    cut: candidates.length - services.length,
    total: candidates.length,
  };
}
