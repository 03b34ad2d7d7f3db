import { describe, expect, it } from 'vitest';
import { defaultRiskWeights } from '../../schema/changeRisk.ts';
import type { ImpactedService } from '../../schema/impact.ts';
import { scoreRisk, type RiskInput } from '../../server/changes/scoreRisk.ts';
import { buildChange } from '../builders.ts';

const checkout: ImpactedService = { id: 'svc-checkout', type: 'Service', name: 'Checkout', state: 'down', depth: 2, path: ['db', 'api', 'svc-checkout'], criticality: 1 };
const quiet: RiskInput = {
  change: buildChange({ type: 'standard', rollbackTested: true }),
  impact: { services: [], notify: [] },
  at: '2026-12-01T09:00:00.000Z',
  outsideMaintenance: { share: 0, explanation: 'inside the maintenance windows' },
  conflicts: { conflicts: [], collisions: [] },
  pastFailures: [],
  weights: defaultRiskWeights,
};

describe('the risk of a change', () => {
  it('is low for a tested standard change that impacts nothing, well ahead, with nothing in its way', () => {
    const risk = scoreRisk(quiet);
    expect(risk).toMatchObject({ score: 0, class: 'low' });
    expect(risk.factors.map((f) => f.name)).toEqual(Object.keys(defaultRiskWeights));
  });

  it('is very high for an untested emergency taking a tier-1 service down within hours, colliding with another change', () => {
    const risk = scoreRisk({
      ...quiet,
      change: buildChange({ type: 'emergency', rollbackPlan: '', window: { start: '2026-12-01T11:00:00Z', end: '2026-12-01T12:00:00Z', timeZone: 'UTC' } }),
      impact: { services: [checkout], notify: [{ id: 'team-payments', name: 'Payments', because: [] }] },
      outsideMaintenance: { share: 1, explanation: 'inside the year-end freeze' },
      conflicts: { conflicts: [], collisions: ['CHG-4'] },
      pastFailures: ['CHG-2', 'CHG-3'],
    });
    expect(risk.class).toBe('very_high');
    expect(risk.score).toBeGreaterThanOrEqual(90);
    const explained = Object.fromEntries(risk.factors.map((f) => [f.name, `${f.value}×${f.weight}=${f.points}: ${f.explanation}`]));
    expect(explained).toMatchObject({
      worstServiceImpact: '1×30=30: Checkout (criticality 1) would be down',
      changeType: '1×10=10: an emergency change',
      rollback: '1×15=15: no rollback plan',
      leadTime: '1×10=10: 2 h before the window starts',
      conflicts: '1×10=10: collides with CHG-4',
      pastFailures: '1×5=5: failed or rolled back before on the same CIs: CHG-2, CHG-3',
    });
  });

  it('weighs a degraded service of lower criticality less than a down tier-1 one, and follows the configured weights', () => {
    const degraded = { ...checkout, state: 'degraded' as const, criticality: 3 };
    const low = scoreRisk({ ...quiet, impact: { services: [degraded], notify: [] } });
    const high = scoreRisk({ ...quiet, impact: { services: [checkout], notify: [] } });
    expect(low.factors[0]).toMatchObject({ value: 0.3, points: 9 });
    expect(high.factors[0]).toMatchObject({ value: 1, points: 30 });
    const heavier = scoreRisk({ ...quiet, impact: { services: [checkout], notify: [] }, weights: { ...defaultRiskWeights, worstServiceImpact: 60 } });
    // The score stays out of 100: (60 + 1.5 for breadth) points of 130 weights.
    expect([high.score, heavier.score]).toEqual([31.5, 47.3]);
  });

  it('says a long lead time in days', () => {
    // The built change's window opens on 2026-12-10 at 22:00, 9 days and 13 hours after `at`.
    expect(scoreRisk(quiet).factors.find((f) => f.name === 'leadTime')).toMatchObject({ value: 0, explanation: '9 days before the window starts' });
  });
});
