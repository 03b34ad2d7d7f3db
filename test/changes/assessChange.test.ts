import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultRiskWeights } from '../../schema/changeRisk.ts';
import { assessChange } from '../../server/changes/assessChange.ts';
import { checkAssessment } from '../../server/changes/checkAssessment.ts';
import { decideOnChange } from '../../server/changes/decideOnChange.ts';
import { reassessChange } from '../../server/changes/reassessChange.ts';
import { requestChange } from '../../server/changes/requestChange.ts';
import { reviewChange } from '../../server/changes/reviewChange.ts';
import { transitionChange } from '../../server/changes/transitionChange.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';
import { buildCI, testWriter, topologies } from '../builders.ts';
import { moveTo } from './moveTo.ts';
import { storesClosedAfterAll } from '../support/storesClosedAfterAll.ts';

//  svc ──► pool ══► node-1, node-2, node-3 (at least 2 healthy) ; pool ──► k8s
const alice = { actor: 'oidc:alice', clientAddress: '127.0.0.1', requestId: 'req-a', mayApprove: false };
const settings = { analysis: { maxCIs: 10_000 }, riskWeights: defaultRiskWeights };
const evening = { start: '2037-12-10T22:00:00Z', end: '2037-12-10T23:00:00Z' };
const nodeDown = (node: string, window = evening) => ({ title: `Reboot ${node}`, type: 'normal', targets: [{ id: node, effect: 'down' }], window, rollbackPlan: 'boot the old kernel' });

describe('assessing a change', () => {
  let store: GraphStore;
  const open = storesClosedAfterAll(async () => new EmbeddedGraphStore({ dataDir: mkdtempSync(join(tmpdir(), 'trellis-assess-')) }));
  beforeEach(async () => {
    store = await open();
    await store.applyBatch(topologies.pool(), testWriter);
  });

  it('keeps the impact with the change, with the store\'s history seq it saw', async () => {
    const { change } = await requestChange(store, nodeDown('node-1'), alice);
    const assessment = await assessChange(store, change, settings, new Date('2037-12-01T09:00:00Z'));
    expect(assessment.impact.services).toMatchObject([{ id: 'svc', state: 'at_risk', criticality: 1 }]);
    expect(assessment.impactedIds.sort()).toEqual(['node-1', 'pool', 'svc']);
    expect(assessment.historySeq).toBeGreaterThan(0);
    expect(assessment).toMatchObject({ conflicts: [], collisions: [] });
    expect(assessment.risk.factors.find((f) => f.name === 'worstServiceImpact')?.explanation).toBe('Name of svc (criticality 1) would be at risk');
  });

  it('finds that two changes each taking one member of a redundant pool down collide, and conflict, when their windows overlap', async () => {
    const { change: first } = await requestChange(store, nodeDown('node-1'), alice);
    const { change: second } = await requestChange(store, nodeDown('node-2', { start: '2037-12-10T22:30:00Z', end: '2037-12-10T23:30:00Z' }), alice);
    const { change: later } = await requestChange(store, nodeDown('node-3', { start: '2037-12-11T22:00:00Z', end: '2037-12-11T23:00:00Z' }), alice);
    const assessment = await assessChange(store, first, settings);
    expect(assessment).toMatchObject({ conflicts: [second.id], collisions: [second.id] });
    expect(assessment.risk.factors.find((f) => f.name === 'conflicts')).toMatchObject({ value: 1, explanation: `collides with ${second.id}, conflicts with ${second.id}` });
    expect(await assessChange(store, later, settings)).toMatchObject({ conflicts: [], collisions: [] });
  });

  it('counts failed and rolled-back changes on the same CIs before, closed since or not', async () => {
    const { change: failed } = await requestChange(store, nodeDown('node-1', { start: '2026-11-01T22:00:00Z', end: '2026-11-01T23:00:00Z' }), alice, new Date('2026-10-01T00:00:00Z'));
    let version = 1;
    const carol = { ...alice, actor: 'oidc:carol', mayApprove: true };
    for (const to of ['submitted', 'approved', 'scheduled', 'in_progress', 'failed'] as const) version = (await moveTo(store, failed.id, to, version, carol, settings)).version;
    version = (await reviewChange(store, failed.id, { findings: 'the kernel did not boot' }, version, carol)).version;
    await transitionChange(store, failed.id, { to: 'closed', comment: '' }, version, carol, settings);
    const { change } = await requestChange(store, nodeDown('node-1'), alice);
    const assessment = await assessChange(store, change, settings);
    expect(assessment.risk.factors.find((f) => f.name === 'pastFailures')).toMatchObject({ value: 0.5, explanation: `failed or rolled back before on the same CIs: ${failed.id}` });
  });

  it('says its assessment is out of date once a CI of its impact is written or an overlapping change moves, and assesses it again', async () => {
    const { change } = await requestChange(store, nodeDown('node-1'), alice);
    const submitted = await transitionChange(store, change.id, { to: 'submitted', comment: '' }, 1, alice, settings);
    expect(await checkAssessment(store, submitted.change)).toEqual({ current: true, reasons: [] });
    // k8s is outside the impact of node-1: writing it changes nothing.
    await store.applyBatch({ upsertCIs: [buildCI('k8s', { attributes: { kind: 'cluster', version: '1.31' } })] }, testWriter);
    expect((await checkAssessment(store, submitted.change)).current).toBe(true);
    await store.applyBatch({ upsertCIs: [buildCI('pool', { type: 'RedundancyGroup', attributes: { minHealthy: 3 } })] }, testWriter);
    await requestChange(store, nodeDown('node-2'), alice);
    expect(await checkAssessment(store, submitted.change)).toEqual({
      current: false, reasons: ['written since it was assessed: pool', 'changes with an overlapping window were requested or revised since: CHG-2'],
    });
    // A change manager's approval, given on the old assessment, is asked again on the new one.
    const carol = { actor: 'oidc:carol', clientAddress: '127.0.0.1', requestId: 'req-c', teams: [], mayApprove: true };
    const approvedOnce = await decideOnChange(store, change.id, { decision: 'approved', override: false, comment: 'fine' }, submitted.version, carol);
    expect(approvedOnce.change).toMatchObject({ state: 'assessed', approvals: [{ by: 'oidc:carol' }] });
    // With all three members needed, node-1 down takes svc down; and CHG-2 now conflicts and collides.
    const again = await reassessChange(store, change.id, approvedOnce.version, alice, settings);
    expect(again.change.approvals).toBeUndefined();
    expect(again.change.assessment).toMatchObject({ impact: { services: [{ id: 'svc', state: 'down' }] }, conflicts: ['CHG-2'] });
    expect((await checkAssessment(store, again.change)).current).toBe(true);
    expect((await store.listAudit({ target: change.id, limit: 1 }))[0]?.summary).toMatch(/^assessed again: risk \w+ \([\d.]+\), was \w+ \([\d.]+\); its decisions are cleared$/);
  });

  it('stays current through decisions on others, and goes out of date when a change it collides with is cancelled or the calendar changes', async () => {
    const carol = { actor: 'oidc:carol', clientAddress: '127.0.0.1', requestId: 'req-c', teams: [], mayApprove: true };
    const [first, second] = [await requestChange(store, nodeDown('node-1'), alice), await requestChange(store, nodeDown('node-2'), alice)];
    await transitionChange(store, first.change.id, { to: 'submitted', comment: '' }, 1, alice, settings);
    const other = await transitionChange(store, second.change.id, { to: 'submitted', comment: '' }, 1, alice, settings);
    const mine = await reassessChange(store, first.change.id, undefined, alice, settings);
    expect(mine.change.assessment).toMatchObject({ conflicts: [second.change.id], collisions: [second.change.id] });
    const approved = await decideOnChange(store, second.change.id, { decision: 'approved', override: true, comment: 'fine' }, other.version, carol);
    expect(await checkAssessment(store, mine.change)).toEqual({ current: true, reasons: [] });
    await store.saveCalendarEntry({ kind: 'freeze', id: 'svc-freeze', name: 'Launch week', start: '2037-12-07T00:00:00Z', end: '2037-12-14T00:00:00Z', services: ['svc'] },
      { actor: carol.actor, clientAddress: carol.clientAddress, requestId: carol.requestId, action: 'calendar.save', target: 'calendar' });
    await transitionChange(store, second.change.id, { to: 'cancelled', comment: 'not needed' }, approved.version, alice, settings);
    expect((await checkAssessment(store, mine.change)).reasons).toEqual([
      `changes it conflicted or collided with are no longer to be done: ${second.change.id} (cancelled)`,
      'the calendar changed since it was assessed: its window now overlaps the freeze "Launch week" (2037-12-07T00:00:00Z to 2037-12-14T00:00:00Z)',
    ]);
  });

  it('stays current when part of its window falls outside a maintenance window (a share the risk factor rounds)', async () => {
    // svc's window opens at 22:00 for 20 minutes on Thursdays; the change's runs 22:00-23:00: two thirds outside.
    await store.saveCalendarEntry({ kind: 'maintenance', id: 'svc-thursdays', name: 'Thursdays', service: 'svc', days: ['thu'], start: '22:00', durationMinutes: 20, timeZone: 'UTC' },
      { actor: alice.actor, clientAddress: alice.clientAddress, requestId: alice.requestId, action: 'calendar.save', target: 'calendar' });
    const { change } = await requestChange(store, nodeDown('node-1'), alice);
    const submitted = await transitionChange(store, change.id, { to: 'submitted', comment: '' }, 1, alice, settings);
    expect(submitted.change.assessment!.risk.factors.find((f) => f.name === 'outsideMaintenance')?.value).toBe(0.67);
    expect(await checkAssessment(store, submitted.change)).toEqual({ current: true, reasons: [] });
  });

  it('counts a freeze over an impacted service against the window', async () => {
    await store.saveCalendarEntry({ kind: 'freeze', id: 'svc-freeze', name: 'Launch week', start: '2037-12-07T00:00:00Z', end: '2037-12-14T00:00:00Z', services: ['svc'] },
      { actor: alice.actor, clientAddress: alice.clientAddress, requestId: alice.requestId, action: 'calendar.save', target: 'calendar' });
    const { change } = await requestChange(store, nodeDown('node-1'), alice);
    const factor = (await assessChange(store, change, settings)).risk.factors.find((f) => f.name === 'outsideMaintenance');
    expect(factor).toMatchObject({ value: 1, points: 10, explanation: 'overlaps the freeze "Launch week" (2037-12-07T00:00:00Z to 2037-12-14T00:00:00Z)' });
  });
});
