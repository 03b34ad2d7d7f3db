import { describe, expect, it } from 'vitest';
import { impactOn, relianceGraphOf } from '../support/relianceGraphOf.ts';

// Arrows point from the CI that relies to the CI relied on: `a -> b` a relies on b,
// `~>` soft DEPENDS_ON, `=>` HAS_MEMBER (group to member). [x] marks a target.

describe('impact: propagation table', () => {
  it('hard reliance passes down, degraded and at_risk unchanged', () => {
    // app -> [db]        web -> app
    const graph = relianceGraphOf({}, ['app -> db', 'web -> app']);
    expect(impactOn(graph, { db: 'down' }).states).toEqual({ db: 'down', app: 'down', web: 'down' });
    expect(impactOn(graph, { db: 'degraded' }).states).toEqual({ db: 'degraded', app: 'degraded', web: 'degraded' });
  });

  it('hard reliance passes at_risk', () => {
    // svc -> g => [m1], m2   (g loses redundancy, so svc is at_risk)
    const graph = relianceGraphOf({ g: 'RedundancyGroup' }, ['svc -> g', 'g => m1', 'g => m2']);
    expect(impactOn(graph, { m1: 'down' }).states).toEqual({ m1: 'down', g: 'at_risk', svc: 'at_risk' });
  });

  it('soft reliance turns down and degraded into degraded, and stops at_risk', () => {
    // shop ~> [recs]     other ~> g => [m1], m2
    const graph = relianceGraphOf({ g: 'RedundancyGroup' }, ['shop ~> recs', 'other ~> g', 'g => m1', 'g => m2']);
    expect(impactOn(graph, { recs: 'down' }).states).toEqual({ recs: 'down', shop: 'degraded' });
    expect(impactOn(graph, { recs: 'degraded' }).states).toEqual({ recs: 'degraded', shop: 'degraded' });
    expect(impactOn(graph, { m1: 'down' }).states).toEqual({ m1: 'down', g: 'at_risk' });
  });

  it('each reliance type propagates: RUNS_ON, PROVIDED_BY and hard DEPENDS_ON alike', () => {
    // The adapters map all three to the same kind; here they are the hard arrow.
    const graph = relianceGraphOf({}, ['app -> host', 'host -> zone', 'zone -> cloud']);
    expect(impactOn(graph, { cloud: 'down' }).depths).toEqual({ cloud: 0, zone: 1, host: 2, app: 3 });
  });

  it('a CI takes the worst of its contributions and its own effect', () => {
    // x ~> [a]   x -> [b]   (soft down gives degraded, hard degraded gives degraded, target effect may be worse)
    const graph = relianceGraphOf({}, ['x ~> a', 'x -> b']);
    expect(impactOn(graph, { a: 'down', b: 'degraded' }).states.x).toBe('degraded');
    expect(impactOn(graph, { a: 'down', b: 'down' }).states.x).toBe('down');
    expect(impactOn(graph, { a: 'down', x: 'down' }).states.x).toBe('down');
    expect(impactOn(graph, { b: 'down', x: 'degraded' }).states.x).toBe('down');
  });
});

describe('impact: redundancy groups', () => {
  // web -> pool => w1, w2, w3 (minHealthy 2)
  const pool = relianceGraphOf({ pool: { type: 'RedundancyGroup', minHealthy: 2 } }, ['web -> pool', 'pool => w1', 'pool => w2', 'pool => w3']);

  it('at quorum after a loss: at_risk', () => {
    expect(impactOn(pool, { w1: 'down' }).states).toMatchObject({ pool: 'at_risk', web: 'at_risk' });
  });

  it('below quorum: down', () => {
    expect(impactOn(pool, { w1: 'down', w2: 'down' }).states).toMatchObject({ pool: 'down', web: 'down' });
  });

  it('above quorum with a degraded member: degraded', () => {
    expect(impactOn(pool, { w1: 'degraded' }).states).toMatchObject({ pool: 'degraded', web: 'degraded' });
  });

  it('a degraded member that is not down degrades the group even when another member is down', () => {
    expect(impactOn(pool, { w1: 'down', w2: 'degraded' }).states).toMatchObject({ pool: 'degraded' });
  });

  it('members never inherit the group state', () => {
    expect(impactOn(pool, { pool: 'down' }).states).toEqual({ pool: 'down', web: 'down' });
  });

  it('a group with fewer members than minHealthy is ok until a member is affected', () => {
    // thin => only (minHealthy 3): a data-quality finding, not an outage
    const thin = relianceGraphOf({ thin: { type: 'RedundancyGroup', minHealthy: 3 } }, ['svc -> thin', 'thin => only', 'only -> disk', 'svc -> other']);
    expect(impactOn(thin, { other: 'down' }).states).toEqual({ other: 'down', svc: 'down' });
    expect(impactOn(thin, { disk: 'degraded' }).states).toMatchObject({ only: 'degraded', thin: 'down' });
  });

  it('counts members outside the analysed part of the graph as up', () => {
    // big => [m1] (and 9 more members the extraction did not reach), minHealthy 5
    const big = relianceGraphOf({ big: { type: 'RedundancyGroup', minHealthy: 5, members: 10 } }, ['big => m1']);
    expect(impactOn(big, { m1: 'down' }).states.big).toBe('at_risk');
  });

  it('minHealthy defaults to 1', () => {
    const pair = relianceGraphOf({ pair: 'RedundancyGroup' }, ['pair => a', 'pair => b']);
    expect(impactOn(pair, { a: 'down' }).states.pair).toBe('at_risk');
    expect(impactOn(pair, { a: 'down', b: 'down' }).states.pair).toBe('down');
  });

  it('a group may be a target itself', () => {
    expect(impactOn(pool, { pool: 'degraded' }).states).toEqual({ pool: 'degraded', web: 'degraded' });
  });

  it('a group relying on a platform takes the worst of the rules and that reliance', () => {
    // svc -> pool => n1, n2 ; pool -> [k8s]
    const graph = relianceGraphOf({ pool: 'RedundancyGroup' }, ['svc -> pool', 'pool => n1', 'pool => n2', 'pool -> k8s']);
    expect(impactOn(graph, { k8s: 'down' }).states).toEqual({ k8s: 'down', pool: 'down', svc: 'down' });
    expect(impactOn(graph, { k8s: 'degraded', n1: 'down' }).states).toMatchObject({ pool: 'degraded' });
  });

  it('NOTE: the group rules are not monotone: a member getting worse can make the group better', () => {
    // pool => [a], b (minHealthy 1): a degraded → pool degraded; a down → pool only at_risk (b still serves)
    const graph = relianceGraphOf({ pool: 'RedundancyGroup' }, ['pool => a', 'pool => b']);
    expect(impactOn(graph, { a: 'degraded' }).states.pool).toBe('degraded');
    expect(impactOn(graph, { a: 'down' }).states.pool).toBe('at_risk');
  });

  it('NOTE: so a degraded target can improve a group: it takes an under-quorum member group down', () => {
    // top => [mid] (minHealthy 3), spare ; mid => [m] : mid has fewer members than its quorum
    // mid degraded → top degraded; m degraded too → mid down (below quorum, now affected) → top only at_risk
    const graph = relianceGraphOf({ top: 'RedundancyGroup', mid: { type: 'RedundancyGroup', minHealthy: 3 } }, ['top => mid', 'top => spare', 'mid => m']);
    expect(impactOn(graph, { mid: 'degraded' }).states.top).toBe('degraded');
    expect(impactOn(graph, { mid: 'degraded', m: 'degraded' }).states).toMatchObject({ mid: 'down', top: 'at_risk' });
  });

  it('settles a member before its group, whatever order the member reaches its final state in', () => {
    // pool => m, other ; m ~> [a] (degraded first) ; m -> c -> [b] (down later) : m ends down, so pool is at_risk
    const graph = relianceGraphOf({ pool: 'RedundancyGroup' }, ['pool => m', 'pool => other', 'm ~> a', 'm -> c', 'c -> b']);
    expect(impactOn(graph, { a: 'down', b: 'down' }).states).toMatchObject({ m: 'down', pool: 'at_risk' });
  });
});

describe('impact: cycles, multiple targets, informational relationships', () => {
  it('terminates on cycles and reaches the least fixpoint', () => {
    // a -> b -> c -> a ; c -> [db]
    const graph = relianceGraphOf({}, ['a -> b', 'b -> c', 'c -> a', 'c -> db']);
    expect(impactOn(graph, { db: 'down' }).states).toEqual({ db: 'down', c: 'down', b: 'down', a: 'down' });
    expect(impactOn(graph, { db: 'down' }).depths).toEqual({ db: 0, c: 1, b: 2, a: 3 });
  });

  it('a soft cycle carries degraded around without making anything worse', () => {
    // a ~> b ~> a ; a -> [x]
    const graph = relianceGraphOf({}, ['a ~> b', 'b ~> a', 'a -> x']);
    expect(impactOn(graph, { x: 'down' }).states).toEqual({ x: 'down', a: 'down', b: 'degraded' });
  });

  it('a cycle through a group settles to the same answer on every numbering', () => {
    // g => m1, m2 ; m1 -> svc -> g (the group relies on itself through a member) ; svc -> [db]
    const edges = ['g => m1', 'g => m2', 'm1 -> svc', 'svc -> g', 'svc -> db'];
    const a = impactOn(relianceGraphOf({ g: 'RedundancyGroup' }, edges), { db: 'degraded' });
    const b = impactOn(relianceGraphOf({ g: 'RedundancyGroup', db: 'Component', svc: 'Component' }, [...edges].reverse()), { db: 'degraded' });
    expect(a.states).toEqual(b.states);
    expect(a.paths).toEqual(b.paths);
  });

  it('combines several targets, each at depth 0, with the nearest target explaining each CI', () => {
    // x -> [a] ; y -> x ; y -> [b]
    const graph = relianceGraphOf({}, ['x -> a', 'y -> x', 'y -> b']);
    const result = impactOn(graph, { a: 'down', b: 'degraded' });
    expect(result.depths).toEqual({ a: 0, b: 0, x: 1, y: 1 });
    expect(result.paths.y).toEqual(['b', 'y']);
    expect(result.states.y).toBe('down');
  });

  it('chooses, among equally short explanations, the one through the smallest id', () => {
    // top -> m2 -> [t] ; top -> m1 -> [t]
    const graph = relianceGraphOf({}, ['top -> m2', 'top -> m1', 'm2 -> t', 'm1 -> t']);
    expect(impactOn(graph, { t: 'down' }).paths.top).toEqual(['t', 'm1', 'top']);
  });

  it('explains only through impacted CIs', () => {
    // svc -> api ~> pool => [n1], n2 ; svc -> pool   (api is ok: soft at_risk does not pass)
    const graph = relianceGraphOf({ pool: 'RedundancyGroup' }, ['svc -> api', 'api ~> pool', 'pool => n1', 'pool => n2', 'svc -> pool']);
    const result = impactOn(graph, { n1: 'down' });
    expect(result.states).toEqual({ n1: 'down', pool: 'at_risk', svc: 'at_risk' });
    expect(result.paths.svc).toEqual(['n1', 'pool', 'svc']);
  });

  it('orders services worst state first, then by criticality', () => {
    // s1 (crit 3) -> [db] ; s2 (crit 1) ~> [db] ; s3 (crit 1) -> [db]
    const graph = relianceGraphOf(
      { s1: { type: 'Service', criticality: 3 }, s2: { type: 'Service', criticality: 1 }, s3: { type: 'Service', criticality: 1 } },
      ['s1 -> db', 's2 ~> db', 's3 -> db'],
    );
    expect(impactOn(graph, { db: 'down' }).services.map((s) => s.id)).toEqual(['s3', 's1', 's2']);
  });
});
