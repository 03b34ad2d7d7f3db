import type { ChangeEffect, ChangeTarget } from '../../schema/changes.ts';
import type { ImpactedService } from '../../schema/impact.ts';
import type { ImpactThreshold, PlanTargetChange } from '../../schema/planGate.ts';
import type { PlannedChange } from '../../schema/proposals.ts';
import { State } from '../analysis/states.ts';

/**
 * What applying each Terraform action does to the resource meanwhile: a
 * deletion or replacement takes it down, an update degrades it; a creation
 * touches nothing that exists, and no-ops, reads and pure moves change nothing.
 */
export const effectOfAction: Readonly<Record<PlannedChange['action'], ChangeEffect | undefined>> = {
  delete: 'down', replace: 'down', update: 'degraded', create: undefined, 'no-op': undefined, read: undefined, move: undefined,
};

/** A plan's resource changes read as change targets. */
export interface PlanTargets {
  /** The changes with an effect, each with its CI when Trellis knows it. */
  changes: PlanTargetChange[];
  /** Each CI once, with the worst effect any of its changes has. */
  targets: ChangeTarget[];
  /** Addresses of changes with an effect on no known CI. */
  unknown: string[];
}

/** The targets of resolved planned changes (resolvePlannedCIs gives each its CI). */
export function targetsOfPlan(planned: readonly PlannedChange[]): PlanTargets {
  const changes: PlanTargetChange[] = [];
  const byId = new Map<string, ChangeTarget>();
  for (const change of planned) {
    const effect = change.mode === 'data' ? undefined : effectOfAction[change.action];
    if (!effect) continue;
    const { address, previousAddress, action, ciId } = change;
    changes.push({ address, ...(previousAddress ? { previousAddress } : {}), action, ...(ciId ? { ciId } : {}), effect });
    if (ciId && byId.get(ciId)?.effect !== 'down') byId.set(ciId, { id: ciId, effect });
  }
  return { changes, targets: [...byId.values()], unknown: changes.filter((c) => !c.ciId).map((c) => c.address) };
}

/** The impacted services at least as bad as the threshold's state and at least as critical as its criticality. */
export function servicesReaching(services: readonly ImpactedService[], threshold: ImpactThreshold): ImpactedService[] {
  return services.filter((service) => State[service.state] >= State[threshold.state]
    && (threshold.criticality === undefined || (service.criticality !== undefined && service.criticality <= threshold.criticality)));
}
