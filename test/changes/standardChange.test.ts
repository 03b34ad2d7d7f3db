import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultRiskWeights, riskClasses } from '../../schema/changeRisk.ts';
import { changeTemplateSchema, type ChangeTemplate } from '../../schema/changeTemplates.ts';
import { assessChange } from '../../server/changes/assessChange.ts';
import { decideOnChange } from '../../server/changes/decideOnChange.ts';
import { requestChange } from '../../server/changes/requestChange.ts';
import { reviseChange } from '../../server/changes/reviseChange.ts';
import { transitionChange } from '../../server/changes/transitionChange.ts';
import { ConflictError, InvalidError, NotFoundError } from '../../server/errors.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';
import { buildCI, testWriter, topologies } from '../builders.ts';
import { storesClosedAfterAll } from '../support/storesClosedAfterAll.ts';

//  svc ──► pool ══► node-1, node-2, node-3 (2 of 3 must be healthy) ; pool ──► k8s (cluster)
const alice = { actor: 'oidc:alice', clientAddress: '127.0.0.1', requestId: 'req-a' };
const bob = { ...alice, actor: 'oidc:bob', teams: [], mayApprove: true };
const settings = { analysis: { maxCIs: 10_000 }, riskWeights: defaultRiskWeights };
const window = { start: '2037-12-10T22:00:00Z', end: '2037-12-10T23:00:00Z' };
const reboot = (node: string, effect = 'down', template = 'reboot-node') => ({
  title: `Reboot ${node}`, type: 'standard', template, targets: [{ id: node, effect }], window, rollbackPlan: 'boot the old kernel', rollbackTested: true,
});
const rebootTemplate = (overrides: Partial<ChangeTemplate> = {}): ChangeTemplate =>
  changeTemplateSchema.parse({ id: 'reboot-node', name: 'Reboot a pool node', targets: ['node-1', 'node-2', 'node-3'], effects: ['down'], maxRisk: 'very_high', ...overrides });
const templateAudit = { ...alice, action: 'template.save' as const, target: 'template:reboot-node' };

describe('standard changes and their templates', () => {
  let store: GraphStore;
  const open = storesClosedAfterAll(async () => new EmbeddedGraphStore({ dataDir: mkdtempSync(join(tmpdir(), 'trellis-standard-')) }));
  beforeEach(async () => {
    store = await open();
    await store.applyBatch(topologies.pool(), testWriter);
  });

  it('are approved on submit by the template they stay within, which Trellis records as the approver', async () => {
    await store.saveChangeTemplate(rebootTemplate(), templateAudit);
    const { change } = await requestChange(store, reboot('node-1'), alice);
    const submitted = await transitionChange(store, change.id, { to: 'submitted', comment: 'monthly patching' }, 1, alice, settings);
    expect(submitted.change.state).toBe('approved');
    expect(submitted.change.transitions.map((t) => `${t.from}>${t.to} by ${t.by}`)).toEqual(['draft>submitted by oidc:alice', 'submitted>assessed by trellis', 'assessed>approved by trellis']);
    expect(submitted.change.approvals).toEqual([expect.objectContaining({ decision: 'approved', template: 'reboot-node', by: 'trellis' })]);
    expect(submitted.change.approvals![0]!.comment).toMatch(/^pre-approved by standard template "Reboot a pool node" \(reboot-node\): risk [a-z ]+ \(\d+(\.\d+)?\), within very high$/);
    // Nobody decides on it: the template did.
    await expect(decideOnChange(store, change.id, { decision: 'rejected', override: false, comment: 'no' }, submitted.version, bob)).rejects.toThrow(ConflictError);
  });

  it('are refused as standard, with nothing written, when the assessment goes beyond the template\'s risk', async () => {
    // Restarting the service itself (criticality 1) with no rollback plan: its risk is above low.
    await store.saveChangeTemplate(rebootTemplate({ targets: ['svc'] }), templateAudit);
    const { change, version } = await requestChange(store, { ...reboot('svc'), rollbackPlan: '', rollbackTested: false }, alice);
    // What its risk is, assessed as it would be; the template then allows one class less.

    const risk = (await assessChange(store, change, settings)).risk;
    expect(risk.class).not.toBe('low');
    const below = riskClasses[riskClasses.indexOf(risk.class) - 1]!;
    await store.saveChangeTemplate(rebootTemplate({ targets: ['svc'], maxRisk: below }), templateAudit);
    const refused = transitionChange(store, change.id, { to: 'submitted', comment: '' }, version, alice, settings);
    await expect(refused).rejects.toThrow(ConflictError);
    await expect(refused).rejects.toThrow(`${change.id} is outside standard template "reboot-node": its risk is ${risk.class.replace('_', ' ')} (${risk.score}), and the template allows at most ${below.replace('_', ' ')}. Request it as a normal change, or within the template`);
    expect(await store.findChange(change.id)).toMatchObject({ version: 1, change: { state: 'draft' } });
  });

  it('may only target what the template allows, and do only what it allows', async () => {
    await store.saveChangeTemplate(rebootTemplate(), templateAudit);
    await expect(requestChange(store, reboot('k8s'), alice)).rejects.toThrow('k8s (Component, cluster) is not among the CIs or types it allows');
    await expect(requestChange(store, reboot('node-1', 'degraded'), alice)).rejects.toThrow('it may make its targets down, not degraded (node-1)');
    // By type and kind instead of by name.
    await store.saveChangeTemplate(rebootTemplate({ targets: undefined, ciTypes: ['Component'], kinds: ['cluster'] }), templateAudit);
    await expect(requestChange(store, reboot('k8s'), alice)).resolves.toMatchObject({ change: { state: 'draft', template: 'reboot-node' } });
    await expect(requestChange(store, reboot('node-1'), alice)).rejects.toThrow('node-1 (Component) is not among the CIs or types it allows');
    expect((await store.listChanges({ limit: 10 })).map((stored) => stored.change.targets[0]!.id)).toEqual(['k8s']);
  });

  it('name a recorded template, and cannot be submitted once it is removed', async () => {
    await expect(requestChange(store, reboot('node-1', 'down', 'no-such-template'), alice)).rejects.toThrow(NotFoundError);
    await store.saveChangeTemplate(rebootTemplate(), templateAudit);
    const { change } = await requestChange(store, reboot('node-1'), alice);
    expect(await store.deleteChangeTemplate('reboot-node', { ...templateAudit, action: 'template.delete' })).toBe(true);
    await expect(transitionChange(store, change.id, { to: 'submitted', comment: '' }, 1, alice, settings)).rejects.toThrow('no standard-change template has the id "reboot-node"');
  });

  it('are approved again by their template when an approved one is edited within it', async () => {
    await store.saveChangeTemplate(rebootTemplate(), templateAudit);
    const { change } = await requestChange(store, reboot('node-1'), alice);
    const approved = await transitionChange(store, change.id, { to: 'submitted', comment: '' }, 1, alice, settings);
    const edited = await reviseChange(store, change.id, reboot('node-2'), approved.version, alice, settings);
    expect(edited.change).toMatchObject({ state: 'approved', targets: [{ id: 'node-2' }] });
    expect(edited.change.transitions.slice(-3).map((t) => `${t.from}>${t.to}`)).toEqual(['approved>submitted', 'submitted>assessed', 'assessed>approved']);
    await expect(reviseChange(store, change.id, reboot('k8s'), edited.version, alice, settings)).rejects.toThrow(ConflictError);
  });

  it('are, like every change, planned for a window still to come', async () => {
    await store.applyBatch({ upsertCIs: [buildCI('node-4')] }, testWriter);
    const past = { title: 'Reboot node-4', type: 'normal', targets: [{ id: 'node-4', effect: 'down' }], window: { start: '2026-11-01T22:00:00Z', end: '2026-11-01T23:00:00Z' } };
    const refused = requestChange(store, past, alice, new Date('2026-12-07T12:00:00Z'));
    await expect(refused).rejects.toThrow(InvalidError);
    await expect(refused).rejects.toThrow('window.end: the window ended at 2026-11-01T23:00:00Z: a change is planned for a window still to come');
    expect(await store.listChanges({ limit: 10 })).toEqual([]);
  });
});
