import type { ConfigItem } from '../schema/configItem.ts';
import type { Relationship, RelationshipType } from '../schema/relationships.ts';

/**
 * Seeded synthetic estates with the shape of a real one: business services over
 * mid-tier services over applications over redundancy groups over hosts over
 * shared platforms over networks and three zones; Zipf-distributed fan-in makes
 * a few platforms real hubs; log-normal fan-out (median 2, p99 about 30); about
 * 15% unconnected noise and 1-2% cycles. Generated in chunks, never all at once.
 */
export interface EstateShape {
  total: number;
  seed: number;
}

/** The tiers, from the top (what users see) to the bottom (zones). */
const tierShares = { business: 0.02, mid: 0.08, apps: 0.38, groups: 0.04, hosts: 0.3, platforms: 0.001, networks: 0.0003 } as const;
type Tier = keyof typeof tierShares | 'zones' | 'teams' | 'noise';

/** Sizes of each tier for an estate of `total` CIs. */
export function tierSizes(total: number): Record<Tier, number> {
  const main = Math.round(total * 0.85);
  const sizes = {} as Record<Tier, number>;
  for (const [tier, share] of Object.entries(tierShares)) sizes[tier as Tier] = Math.max(3, Math.round(main * share));
  sizes.zones = 3;
  sizes.teams = Math.max(3, Math.round(main * 0.002));
  const used = Object.values(sizes).reduce((a, b) => a + b, 0);
  sizes.noise = Math.max(0, total - used);
  return sizes;
}

/** The id of the i-th CI of a tier. */
export const ciId = (tier: Tier, i: number): string => `${tier}-${String(i).padStart(7, '0')}`;

/** mulberry32: a small, fast, seedable PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** CIs of the estate, in chunks. */
export function* generateCIs(shape: EstateShape, chunk = 20_000): Generator<ConfigItem[]> {
  const sizes = tierSizes(shape.total);
  const rnd = random(shape.seed);
  let batch: ConfigItem[] = [];
  const zones = ['a', 'b', 'c'];
  for (const tier of Object.keys(sizes) as Tier[]) {
    for (let i = 0; i < sizes[tier]; i += 1) {
      batch.push(makeCI(tier, i, rnd, zones));
      if (batch.length === chunk) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

function makeCI(tier: Tier, i: number, rnd: () => number, zones: string[]): ConfigItem {
  const id = ciId(tier, i);
  const name = `${tier} ${i}`;
  switch (tier) {
    case 'business':
    case 'mid':
      return { id, type: 'Service', name, attributes: { criticality: 1 + Math.floor(rnd() * 4), kind: tier === 'business' ? 'business' : 'technical' } };
    case 'groups':
      return { id, type: 'RedundancyGroup', name, attributes: { minHealthy: 2 } };
    case 'teams':
      return { id, type: 'Team', name, attributes: {} };
    case 'apps':
      return { id, type: 'Component', name, attributes: { kind: rnd() < 0.8 ? 'application' : 'database', environment: 'production' } };
    case 'hosts':
      return { id, type: 'Component', name, attributes: { kind: 'host', region: 'eu-west-1', zone: zones[i % 3]! } };
    case 'platforms':
      return { id, type: 'Component', name, attributes: { kind: (['cluster', 'database', 'queue'] as const)[i % 3]! } };
    default:
      return { id, type: 'Component', name, attributes: { kind: tier === 'noise' ? 'other' : 'network' } };
  }
}

/** Log-normal fan-out: median 2, p99 about 30. */
function fanOut(rnd: () => number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return Math.max(1, Math.round(2 * Math.exp(1.15 * normal)));
}

/** Zipf-like pick of an index in [0, n): small indices are chosen far more often (hubs). */
function zipf(rnd: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(n * rnd() ** 2.5));
}

/** Relationships of the estate, in chunks; generated after every CI exists. */
export function* generateRelationships(shape: EstateShape, chunk = 50_000): Generator<Relationship[]> {
  const sizes = tierSizes(shape.total);
  const rnd = random(shape.seed ^ 0x5eed);
  let batch: Relationship[] = [];
  const seen = new Set<string>();
  const add = (from: string, type: RelationshipType, to: string, soft = false) => {
    const key = `${from} ${type} ${to}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    batch.push(soft ? { from, type, to, strength: 'soft' } : { from, type, to });
  };
  const flush = function* () {
    if (batch.length >= chunk) {
      yield batch;
      batch = [];
      seen.clear();
    }
  };
  for (let i = 0; i < sizes.networks; i += 1) add(ciId('networks', i), 'PROVIDED_BY', ciId('zones', i % 3));
  for (let i = 0; i < sizes.platforms; i += 1) {
    for (let k = 0; k < 2; k += 1) add(ciId('platforms', i), 'DEPENDS_ON', ciId('networks', zipf(rnd, sizes.networks)));
  }
  for (let i = 0; i < sizes.hosts; i += 1) {
    const host = ciId('hosts', i);
    add(host, 'PROVIDED_BY', ciId('zones', i % 3));
    add(host, 'RUNS_ON', ciId('platforms', zipf(rnd, sizes.platforms)));
    add(host, 'DEPENDS_ON', ciId('networks', zipf(rnd, sizes.networks)));
    yield* flush();
  }
  for (let i = 0; i < sizes.groups; i += 1) {
    const group = ciId('groups', i);
    for (let k = 0; k < 3; k += 1) add(group, 'HAS_MEMBER', ciId('hosts', (i * 3 + k) % sizes.hosts));
    if (rnd() < 0.3) add(group, 'RUNS_ON', ciId('platforms', zipf(rnd, sizes.platforms)));
    yield* flush();
  }
  for (let i = 0; i < sizes.apps; i += 1) {
    const app = ciId('apps', i);
    add(app, 'DEPENDS_ON', rnd() < 0.6 ? ciId('groups', zipf(rnd, sizes.groups)) : ciId('hosts', Math.floor(rnd() * sizes.hosts)));
    for (let k = fanOut(rnd); k > 0; k -= 1) add(app, 'DEPENDS_ON', ciId('platforms', zipf(rnd, sizes.platforms)), rnd() < 0.2);
    if (rnd() < 0.005) add(app, 'DEPENDS_ON', ciId('mid', Math.floor(rnd() * sizes.mid)), true); // a cycle back up
    add(app, 'OWNED_BY', ciId('teams', i % sizes.teams));
    yield* flush();
  }
  for (let i = 0; i < sizes.mid; i += 1) {
    const service = ciId('mid', i);
    for (let k = fanOut(rnd); k > 0; k -= 1) add(service, 'DEPENDS_ON', ciId('apps', zipf(rnd, sizes.apps)), rnd() < 0.15);
    if (i > 0 && rnd() < 0.3) add(service, 'DEPENDS_ON', ciId('mid', Math.floor(rnd() * i)), rnd() < 0.3); // mid-tier chains
    if (rnd() < 0.015) add(service, 'DEPENDS_ON', ciId('business', Math.floor(rnd() * sizes.business)), true); // a cycle
    add(service, 'OWNED_BY', ciId('teams', i % sizes.teams));
    yield* flush();
  }
  for (let i = 0; i < sizes.business; i += 1) {
    const service = ciId('business', i);
    for (let k = fanOut(rnd); k > 0; k -= 1) add(service, 'DEPENDS_ON', ciId('mid', zipf(rnd, sizes.mid)), rnd() < 0.2);
    add(service, 'OWNED_BY', ciId('teams', i % sizes.teams));
    yield* flush();
  }
  for (let i = 0; i + 1 < sizes.noise; i += 2) {
    add(ciId('noise', i), 'CONNECTS_TO', ciId('noise', i + 1));
    yield* flush();
  }
  if (batch.length) yield batch;
}

/** The CIs the benchmark asks about, all deterministic for a shape. */
export function benchmarkPicks(shape: EstateShape, count: number): { leaves: string[]; mids: string[]; hub: string; tops: string[] } {
  const sizes = tierSizes(shape.total);
  const rnd = random(shape.seed ^ 0xbe7c);
  // Leaf components: applications from the long tail of the Zipf distribution (few dependents).
  const leaves = Array.from({ length: count }, () => ciId('apps', sizes.apps - 1 - Math.floor(rnd() * sizes.apps * 0.5)));
  const mids = Array.from({ length: count }, () => ciId('mid', Math.floor(rnd() * sizes.mid)));
  const tops = Array.from({ length: count }, () => ciId('business', Math.floor(rnd() * sizes.business)));
  return { leaves, mids, hub: ciId('platforms', 0), tops };
}
