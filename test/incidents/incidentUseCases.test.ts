import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultRiskWeights } from '../../schema/changeRisk.ts';
import { requestChange } from '../../server/changes/requestChange.ts';
import { ConflictError, InvalidError, NotFoundError } from '../../server/errors.ts';
import { traceUpstream } from '../../server/impact/traceUpstream.ts';
import { openIncident } from '../../server/incidents/openIncident.ts';
import { resolveIncident } from '../../server/incidents/resolveIncident.ts';
import { EmbeddedGraphStore } from '../../server/store/embedded/EmbeddedGraphStore.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';
import { testWriter, topologies } from '../builders.ts';
import { moveTo } from '../changes/moveTo.ts';
import { storesClosedAfterAll } from '../support/storesClosedAfterAll.ts';

//  web (criticality 1) ──► api (criticality 2) ──► db
//   └────► cache ◄─┘ (soft from api)
const ops = { actor: 'oidc:olga', clientAddress: '127.0.0.1', requestId: 'req-o' };
const cm = { ...ops, actor: 'oidc:carl', mayApprove: true };
const settings = { analysis: { maxCIs: 10_000 }, riskWeights: defaultRiskWeights, correlationHours: 24 };

/** Requests a change on `target` and takes it to `implemented` now. */
async function implementChange(store: GraphStore, target: string): Promise<string> {
  const { change } = await requestChange(store, { title: `Patch ${target}`, type: 'normal', targets: [{ id: target, effect: 'down' }], window: { start: '2037-12-10T22:00:00Z', end: '2037-12-10T23:00:00Z' } }, ops);
  let version = 1;
  for (const to of ['submitted', 'approved', 'scheduled', 'in_progress', 'implemented'] as const) version = (await moveTo(store, change.id, to, version, cm, settings)).version;
  return change.id;
}

describe('incidents through their use cases', () => {
  let store: GraphStore;
  const open = storesClosedAfterAll(async () => new EmbeddedGraphStore({ dataDir: mkdtempSync(join(tmpdir(), 'trellis-incidents-')) }));
  beforeEach(async () => {
    store = await open();
    await store.applyBatch(topologies.diamond(), testWriter);
  });

  it('takes the impact from the services the affected CIs take down, and the priority from impact and urgency', async () => {
    const { incident } = await openIncident(store, { title: 'Checkout errors', affected: ['db'], urgency: 2 }, ops, settings);
    // db down takes api (criticality 2) and web (criticality 1) down: impact 1, urgency 2, priority 2.
    expect(incident).toMatchObject({ id: 'INC-1', state: 'open', services: ['web', 'api'], impact: 1, urgency: 2, priority: 2, openedBy: 'oidc:olga', suspectedChanges: [] });
    const given = await openIncident(store, { title: 'Slow cache', affected: ['cache'], impact: 3, urgency: 3 }, ops, settings);
    expect(given.incident).toMatchObject({ impact: 3, urgency: 3, priority: 5 });
    expect((await store.listAudit({ target: 'INC-1', limit: 5 })).map((entry) => `${entry.action} ${entry.summary}`)).toEqual(['incident.open P2 "Checkout errors" on 1 CI(s)']);
  });

  it('flags the change implemented shortly before on its impact set as a possible cause, seen from both records', async () => {
    const changeId = await implementChange(store, 'db');
    const { incident } = await openIncident(store, { title: 'Web down', affected: ['web'], urgency: 1 }, ops, settings);
    expect(incident.suspectedChanges).toEqual([{ change: changeId, implementedAt: expect.any(String), via: ['web'] }]);
    expect((await store.listIncidents({ change: changeId, limit: 10 })).map((stored) => stored.incident.id)).toEqual([incident.id]);
    // An incident on a CI outside the change's impact set is not laid at its door.
    const elsewhere = await openIncident(store, { title: 'Cache evictions', affected: ['cache'], urgency: 3 }, ops, settings);
    expect(elsewhere.incident.suspectedChanges).toEqual([]);
  });

  it('ranks upstream what a change record changed, then what has an open incident, before the nearer', async () => {
    const changeId = await implementChange(store, 'db');
    await openIncident(store, { title: 'Cache evictions', affected: ['cache'], urgency: 3 }, ops, settings);
    const report = await traceUpstream(store, { symptoms: ['web'] }, settings.analysis);
    expect(report.candidates.map((c) => c.id)).toEqual(['db', 'cache', 'api']);
    expect(report.candidates[0]!.reasons).toContain(`changed by ${changeId}`);
    expect(report.candidates[1]!.reasons).toContain('open incident INC-1');
    expect(report.unavailableSignals).toEqual([]);
  });

  it('resolves an open incident once, not before it opened nor in the future', async () => {
    const { incident } = await openIncident(store, { title: 'Web down', affected: ['web'], urgency: 1, openedAt: '2026-12-01T10:00:00Z' }, ops, settings, new Date('2026-12-01T10:05:00Z'));
    const now = new Date('2026-12-01T12:00:00Z');
    await expect(resolveIncident(store, incident.id, { resolution: 'restarted', resolvedAt: '2026-12-01T09:00:00Z' }, 1, ops, now)).rejects.toThrow('INC-1 opened at 2026-12-01T10:00:00.000Z: it cannot be resolved before');
    await expect(resolveIncident(store, incident.id, { resolution: 'restarted', resolvedAt: '2026-12-01T13:00:00Z' }, 1, ops, now)).rejects.toThrow(InvalidError);
    const resolved = await resolveIncident(store, incident.id, { resolution: 'restarted the pods', resolvedAt: '2026-12-01T11:30:00Z' }, 1, ops, now);
    expect(resolved).toMatchObject({ version: 2, incident: { state: 'resolved', resolvedAt: '2026-12-01T11:30:00.000Z', resolvedBy: 'oidc:olga', resolution: 'restarted the pods' } });
    expect((await store.listAudit({ target: incident.id, limit: 1 }))[0]?.summary).toBe('restored after 1.5 h: restarted the pods');
    await expect(resolveIncident(store, incident.id, { resolution: 'again' }, undefined, ops, now)).rejects.toThrow(ConflictError);
  });

  it('refuses an incident on CIs that do not exist, linked to a change that does not, or opened in the future, writing nothing', async () => {
    await expect(openIncident(store, { title: 'x', affected: ['web', 'ghost'], urgency: 1 }, ops, settings)).rejects.toThrow('no CI has the id "ghost"');
    await expect(openIncident(store, { title: 'x', affected: ['web'], urgency: 1, change: 'CHG-9' }, ops, settings)).rejects.toThrow(NotFoundError);
    await expect(openIncident(store, { title: 'x', affected: ['web'], urgency: 1, openedAt: '2030-01-01T00:00:00Z' }, ops, settings, new Date('2026-12-01T00:00:00Z'))).rejects.toThrow('openedAt: 2030-01-01T00:00:00Z is in the future');
    await expect(openIncident(store, { title: 'x', affected: ['web'], urgency: 4 }, ops, settings)).rejects.toThrow(InvalidError);
    expect(await store.listIncidents({ limit: 10 })).toEqual([]);
  });
});
