import type { ServiceMapEdge } from '../../schema/explorer.ts';
import { compareText } from '../../schema/ordering.ts';
import { ciTypeCode, RelianceKind, type RelianceGraph } from '../../schema/relianceGraph.ts';
import { buildAdjacency, type Adjacency } from './adjacency.ts';
import { stronglyConnectedComponents } from './stronglyConnectedComponents.ts';

const serviceType = ciTypeCode.get('Service')!;
/** Hops of a member that has not reached the service (yet). */
const unreached = 0x7fffffff;

/**
 * What a CI leads to through CIs that are not services: the k services first
 * reached, each with the fewest hops to it, the next node on one such shortest
 * chain, and 1 when some chain to it is all hard. Packed in one array of four
 * runs of k, `[ranks | hops | next | hard]`, ranks (in id order) ascending:
 * one allocation per CI, which at a million CIs is most of the cost.
 */
type Reach = Int32Array;

/** How many services a reach holds. */
const sizeOf = (reach: Reach): number => reach.length >> 2;
const hopsAt = (reach: Reach, i: number): number => reach[sizeOf(reach) + i]!;
const nextAt = (reach: Reach, i: number): number => reach[2 * sizeOf(reach) + i]!;
const hardAt = (reach: Reach, i: number): number => reach[3 * sizeOf(reach) + i]!;

/** A reach of `size` services, to be filled in. */
function newReach(size: number): Reach {
  return new Int32Array(4 * size);
}

/** Sets entry `i` of a reach. */
function setEntry(reach: Reach, i: number, rank: number, hops: number, next: number, hard: number): void {
  const size = sizeOf(reach);
  reach[i] = rank;
  reach[size + i] = hops;
  reach[2 * size + i] = next;
  reach[3 * size + i] = hard;
}

/** What the derivation shares while it walks: the graph, its rows, and the reach found so far. */
interface Walk {
  graph: RelianceGraph;
  /** Service nodes in id order, and the rank of each service node in it. */
  servicesById: Int32Array;
  rank: Int32Array;
  adjacency: Adjacency;
  componentOf: Int32Array;
  reach: (Reach | undefined)[];
  merger: ReachMerger;
}

/**
 * Service-to-service reliance through what lies between services: service S
 * relies on service T when a reliance chain leads from S to T through CIs that
 * are not services (the walk stops at the first service). `via` is one shortest
 * chain (ties go to the smaller id, so every store gives the same answer);
 * soft when no chain is made of hard reliance only (HAS_MEMBER counts as hard).
 * Linear-ish: what each non-service CI leads to is worked out once, dependencies
 * first, a strongly connected component at a time, and shared by every service
 * above it. Edges come out sorted by from, then to.
 */
export function deriveServiceMap(graph: RelianceGraph): ServiceMapEdge[] {
  const n = graph.ids.length;
  const adjacency = buildAdjacency(graph);
  const walkRows = rowsOutOfNonServices(graph, adjacency);
  const { componentOf, order, starts } = stronglyConnectedComponents(n, walkRows.offsets, walkRows.targets);
  const { servicesById, rank } = rankServices(graph);
  const walk: Walk = { graph, servicesById, rank, adjacency, componentOf, reach: new Array(n), merger: new ReachMerger(graph.ids, servicesById.length) };
  for (let c = 0; c + 1 < starts.length; c += 1) {
    const members = order.subarray(starts[c]!, starts[c + 1]!);
    if (members.length > 1) reachOfComponent(walk, members, c);
    else if (graph.types[members[0]!] !== serviceType) walk.reach[members[0]!] = reachOfNode(walk, members[0]!, -1);
  }
  // Services in id order, each one's edges in id order of their ends: sorted without comparing edges.
  const edges: ServiceMapEdge[] = [];
  for (const s of servicesById) edgesFrom(walk, s, edges);
  return edges;
}

/** Service nodes sorted by id, and each one's rank in that order (-1 for other nodes). */
function rankServices(graph: RelianceGraph): { servicesById: Int32Array; rank: Int32Array } {
  const services: number[] = [];
  for (let u = 0; u < graph.ids.length; u += 1) if (graph.types[u] === serviceType) services.push(u);
  const servicesById = Int32Array.from(services.sort((a, b) => compareText(graph.ids[a]!, graph.ids[b]!)));
  const rank = new Int32Array(graph.ids.length).fill(-1);
  servicesById.forEach((s, r) => (rank[s] = r));
  return { servicesById, rank };
}

/** Out-rows of the walk: a service's row is empty, since the walk never goes through a service. */
function rowsOutOfNonServices(graph: RelianceGraph, { outOffsets, outNodes }: Adjacency): { offsets: Int32Array; targets: Int32Array } {
  const n = graph.ids.length;
  const offsets = new Int32Array(n + 1);
  for (let u = 0; u < n; u += 1) offsets[u + 1] = offsets[u]! + (graph.types[u] === serviceType ? 0 : outOffsets[u + 1]! - outOffsets[u]!);
  const targets = new Int32Array(offsets[n]!);
  for (let u = 0, at = 0; u < n; u += 1) {
    if (graph.types[u] !== serviceType) for (let e = outOffsets[u]!; e < outOffsets[u + 1]!; e += 1) targets[at++] = outNodes[e]!;
  }
  return { offsets, targets };
}

/** Merges what a node's relationships lead to, leaving out those into component `skip` (-1: none). */
function reachOfNode(walk: Walk, u: number, skip: number): Reach | undefined {
  const { adjacency: { outOffsets, outNodes, outKinds }, componentOf, rank, merger, reach } = walk;
  for (let e = outOffsets[u]!; e < outOffsets[u + 1]!; e += 1) {
    const w = outNodes[e]!;
    if (w === u || componentOf[w] === skip) continue;
    const hard = outKinds[e] !== RelianceKind.soft;
    if (rank[w] !== -1) merger.offer(rank[w]!, 1, w, hard);
    else if (reach[w]) merger.offerThrough(w, reach[w], hard);
  }
  return merger.take();
}

/** Adds the service edges of service `s` to `edges`, with the chain of each. */
function edgesFrom(walk: Walk, s: number, edges: ServiceMapEdge[]): void {
  const { graph: { ids }, reach, servicesById } = walk;
  const found = reachOfNode(walk, s, -1);
  for (let i = 0; found && i < sizeOf(found); i += 1) {
    const r = found[i]!;
    const t = servicesById[r]!;
    if (t === s) continue; // back to itself through a cycle
    const via: string[] = [];
    for (let x = nextAt(found, i); x !== t; x = nextAt(reach[x]!, findService(reach[x]!, r))) via.push(ids[x]!);
    edges.push(hardAt(found, i) ? { from: ids[s]!, to: ids[t]!, via } : { from: ids[s]!, to: ids[t]!, via, strength: 'soft' });
  }
}

/** Position of the service of rank `t` in a reach, or -1 (binary search: they are sorted). */
function findService(reach: Reach, t: number): number {
  let low = 0;
  let high = sizeOf(reach) - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = reach[middle]!;
    if (at === t) return middle;
    if (at < t) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * The reach of every member of a cycle of non-service CIs. Each member leads to
 * every service any member leaves the component towards; per service, hops are
 * settled breadth-first backwards from the exits, and hardness spreads backwards
 * along hard relationships inside the component.
 */
function reachOfComponent(walk: Walk, members: Int32Array, component: number): void {
  const exits = Array.from(members, (u) => reachOfNode(walk, u, component));
  const local = new Map<number, number>();
  members.forEach((u, i) => local.set(u, i));
  const services = [...new Set(exits.flatMap((exit) => (exit ? [...exit.subarray(0, sizeOf(exit))] : [])))].sort((a, b) => a - b);
  if (services.length === 0) return;
  const reaches = Array.from(members, () => newReach(services.length));
  services.forEach((t, j) => {
    const toward = towardService(walk, members, local, exits, t);
    reaches.forEach((reach, i) => setEntry(reach, j, t, toward.hops[i]!, toward.next[i]!, toward.hard[i]!));
  });
  members.forEach((u, i) => (walk.reach[u] = reaches[i]));
}

/** Hops, next node and hardness from each member of a component to the service of rank `t`. */
function towardService(walk: Walk, members: Int32Array, local: Map<number, number>, exits: (Reach | undefined)[], t: number) {
  const count = members.length;
  const hops = new Int32Array(count).fill(unreached);
  const exitHops = new Int32Array(count).fill(unreached);
  const next = new Int32Array(count).fill(-1);
  const hard = new Uint8Array(count);
  for (let i = 0; i < count; i += 1) {
    const exit = exits[i];
    const at = exit ? findService(exit, t) : -1;
    if (at < 0) continue;
    hops[i] = exitHops[i] = hopsAt(exit!, at);
    next[i] = nextAt(exit!, at);
    hard[i] = hardAt(exit!, at);
  }
  settleHops(walk, members, local, hops);
  chooseNext(walk, members, local, { hops, exitHops, next });
  spreadHardness(walk, members, local, hard);
  return { hops, next, hard };
}

/**
 * Shortest hops inside a component from exits of differing lengths: sources in
 * order of their own hops, merged with a breadth-first queue (unit steps keep
 * it in order), so every member is settled once, at its final value.
 */
function settleHops(walk: Walk, members: Int32Array, local: Map<number, number>, hops: Int32Array): void {
  const { inOffsets, inNodes } = walk.adjacency;
  const sources = [...hops.keys()].filter((i) => hops[i]! < unreached).sort((a, b) => hops[a]! - hops[b]!);
  const settled = new Uint8Array(members.length);
  const queue: number[] = [];
  let head = 0;
  let nextSource = 0;
  while (head < queue.length || nextSource < sources.length) {
    const fromQueue = head < queue.length && (nextSource >= sources.length || hops[queue[head]!]! <= hops[sources[nextSource]!]!);
    const v = fromQueue ? queue[head++]! : sources[nextSource++]!;
    if (settled[v]) continue;
    settled[v] = 1;
    const node = members[v]!;
    for (let e = inOffsets[node]!; e < inOffsets[node + 1]!; e += 1) {
      const x = local.get(inNodes[e]!);
      if (x === undefined || hops[x]! <= hops[v]! + 1) continue;
      hops[x] = hops[v]! + 1;
      queue.push(x);
    }
  }
}

/** The next node of each member on a shortest chain: an exit's, or a member one hop nearer; the smaller id on ties. */
function chooseNext(walk: Walk, members: Int32Array, local: Map<number, number>, chains: { hops: Int32Array; exitHops: Int32Array; next: Int32Array }): void {
  const { adjacency: { outOffsets, outNodes }, graph: { ids } } = walk;
  const { hops, exitHops, next } = chains;
  members.forEach((u, i) => {
    let best = exitHops[i] === hops[i] ? next[i]! : -1;
    for (let e = outOffsets[u]!; e < outOffsets[u + 1]!; e += 1) {
      const y = local.get(outNodes[e]!);
      if (y === undefined || hops[y]! + 1 !== hops[i]) continue;
      if (best === -1 || compareText(ids[members[y]!]!, ids[best]!) < 0) best = members[y]!;
    }
    next[i] = best;
  });
}

/** Marks hard every member with an all-hard chain: backwards along hard relationships inside the component. */
function spreadHardness(walk: Walk, members: Int32Array, local: Map<number, number>, hard: Uint8Array): void {
  const { inOffsets, inNodes, inKinds } = walk.adjacency;
  const queue = [...hard.keys()].filter((i) => hard[i]);
  for (let head = 0; head < queue.length; head += 1) {
    const node = members[queue[head]!]!;
    for (let e = inOffsets[node]!; e < inOffsets[node + 1]!; e += 1) {
      const x = local.get(inNodes[e]!);
      if (x === undefined || hard[x] || inKinds[e] === RelianceKind.soft) continue;
      hard[x] = 1;
      queue.push(x);
    }
  }
}

/**
 * Collects offers of services (hops, next node, hard) for one node at a time and
 * keeps per service the fewest hops (the smaller next id on ties) and whether any
 * offer was hard. `slot` maps a service rank to its place, -1 between nodes.
 */
class ReachMerger {
  private readonly ids: readonly string[];
  private readonly slot: Int32Array;
  private readonly services: number[] = [];
  private readonly hops: number[] = [];
  private readonly next: number[] = [];
  private readonly hard: number[] = [];

  constructor(ids: readonly string[], serviceCount: number) {
    this.ids = ids;
    this.slot = new Int32Array(serviceCount).fill(-1);
  }

  /** Offers the service of rank `t` at `hops`, reached first through `next`. */
  offer(t: number, hops: number, next: number, hard: boolean): void {
    const at = this.slot[t]!;
    if (at === -1) {
      this.slot[t] = this.services.length;
      this.services.push(t);
      this.hops.push(hops);
      this.next.push(next);
      this.hard.push(hard ? 1 : 0);
      return;
    }
    if (hard) this.hard[at] = 1;
    if (hops < this.hops[at]! || (hops === this.hops[at] && compareText(this.ids[next]!, this.ids[this.next[at]!]!) < 0)) {
      this.hops[at] = hops;
      this.next[at] = next;
    }
  }

  /** Offers everything `w` reaches, one hop further, through a relationship to `w` that is hard or not. */
  offerThrough(w: number, reach: Reach, hard: boolean): void {
    for (let i = 0; i < sizeOf(reach); i += 1) this.offer(reach[i]!, hopsAt(reach, i) + 1, w, hard && hardAt(reach, i) === 1);
  }

  /** The merged reach, sorted by service rank (undefined when empty); the merger is left empty. */
  take(): Reach | undefined {
    const count = this.services.length;
    if (count === 0) return undefined;
    const reach = newReach(count);
    for (let i = 0; i < count; i += 1) reach[i] = this.services[i]!;
    reach.subarray(0, count).sort();
    for (let i = 0; i < count; i += 1) {
      const t = reach[i]!;
      const at = this.slot[t]!;
      setEntry(reach, i, t, this.hops[at]!, this.next[at]!, this.hard[at]!);
      this.slot[t] = -1;
    }
    this.services.length = this.hops.length = this.next.length = this.hard.length = 0;
    return reach;
  }
}
