import { describe, expect, it } from 'vitest';
import { parseEstateFile } from '../../importers/estate/parseEstateFile.ts';

/** Parses and returns the problems, failing the test if the file was accepted. */
function problemsOf(text: string) {
  const result = parseEstateFile(text, 'bad.yaml');
  if (result.ok) throw new Error('the file was accepted');
  return result.problems;
}

const valid = `
version: 1
source: team-repo
cis:
  - { id: svc-a, type: Service, name: A, criticality: 1, owner_note: keep me }
  - { id: grp, type: RedundancyGroup, name: G, minHealthy: 2 }
  - { id: h1, type: Component, name: H1, kind: host }
relationships:
  - { from: svc-a, type: DEPENDS_ON, to: grp, strength: soft }
  - { from: grp, type: HAS_MEMBER, to: h1 }
  - { from: svc-a, type: OWNED_BY, to: team-elsewhere }
`;

describe('parseEstateFile', () => {
  it('reads a valid file, keeps unknown attributes and lists references outside the file', () => {
    const result = parseEstateFile(valid, 'estate.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.estate.source).toBe('team-repo');
    expect(result.estate.cis[0]).toEqual({ id: 'svc-a', type: 'Service', name: 'A', attributes: { criticality: 1, owner_note: 'keep me' } });
    expect(result.estate.relationships[0]).toEqual({ from: 'svc-a', type: 'DEPENDS_ON', to: 'grp', strength: 'soft' });
    expect(result.externalReferences).toEqual([{ id: 'team-elsewhere', entry: 'relationships[2] (svc-a OWNED_BY team-elsewhere)', field: 'to', mustBeGroup: false }]);
  });

  it('reads JSON too and defaults the source to the file name', () => {
    const result = parseEstateFile('{"version": 1, "cis": [{"id": "a", "type": "Team", "name": "A"}]}', 'x.json');
    expect(result.ok && result.estate.source).toBe('x.json');
  });

  it('names the line of a YAML syntax error', () => {
    expect(problemsOf('version: 1\ncis: [ {id: a\n')[0]).toMatchObject({ file: 'bad.yaml', entry: expect.stringMatching(/^line \d+, column \d+$/) });
  });

  it.each([
    ['an unknown CI type', '- { id: a, type: Server, name: A }', { entry: 'cis[0] (a)', field: 'type' }],
    ['a missing name', '- { id: a, type: Service }', { entry: 'cis[0] (a)', field: 'name' }],
    ['a bad id', '- { id: "a b", type: Service, name: A }', { entry: 'cis[0] (a b)', field: 'id' }],
    ['an out-of-range attribute', '- { id: a, type: Service, name: A, criticality: 9 }', { entry: 'cis[0] (a)', field: 'criticality' }],
    ['a nested problem', '- { id: a, type: Service, name: A, sla: { availabilityPercent: 101, supportHours: 24x7 } }', { entry: 'cis[0] (a)', field: 'sla.availabilityPercent' }],
    ['an impossible date', '- { id: c, type: Contract, name: C, start: 2024-13-45 }', { entry: 'cis[0] (c)', field: 'start' }],
    ['a contract ending before it starts', '- { id: c, type: Contract, name: C, start: 2025-01-01, end: 2024-01-01 }', { entry: 'cis[0] (c)', field: 'end' }],
  ])('rejects %s, naming entry and field', (_, entry, where) => {
    expect(problemsOf(`version: 1\ncis:\n  ${entry}\n`)).toContainEqual(expect.objectContaining({ file: 'bad.yaml', ...where }));
  });

  const twoCIs = 'version: 1\ncis: [ { id: s, type: Service, name: S }, { id: h, type: Component, name: H } ]\nrelationships:\n';

  it('rejects HAS_MEMBER from a CI that is not a group', () => {
    expect(problemsOf(`${twoCIs}  - { from: s, type: HAS_MEMBER, to: h }\n`)).toContainEqual(
      expect.objectContaining({ entry: 'relationships[0] (s HAS_MEMBER h)', field: 'from' }));
  });

  it('rejects strength on anything but DEPENDS_ON, and self-loops', () => {
    expect(problemsOf(`${twoCIs}  - { from: s, type: RUNS_ON, to: h, strength: soft }\n`)).toContainEqual(
      expect.objectContaining({ entry: 'relationships[0] (s RUNS_ON h)', field: 'strength' }));
    expect(problemsOf(`${twoCIs}  - { from: s, type: DEPENDS_ON, to: s }\n`)).toContainEqual(
      expect.objectContaining({ entry: 'relationships[0] (s DEPENDS_ON s)', field: 'to' }));
  });

  it('rejects duplicates, unknown top-level keys and a wrong version', () => {
    expect(problemsOf('version: 1\ncis: [ {id: a, type: Team, name: A}, {id: a, type: Team, name: B} ]\n')).toContainEqual(
      expect.objectContaining({ entry: 'cis[1] (a)', field: 'id', message: 'duplicate id in this file' }));
    expect(problemsOf('version: 1\nrelationship: []\n')[0]).toMatchObject({ message: expect.stringContaining('relationship') });
    expect(problemsOf('version: 2\n')[0]).toMatchObject({ field: 'version' });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('rejects the hostile key %s anywhere', (key) => {
    const problems = problemsOf(`version: 1\ncis:\n  - id: a\n    type: Service\n    name: A\n    meta: { ${key}: { polluted: true } }\n`);
    expect(problems[0]).toMatchObject({ entry: 'cis[0] (a)', field: `meta.${key}` });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses alias bombs', () => {
    const level = (name: string, of: string) => `${name}: &${name} [${Array(9).fill(`*${of}`).join(', ')}]`;
    const bomb = ['version: 1', 'cis:', '  - id: a', '    type: Service', '    name: A', '    x: &x [x, x, x, x, x, x, x, x, x]',
      `    ${level('b', 'x')}`, `    ${level('c', 'b')}`, `    ${level('d', 'c')}`, `    ${level('e', 'd')}`, `    ${level('f', 'e')}`].join('\n');
    expect(problemsOf(bomb)[0]).toMatchObject({ file: 'bad.yaml', message: expect.stringMatching(/alias/i) });
  });
});
