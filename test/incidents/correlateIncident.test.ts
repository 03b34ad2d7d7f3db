import { describe, expect, it } from 'vitest';
import type { ChangeRecord, ChangeState } from '../../schema/changes.ts';
import { implementedAtOf, suspectChanges } from '../../server/incidents/correlateIncident.ts';
import { buildChange } from '../builders.ts';

/** A change on `targets` (with `impacted` as its assessed impact set) whose work ended as `outcome` at `at`. */
function ended(id: string, at: string, targets: string[], impacted: string[] = [], outcome: ChangeState = 'implemented'): ChangeRecord {
  return buildChange({
    id, state: outcome, targets: targets.map((target) => ({ id: target, effect: 'down' })),
    transitions: [{ from: 'scheduled', to: 'in_progress', by: 'ops', at: '2026-12-01T21:00:00.000Z', comment: '' }, { from: 'in_progress', to: outcome, by: 'ops', at, comment: '' }],
    assessment: { impactedIds: [...targets, ...impacted] } as ChangeRecord['assessment'],
  });
}

//  checkout ──► api ──► db   (CHG-1 patched db; its impact set holds api and checkout)
describe('change-incident correlation', () => {
  const patchDb = ended('CHG-1', '2026-12-01T22:00:00.000Z', ['db'], ['api', 'checkout']);

  it('flags a change implemented within the window before the incident, on a CI of its impact set, naming the CIs', () => {
    expect(suspectChanges({ affected: ['checkout', 'cdn'], openedAt: '2026-12-02T09:00:00.000Z' }, [patchDb], 24))
      .toEqual([{ change: 'CHG-1', implementedAt: '2026-12-01T22:00:00.000Z', via: ['checkout'] }]);
  });

  it('does not flag a change implemented after the incident opened, or longer ago than the window', () => {
    expect(suspectChanges({ affected: ['checkout'], openedAt: '2026-12-01T21:59:00.000Z' }, [patchDb], 24)).toEqual([]);
    expect(suspectChanges({ affected: ['checkout'], openedAt: '2026-12-02T22:00:01.000Z' }, [patchDb], 24)).toEqual([]);
    expect(suspectChanges({ affected: ['checkout'], openedAt: '2026-12-02T22:00:01.000Z' }, [patchDb], 48)).toHaveLength(1);
  });

  it('does not flag a change whose impact set holds none of the affected CIs', () => {
    expect(suspectChanges({ affected: ['cdn'], openedAt: '2026-12-02T09:00:00.000Z' }, [patchDb], 24)).toEqual([]);
  });

  it('flags failed and rolled-back changes too (their work was done), newest first, and never one not carried out', () => {
    const failed = ended('CHG-2', '2026-12-02T01:00:00.000Z', ['api'], [], 'rolled_back');
    const planned = buildChange({ id: 'CHG-3', state: 'scheduled', targets: [{ id: 'checkout', effect: 'down' }] });
    expect(implementedAtOf(planned)).toBeUndefined();
    expect(suspectChanges({ affected: ['api'], openedAt: '2026-12-02T09:00:00.000Z' }, [patchDb, failed, planned], 24).map((s) => s.change)).toEqual(['CHG-2', 'CHG-1']);
  });
});
