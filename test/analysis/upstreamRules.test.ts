import { describe, expect, it } from 'vitest';
import { buildAdjacency } from '../../server/analysis/adjacency.ts';
import { computeUpstream, explainCandidate } from '../../server/analysis/computeUpstream.ts';
import { relianceGraphOf } from '../support/relianceGraphOf.ts';

/** Runs the upstream analysis on a drawn graph (`a -> b`: a relies on b). */
function upstreamOf(edges: string[], symptoms: string[], changed: string[] = [], records: { changes?: string[]; incidents?: string[] } = {}) {
  const graph = relianceGraphOf({ g: 'RedundancyGroup' }, edges);
  const local = new Map(graph.ids.map((id, i) => [id, i]));
  const evidence = {
    changedAt: new Map(changed.map((id) => [id, '2026-11-24T03:00:00.000Z'])),
    changes: new Map((records.changes ?? []).map((id, i) => [id, [`CHG-${i + 1}`]])),
    incidents: new Map((records.incidents ?? []).map((id, i) => [id, [`INC-${i + 1}`]])),
  };
  const result = computeUpstream(graph, buildAdjacency(graph), symptoms.map((id) => local.get(id)!), evidence);
  return { ...result, ranking: result.ranked.map((d) => d.id), evidence };
}

describe('upstream (incident view)', () => {
  it('lists everything the symptomatic CIs rely on, with depth and path from the nearest one', () => {
    // checkout -> payments -> db ; checkout -> api -> db
    const { dependencies } = upstreamOf(['checkout -> payments', 'payments -> db', 'checkout -> api', 'api -> db'], ['checkout']);
    expect(dependencies.map((d) => [d.id, d.depth, d.path.join('>')])).toEqual([
      ['api', 1, 'checkout>api'],
      ['payments', 1, 'checkout>payments'],
      ['db', 2, 'checkout>api>db'],
    ]);
  });

  it('ranks first what more symptomatic CIs share', () => {
    // a -> x -> shared ; b -> shared ; a -> only-a
    const { ranking, dependencies } = upstreamOf(['a -> x', 'x -> shared', 'b -> shared', 'a -> only-a'], ['a', 'b']);
    expect(ranking[0]).toBe('shared');
    expect(dependencies.find((d) => d.id === 'shared')?.reliedOnBy).toEqual(['a', 'b']);
  });

  it('among equally shared CIs, ranks a recently changed one first, then the nearer', () => {
    // s -> near ; s -> mid -> far
    expect(upstreamOf(['s -> near', 's -> mid', 'mid -> far'], ['s']).ranking).toEqual(['mid', 'near', 'far']);
    expect(upstreamOf(['s -> near', 's -> mid', 'mid -> far'], ['s'], ['far']).ranking).toEqual(['far', 'mid', 'near']);
  });

  it('ranks a CI changed by a change record with one whose configuration changed, and then one with an open incident, before the nearer', () => {
    // s -> near ; s -> mid -> far
    const edges = ['s -> near', 's -> mid', 'mid -> far'];
    expect(upstreamOf(edges, ['s'], [], { changes: ['far'] }).ranking).toEqual(['far', 'mid', 'near']);
    expect(upstreamOf(edges, ['s'], [], { incidents: ['far'] }).ranking).toEqual(['far', 'mid', 'near']);
    // Changed outranks an open incident; sharing outranks both.
    expect(upstreamOf(edges, ['s'], [], { changes: ['near'], incidents: ['far'] }).ranking).toEqual(['near', 'far', 'mid']);
    expect(upstreamOf(['a -> x', 'b -> x', 'a -> y'], ['a', 'b'], [], { changes: ['y'], incidents: ['y'] }).ranking).toEqual(['x', 'y']);
  });

  it('says which change record and which open incident put a candidate where it is', () => {
    const { ranked, evidence } = upstreamOf(['a -> db'], ['a'], [], { changes: ['db'], incidents: ['db'] });
    expect(explainCandidate(ranked[0]!, 1, 1, evidence).reasons).toEqual(['relied on by 1 of 1 symptomatic CIs (a)', 'changed by CHG-1', 'open incident INC-1', '1 hop from a']);
  });

  it('follows redundancy group members and cycles', () => {
    // s -> g => m1, m2 ; m1 -> s (cycle back to the symptom)
    const { dependencies } = upstreamOf(['s -> g', 'g => m1', 'g => m2', 'm1 -> s'], ['s']);
    expect(dependencies.map((d) => d.id)).toEqual(['g', 'm1', 'm2']);
  });

  it('measures a symptomatic CI that another one relies on from that other one', () => {
    // web -> api -> db ; web and api both failing: api is a dependency of web, at depth 1
    const { dependencies } = upstreamOf(['web -> api', 'api -> db'], ['web', 'api']);
    expect(dependencies.map((d) => [d.id, d.depth, d.reliedOnBy.join(',')])).toEqual([['api', 1, 'web'], ['db', 1, 'api,web']]);
  });

  it('explains a candidate in words', () => {
    const { ranked, evidence } = upstreamOf(['a -> db', 'b -> db'], ['a', 'b'], ['db']);
    expect(explainCandidate(ranked[0]!, 1, 2, evidence).reasons).toEqual([
      'relied on by 2 of 2 symptomatic CIs (a, b)',
      'configuration changed at 2026-11-24T03:00:00.000Z',
      '1 hop from a',
    ]);
  });
});
