import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultRiskWeights } from '../../schema/changeRisk.ts';
import { requestChange } from '../../server/changes/requestChange.ts';
import { transitionChange } from '../../server/changes/transitionChange.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import { testWriter, topologies } from '../builders.ts';
import { runCli } from '../support/runCli.ts';

// Two changes, each taking down one node of the pool (svc ──► pool ══► node-1..3, 2 healthy needed)
// in overlapping windows, written through the use cases; then read with `trellis change`.
describe('trellis change on the embedded store', () => {
  const env = { TRELLIS_DATA: join(mkdtempSync(join(tmpdir(), 'trellis-change-cli-')), 'data') };
  const by = { actor: 'cli:alice', clientAddress: 'local', requestId: 'test' };
  const settings = { analysis: { maxCIs: 10_000 }, riskWeights: defaultRiskWeights };

  beforeAll(async () => {
    const store = new EmbeddedGraphStore({ dataDir: env.TRELLIS_DATA });
    try {
      await store.applyBatch(topologies.pool(), testWriter);
      for (const [node, start] of [['node-1', '2037-12-10T22:00:00Z'], ['node-2', '2037-12-10T22:30:00Z']] as const) {
        const { change } = await requestChange(store, { title: `Reboot ${node}`, type: 'normal', targets: [{ id: node, effect: 'down' }], window: { start, end: '2037-12-10T23:30:00Z' } }, by);
        await transitionChange(store, change.id, { to: 'submitted', comment: '' }, 1, by, settings);
      }
    } finally {
      await store.close();
    }
  });

  it('shows a change with its risk factors and what it collides with, and the calendar with both', async () => {
    const shown = await runCli(['change', 'show', 'CHG-2'], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('CHG-2  Reboot node-2');
    expect(shown.stdout).toMatch(/conflicts\s+10 of 10 {2}collides with CHG-1, conflicts with CHG-1/);
    expect(shown.stdout).toContain('submitted → assessed by trellis');
    const calendar = await runCli(['change', 'calendar', '--from', '2037-12-10T00:00:00Z', '--to', '2037-12-11T00:00:00Z'], env);
    expect(calendar.stdout.split('\n').filter((line) => line.startsWith('CHG-'))).toEqual([
      expect.stringMatching(/^CHG-1 .* Reboot node-1$/),
      expect.stringMatching(/^CHG-2 .* Reboot node-2 {2}\[collides with CHG-1; conflicts with CHG-1\]$/),
    ]);
  });

  it('names a bad state (exit 2) and an unknown change (exit 3)', async () => {
    const [badState, unknown] = await Promise.all([runCli(['change', 'list', '--state', 'done'], env), runCli(['change', 'show', 'CHG-9'], env)]);
    expect(badState.code).toBe(2);
    expect(badState.stderr).toContain('"done" is not a change state');
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('no change has the id CHG-9');
  });

  it('requests, submits and decides a change, reviews it once it failed, opens the incident it caused, and measures both', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'trellis-change-request-')), 'change.json');
    writeFileSync(file, JSON.stringify({ title: 'Reboot node-3', type: 'normal', targets: [{ id: 'node-3', effect: 'down' }], window: { start: '2037-12-12T22:00:00Z', end: '2037-12-12T23:00:00Z' }, rollbackPlan: 'boot the old kernel' }));
    const requested = await runCli(['change', 'request', file, '--actor', 'alice', '--json'], env);
    expect(requested.code, requested.stderr).toBe(0);
    const id = (JSON.parse(requested.stdout) as { id: string }).id;
    const submitted = await runCli(['change', 'move', id, '--to', 'submitted', '--actor', 'alice'], env);
    expect(submitted.stdout).toMatch(new RegExp(`^${id}  Reboot node-3\nnormal change, assessed;`));
    const decided = await runCli(['change', 'decide', id, '--decision', 'approved', '--override', '--comment', 'patch window agreed', '--actor', 'bob', '--json'], env);
    expect(JSON.parse(decided.stdout)).toMatchObject({ state: 'approved', approvals: [{ decision: 'approved', override: true, by: 'cli:bob' }] });
    const store = new EmbeddedGraphStore({ dataDir: env.TRELLIS_DATA });
    try {
      for (const to of ['scheduled', 'in_progress', 'failed'] as const) await transitionChange(store, id, { to, comment: '' }, undefined, by, settings);
    } finally {
      await store.close();
    }
    const reviewed = await runCli(['change', 'review', id, '--findings', 'the node did not come back', '--follow-up', 'check the boot order', '--actor', 'bob', '--json'], env);
    expect(JSON.parse(reviewed.stdout).review).toMatchObject({ findings: 'the node did not come back', by: 'cli:bob' });
    const opened = await runCli(['incident', 'open', '--title', 'svc degraded', '--affected', 'svc', '--urgency', '2', '--actor', 'olga'], env);
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout).toContain(`possibly caused by ${id}`);
    const stats = await runCli(['change', 'stats', '--json'], env);
    expect(JSON.parse(stats.stdout).measures).toMatchObject({ changes: 1, failed: 1, failureRate: 1, incidentsOpened: 1 });
  });

  it('keeps templates and the calendar from JSON files, and names what is wrong in one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-calendar-cli-'));
    writeFileSync(join(dir, 'template.json'), JSON.stringify({ id: 'node-reboot', name: 'Reboot a pool node', targets: ['node-1', 'node-2', 'node-3'], effects: ['down'], maxRisk: 'medium' }));
    writeFileSync(join(dir, 'freeze.json'), JSON.stringify({ kind: 'freeze', id: 'launch', name: 'Launch', start: '2037-12-01T00:00:00Z', end: '2037-11-01T00:00:00Z' }));
    const [saved, refused] = await Promise.all([
      runCli(['template', 'save', join(dir, 'template.json'), '--actor', 'carol'], env),
      runCli(['calendar', 'save', join(dir, 'freeze.json'), '--actor', 'carol'], env),
    ]);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('saved node-reboot');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('the freeze must end after it starts');
    const store = new EmbeddedGraphStore({ dataDir: env.TRELLIS_DATA });
    try {
      expect((await store.listChangeTemplates()).map((t) => t.id)).toEqual(['node-reboot']);
      expect(await store.listCalendarEntries()).toEqual([]);
      expect((await store.listAudit({ target: 'template:node-reboot', limit: 5 })).map((e) => `${e.actor} ${e.action}`)).toEqual(['cli:carol template.save']);
    } finally {
      await store.close();
    }
  });
});

