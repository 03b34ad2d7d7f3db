import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.ts';

const goodEstate = `version: 1
source: cli-test
cis:
  - { id: svc-shop, type: Service, name: Shop, criticality: 1 }
  - { id: grp-web, type: RedundancyGroup, name: Web pool, minHealthy: 1 }
  - { id: web-1, type: Component, name: Web 1, kind: host }
relationships:
  - { from: svc-shop, type: DEPENDS_ON, to: grp-web }
  - { from: grp-web, type: HAS_MEMBER, to: web-1 }
`;

describe('trellis CLI on the embedded store', () => {
  let dir: string;
  let env: Record<string, string>;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-cli-'));
    env = { TRELLIS_DATA: join(dir, 'data') };
  });

  it('imports, gets, searches and exports', async () => {
    const imported = await runCli(['import', file('estate.yaml', goodEstate)], env);
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringContaining('3 CIs, 2 relationships; 5 created') });
    const got = await runCli(['get', 'svc-shop', '--json'], env);
    expect(JSON.parse(got.stdout)).toMatchObject({ ci: { id: 'svc-shop', attributes: { criticality: 1 } }, outgoing: [{ to: 'grp-web' }] });
    const found = await runCli(['search', 'WEB', '--type', 'Component', '--json'], env);
    expect(JSON.parse(found.stdout)).toMatchObject({ total: 1, items: [{ id: 'web-1' }] });
    const byAttribute = await runCli(['search', '--attr', 'criticality=1'], env);
    expect(byAttribute.stdout).toContain('svc-shop');
    const exported = await runCli(['export'], env);
    expect(exported.stdout).toContain('id: svc-shop');
  });

  it('export → import into an empty store → export gives identical output', async () => {
    await runCli(['import', file('estate.yaml', goodEstate)], env);
    const first = join(dir, 'first.yaml');
    expect((await runCli(['export', '--out', first], env)).code).toBe(0);
    const other = { TRELLIS_DATA: join(dir, 'other') };
    expect((await runCli(['import', first], other)).code).toBe(0);
    const second = await runCli(['export'], other);
    expect(second.stdout).toBe(readFileSync(first, 'utf8'));
  });

  it('names an unknown id and exits 3', async () => {
    const run = await runCli(['get', 'no-such-ci'], env);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('no-such-ci');
  });

  it.each([
    ['bad YAML', 'version: 1\ncis: [ { id: a\n', /bad\.yaml: line \d+, column \d+/],
    ['an unknown type', 'version: 1\ncis:\n  - { id: a, type: Server, name: A }\n', /bad\.yaml: cis\[0\] \(a\): type: /],
    ['a missing field', 'version: 1\ncis:\n  - { id: a, type: Service }\n', /bad\.yaml: cis\[0\] \(a\): name: /],
    ['a dangling reference', 'version: 1\ncis:\n  - { id: a, type: Service, name: A }\nrelationships:\n  - { from: a, type: DEPENDS_ON, to: ghost }\n',
      /bad\.yaml: relationships\[0\] \(a DEPENDS_ON ghost\): to: CI "ghost" exists neither in this file nor in the store/],
    ['HAS_MEMBER from a service', 'version: 1\ncis:\n  - { id: a, type: Service, name: A }\n  - { id: b, type: Component, name: B }\nrelationships:\n  - { from: a, type: HAS_MEMBER, to: b }\n',
      /bad\.yaml: relationships\[0\] \(a HAS_MEMBER b\): from: HAS_MEMBER must start at a RedundancyGroup/],
    ['a __proto__ key', 'version: 1\ncis:\n  - id: a\n    type: Service\n    name: A\n    __proto__: { admin: true }\n', /bad\.yaml: cis\[0\] \(a\): __proto__: /],
  ])('rejects %s whole: exit 2, names file, entry and field, writes nothing', async (_, text, message) => {
    await runCli(['import', file('estate.yaml', goodEstate)], env);
    const before = (await runCli(['export'], env)).stdout;
    const run = await runCli(['import', file('bad.yaml', `${text}`)], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('nothing was written');
    expect((await runCli(['export'], env)).stdout).toBe(before);
  });

  it('rejects a file that is not there', async () => {
    const run = await runCli(['import', join(dir, 'missing.yaml')], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing.yaml');
  });

  it('reports impact for a person, and as JSON for machines', async () => {
    await runCli(['import', file('estate.yaml', goodEstate)], env);
    const text = await runCli(['impact', 'web-1'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Services impacted (1):');
    expect(text.stdout).toMatch(/DOWN\s+crit 1\s+svc-shop/);
    expect(text.stdout).toContain('via web-1 > grp-web > svc-shop');
    const json = JSON.parse((await runCli(['impact', 'web-1=degraded', '--json'], env)).stdout);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['impacted', 'services', 'notify', 'suppliers', 'contracts']));
    expect(json.impacted.map((i: { id: string; state: string }) => `${i.id}:${i.state}`)).toEqual(['web-1:degraded', 'grp-web:degraded', 'svc-shop:degraded']);
  });

  it('reports upstream with ranked candidates', async () => {
    await runCli(['import', file('estate.yaml', goodEstate)], env);
    const text = await runCli(['upstream', 'svc-shop', '--since', '2h'], env);
    expect(text.stdout).toContain('Likely causes:');
    const json = JSON.parse((await runCli(['upstream', 'svc-shop', '--json'], env)).stdout);
    expect(json.dependencies.map((d: { id: string }) => d.id)).toEqual(['grp-web', 'web-1']);
    expect(json.candidates[0]).toMatchObject({ id: 'grp-web', rank: 1 });
    expect(json.signals).toEqual(expect.arrayContaining(['shared_by_symptoms']));
  });

  it('names an unknown target (exit 3) and a bad effect (exit 2)', async () => {
    await runCli(['import', file('estate.yaml', goodEstate)], env);
    const unknown = await runCli(['impact', 'no-such-ci'], env);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('no-such-ci');
    const bad = await runCli(['impact', 'web-1=exploded'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('effect');
  });
});
