import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { requestChange } from '../../server/changes/requestChange.ts';
import { reviseChange } from '../../server/changes/reviseChange.ts';
import { decideOnChange } from '../../server/changes/decideOnChange.ts';
import { transitionChange } from '../../server/changes/transitionChange.ts';
import { moveTo } from './moveTo.ts';
import { defaultRiskWeights } from '../../schema/changeRisk.ts';
import { ConflictError, InvalidError, NotFoundError, PreconditionFailedError } from '../../server/errors.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';
import { testWriter, topologies } from '../builders.ts';
import { storesClosedAfterAll } from '../support/storesClosedAfterAll.ts';

//  web ──► api ──► db   (the diamond topology: the change targets db)
/** Alice requests changes; Bob is a change manager. */
const alice = { actor: 'oidc:alice', clientAddress: '127.0.0.1', requestId: 'req-a', mayApprove: false };
const bob = { actor: 'oidc:bob', clientAddress: '127.0.0.2', requestId: 'req-b', mayApprove: true };
const settings = { analysis: { maxCIs: 10_000 }, riskWeights: defaultRiskWeights };
const request = {
  title: 'Patch the database', type: 'normal', targets: [{ id: 'db', effect: 'down' }],
  window: { start: '2037-12-10T22:00:00Z', end: '2037-12-10T23:00:00Z' }, rollbackPlan: 'restore the snapshot',
};

describe('change records through their use cases', () => {
  let store: GraphStore;
  const open = storesClosedAfterAll(async () => new EmbeddedGraphStore({ dataDir: mkdtempSync(join(tmpdir(), 'trellis-changes-')) }));
  beforeEach(async () => {
    store = await open();
    await store.applyBatch(topologies.diamond(), testWriter);
  });

  it('records a draft for the signed-in requester, whatever the body says', async () => {
    const { change, version } = await requestChange(store, request, alice, new Date('2037-12-01T09:00:00Z'));
    expect(change).toMatchObject({ id: 'CHG-1', state: 'draft', requester: 'oidc:alice', createdAt: '2037-12-01T09:00:00.000Z', window: { timeZone: 'UTC' } });
    expect(version).toBe(1);
    await expect(requestChange(store, { ...request, requester: 'someone-else' }, alice)).rejects.toThrow(InvalidError);
  });

  it('refuses targets that are not CIs of the graph, naming them', async () => {
    const refused = requestChange(store, { ...request, targets: [{ id: 'db', effect: 'down' }, { id: 'ghost', effect: 'degraded' }] }, alice);
    await expect(refused).rejects.toThrow(NotFoundError);
    await expect(refused).rejects.toThrow('no CI has the id "ghost"');
    expect(await store.listChanges({ limit: 10 })).toEqual([]);
  });

  it('moves a change at the version its mover read, and refuses a mover who read an older one', async () => {
    const { change } = await requestChange(store, request, alice);
    const submitted = await transitionChange(store, change.id, { to: 'submitted', comment: 'ready' }, 1, alice, settings);
    // Submitted, then assessed at once by Trellis: web (criticality 1) goes down with db, and there is no lead time.
    const at = submitted.change.updatedAt;
    expect(submitted.change.transitions).toEqual([
      { from: 'draft', to: 'submitted', by: 'oidc:alice', at, comment: 'ready' },
      { from: 'submitted', to: 'assessed', by: 'trellis', at, comment: `risk ${submitted.change.assessment!.risk.class.replace('_', ' ')} (${submitted.change.assessment!.risk.score})` },
    ]);
    expect(submitted.change.assessment?.impact.services.map((s) => `${s.id} ${s.state}`)).toEqual(['web down', 'api down']);
    await expect(transitionChange(store, change.id, { to: 'cancelled', comment: 'no' }, 1, bob, settings)).rejects.toThrow(PreconditionFailedError);
    await expect(transitionChange(store, change.id, { to: 'closed', comment: '' }, 2, bob, settings)).rejects.toThrow('CHG-1 is assessed: it can move to approved, rejected or cancelled, not to closed');
    const audit = await store.listAudit({ target: change.id, limit: 10 });
    expect(audit.map((entry) => `${entry.actor} ${entry.action} ${entry.summary}`)).toEqual([
      `oidc:alice change.move draft → submitted: ready; assessed: risk ${submitted.change.assessment!.risk.class} (${submitted.change.assessment!.risk.score})`,
      'oidc:alice change.create normal change "Patch the database" on 1 CI(s)',
    ]);
  });

  it('sends an edited approved change back to assessment, and refuses to edit one in progress', async () => {
    const { change } = await requestChange(store, request, alice);
    let version = 1;
    for (const to of ['submitted', 'approved'] as const) version = (await moveTo(store, change.id, to, version, bob, settings, 'low risk')).version;
    const edited = await reviseChange(store, change.id, { ...request, title: 'Patch the database and its replica' }, version, alice, settings);
    expect(edited.change).toMatchObject({ state: 'assessed', title: 'Patch the database and its replica' });
    expect(edited.change.transitions.slice(-2).map((t) => `${t.from}>${t.to} by ${t.by}`)).toEqual(['approved>submitted by oidc:alice', 'submitted>assessed by trellis']);
    expect((await store.listAudit({ target: change.id, limit: 1 }))[0]?.summary).toMatch(/^edited; back from approved to assessment; assessed: risk /);
    version = edited.version;
    for (const to of ['approved', 'scheduled', 'in_progress'] as const) version = (await moveTo(store, change.id, to, version, bob, settings, 'still low risk')).version;
    await expect(reviseChange(store, change.id, request, version, alice, settings)).rejects.toThrow(ConflictError);
  });

  it('takes approval and rejection only as decisions, and nobody decides on their own change', async () => {
    const { change } = await requestChange(store, request, bob);
    const version = (await transitionChange(store, change.id, { to: 'submitted', comment: '' }, undefined, bob, settings)).version;
    await expect(transitionChange(store, change.id, { to: 'approved', comment: 'fine by me' }, version, bob, settings)).rejects.toThrow('approval and rejection of CHG-1 come from the decisions of its approvers, not from a move');
    const decide = (who: typeof bob, decision: 'approved' | 'rejected', comment: string) => decideOnChange(store, change.id, { decision, override: false, comment }, version, { ...who, teams: [] });
    await expect(decide(alice, 'approved', 'fine by me')).rejects.toThrow('takes the approve permission');
    await expect(decide(bob, 'approved', 'fine by me')).rejects.toThrow('nobody decides on their own change: CHG-1 was requested by oidc:bob');
    const carol = { ...bob, actor: 'oidc:carol' };
    await expect(decideOnChange(store, change.id, { decision: 'rejected', comment: '  ' }, version, { ...carol, teams: [] })).rejects.toThrow(InvalidError);
    const rejected = await decide(carol, 'rejected', 'no rollback tested');
    expect(rejected.change.transitions.at(-1)).toMatchObject({ to: 'rejected', by: 'oidc:carol', comment: 'no rollback tested' });
    expect((await store.listAudit({ target: change.id, limit: 1 }))[0]?.summary).toBe('rejected as change manager: no rollback tested; CHG-1 is rejected');
  });
});
