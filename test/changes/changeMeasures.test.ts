import { describe, expect, it } from 'vitest';
import type { ChangeRecord, ChangeState, ChangeType } from '../../schema/changes.ts';
import type { IncidentRecord } from '../../schema/incidents.ts';
import { changeConcerns, measureChanges } from '../../server/changes/changeMeasures.ts';
import { buildChange } from '../builders.ts';

const period = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

/** A change submitted at `submitted` whose work ended as `outcome` at `endedAt`. */
function change(id: string, outcome: ChangeState, submitted: string, endedAt: string, type: ChangeType = 'normal', services: string[] = []): ChangeRecord {
  return buildChange({
    id, type, state: outcome,
    transitions: [
      { from: 'draft', to: 'submitted', by: 'alice', at: submitted, comment: '' },
      { from: 'scheduled', to: 'in_progress', by: 'ops', at: endedAt, comment: '' },
      { from: 'in_progress', to: outcome, by: 'ops', at: endedAt, comment: '' },
    ],
    assessment: { impact: { services: services.map((id) => ({ id })), notify: [] } } as unknown as ChangeRecord['assessment'],
  });
}

function incident(id: string, openedAt: string, resolvedAt: string | undefined, suspects: string[] = []): IncidentRecord {
  return {
    id, title: id, description: '', affected: ['db'], impact: 2, urgency: 2, priority: 3, state: resolvedAt ? 'resolved' : 'open', openedAt, openedBy: 'ops',
    ...(resolvedAt ? { resolvedAt, resolvedBy: 'ops', resolution: 'restarted' } : {}), services: ['checkout'], teams: ['team-db'],
    suspectedChanges: suspects.map((c) => ({ change: c, implementedAt: openedAt, via: ['db'] })), updatedAt: openedAt,
  };
}

describe('change measures', () => {
  const changes = [
    change('CHG-1', 'implemented', '2026-11-02T10:00:00.000Z', '2026-11-04T10:00:00.000Z'), // lead time 48 h
    change('CHG-2', 'implemented', '2026-11-10T10:00:00.000Z', '2026-11-11T10:00:00.000Z'), // 24 h, then an incident
    change('CHG-3', 'failed', '2026-11-12T10:00:00.000Z', '2026-11-12T22:00:00.000Z', 'emergency'), // 12 h
    change('CHG-4', 'rolled_back', '2026-11-20T10:00:00.000Z', '2026-11-21T10:00:00.000Z'), // 24 h
    change('CHG-5', 'implemented', '2026-10-01T10:00:00.000Z', '2026-10-02T10:00:00.000Z'), // ended before the period: not counted
  ];
  const incidents = [
    incident('INC-1', '2026-11-11T12:00:00.000Z', '2026-11-11T15:00:00.000Z', ['CHG-2']), // 3 h
    incident('INC-2', '2026-10-31T23:00:00.000Z', '2026-11-01T00:00:00.000Z'), // opened before, resolved in the period: 1 h
    incident('INC-3', '2026-11-30T12:00:00.000Z', undefined), // still open
  ];

  it('counts the changes whose work ended in the period, by outcome, and those an incident followed', () => {
    expect(measureChanges(changes, incidents, period)).toMatchObject({ changes: 4, implemented: 2, failed: 1, rolledBack: 1, followedByIncident: 1, emergency: 1 });
  });

  it('gives the success rate (implemented over ended), the failure rate (failed, rolled back or followed by an incident) and the emergency share', () => {
    expect(measureChanges(changes, incidents, period)).toMatchObject({ successRate: 0.5, failureRate: 0.75, emergencyShare: 0.25 });
  });

  it('gives the mean lead time from submitted to the end of the work, in hours', () => {
    expect(measureChanges(changes, incidents, period).meanLeadTimeHours).toBe(27);
  });

  it('gives the mean time to restore over incidents resolved in the period, and counts those opened', () => {
    expect(measureChanges(changes, incidents, period)).toMatchObject({ incidentsOpened: 2, incidentsResolved: 2, meanTimeToRestoreHours: 2 });
  });

  it('says nothing rather than 0 when nothing was measured', () => {
    expect(measureChanges([], [], period)).toMatchObject({ changes: 0, successRate: null, failureRate: null, emergencyShare: null, meanLeadTimeHours: null, meanTimeToRestoreHours: null });
  });

  it('counts a change against a service it targets or impacts', () => {
    const checkout = change('CHG-6', 'implemented', '2026-11-02T10:00:00.000Z', '2026-11-03T10:00:00.000Z', 'normal', ['checkout']);
    expect(changeConcerns(checkout, { service: 'checkout' })).toBe(true);
    expect(changeConcerns(checkout, { service: 'search' })).toBe(false);
    expect(changeConcerns(buildChange({ targets: [{ id: 'search', effect: 'down' }] }), { service: 'search' })).toBe(true);
  });
});
