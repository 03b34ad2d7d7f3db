import { riskClassOf, type RiskAssessment, type RiskFactor, type RiskFactorName } from '../../schema/changeRisk.ts';
import type { ChangeRecord } from '../../schema/changes.ts';
import type { ImpactReport } from '../../schema/impact.ts';
import type { WindowFit } from './windowFit.ts';

/** What the risk of a change is computed from, besides the change itself. */
export interface RiskInput {
  change: ChangeRecord;
  impact: Pick<ImpactReport, 'services' | 'notify'>;
  /** When the change is assessed (lead time runs from here to the window's start). */
  at: string;
  /** How much of the window lies outside the maintenance windows of impacted services or inside a freeze (windowFit). */
  outsideMaintenance: WindowFit;
  /** Open changes that conflict or collide with this one. */
  conflicts: { conflicts: string[]; collisions: string[] };
  /** Failed or rolled-back changes on the same CIs before. */
  pastFailures: string[];
  weights: Readonly<Record<RiskFactorName, number>>;
}

/** How bad a state is for a service, and how much its criticality counts (1 is most critical). */
const stateWeight = { down: 1, degraded: 0.6, at_risk: 0.3 } as const;
const criticalityWeight = (criticality: number | undefined) => (criticality === undefined ? 0.5 : ([1, 0.75, 0.5, 0.25][criticality - 1] ?? 0.1));

/**
 * The risk of a change from explainable factors (schema/changeRisk.ts), each
 * with its value, weight and a sentence saying what it saw. Pure: the caller
 * gathers the impact, the calendar, conflicts and history.
 */
export function scoreRisk(input: RiskInput): RiskAssessment {
  const { change, impact } = input;
  const factor = (name: RiskFactorName, value: number, explanation: string): RiskFactor => {
    const weight = input.weights[name];
    const bounded = Math.min(1, Math.max(0, value));
    return { name, value: round(bounded, 100), weight, points: round(bounded * weight, 10), explanation };
  };

  const worst = impact.services.reduce<{ value: number; service?: (typeof impact.services)[number] }>((top, service) => {
    const value = stateWeight[service.state] * criticalityWeight(service.criticality);
    return value > top.value ? { value, service } : top;
  }, { value: 0 });
  const teams = impact.notify.length;
  const breadth = Math.log10(1 + impact.services.length + teams) / 2;
  const leadHours = (Date.parse(change.window.start) - Date.parse(input.at)) / 3_600_000;
  const { conflicts, collisions } = input.conflicts;

  const factors = [
    factor('worstServiceImpact', worst.value, worst.service
      ? `${worst.service.name} (criticality ${worst.service.criticality ?? 'unknown'}) would be ${worst.service.state.replace('_', ' ')}`
      : 'no service would be impacted'),
    factor('breadth', breadth, `${impact.services.length} impacted service(s) and ${teams} team(s) to notify`),
    factor('changeType', { standard: 0, normal: 0.3, emergency: 1 }[change.type], `${change.type === 'emergency' ? 'an' : 'a'} ${change.type} change`),
    factor('rollback', !change.rollbackPlan.trim() ? 1 : change.rollbackTested ? 0 : 0.5,
      !change.rollbackPlan.trim() ? 'no rollback plan' : change.rollbackTested ? 'a rollback plan, tested' : 'a rollback plan, not tested'),
    factor('leadTime', leadHours < 0 ? 1 : leadHours < 24 ? 1 : leadHours < 72 ? 0.5 : 0,
      leadHours < 0 ? 'the window has started already' : `${leadHours < 72 ? `${Math.floor(leadHours)} h` : `${Math.floor(leadHours / 24)} days`} before the window starts`),
    factor('outsideMaintenance', input.outsideMaintenance.share, input.outsideMaintenance.explanation),
    factor('conflicts', collisions.length ? 1 : conflicts.length ? 0.5 : 0,
      collisions.length || conflicts.length ? [...collisions.map((id) => `collides with ${id}`), ...conflicts.map((id) => `conflicts with ${id}`)].join(', ') : 'no conflicting or colliding change'),
    factor('pastFailures', Math.min(1, input.pastFailures.length / 2),
      input.pastFailures.length ? `failed or rolled back before on the same CIs: ${input.pastFailures.join(', ')}` : 'no failed or rolled-back change on these CIs'),
  ];
  // Out of 100 whatever the configured weights add up to (the defaults add up to 100).
  const totalWeight = factors.reduce((sum, f) => sum + f.weight, 0);
  const score = totalWeight === 0 ? 0 : round((100 * factors.reduce((sum, f) => sum + f.points, 0)) / totalWeight, 10);
  return { score, class: riskClassOf(score), factors };
}

function round(value: number, per: number): number {
  return Math.round(value * per) / per;
}
