import { describe, expect, it } from 'vitest';
import { shortestPath } from '../../web/graph/shortestPath.ts';
import { edges, node } from './mapBuilders.ts';

const nodesOf = (...ids: string[]) => ids.map((id) => node(id));

describe('shortestPath', () => {
  //  web ──► api ──► db ◄── report
  it('finds a path whichever way the relationships point', () => {
    const map = { nodes: nodesOf('web', 'api', 'db', 'report'), edges: edges('web DEPENDS_ON api', 'api DEPENDS_ON db', 'report DEPENDS_ON db') };
    expect(shortestPath(map, { from: 'web', to: 'report' })).toEqual({
      nodes: ['web', 'api', 'db', 'report'],
      edges: ['web DEPENDS_ON api', 'api DEPENDS_ON db', 'report DEPENDS_ON db'],
    });
    expect(shortestPath(map, { from: 'report', to: 'web' })?.nodes).toEqual(['report', 'db', 'api', 'web']);
  });

  //  a ──► b ──► c ──► d,  a ──► x ──► d
  it('takes the fewest hops', () => {
    const map = { nodes: nodesOf('a', 'b', 'c', 'd', 'x'), edges: edges('a DEPENDS_ON b', 'b DEPENDS_ON c', 'c DEPENDS_ON d', 'a RUNS_ON x', 'x DEPENDS_ON d') };
    expect(shortestPath(map, { from: 'a', to: 'd' })).toEqual({ nodes: ['a', 'x', 'd'], edges: ['a RUNS_ON x', 'x DEPENDS_ON d'] });
  });

  //  a ──► b    c (alone)    b ──► gone (not on the map)
  it('answers undefined when not connected or not on the map, and a one-node path from a CI to itself', () => {
    const map = { nodes: nodesOf('a', 'b', 'c'), edges: edges('a DEPENDS_ON b', 'b DEPENDS_ON gone') };
    expect(shortestPath(map, { from: 'a', to: 'c' })).toBeUndefined();
    expect(shortestPath(map, { from: 'a', to: 'gone' })).toBeUndefined();
    expect(shortestPath(map, { from: 'a', to: 'a' })).toEqual({ nodes: ['a'], edges: [] });
  });
});
