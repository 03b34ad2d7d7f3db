import { RelianceKind } from '../../schema/relianceGraph.ts';

/**
 * Impact states as small integers ordered from best to worst, so "worst of" is
 * `Math.max` (impact-semantics.md: down > degraded > at_risk > ok).
 */
export const State = { ok: 0, at_risk: 1, degraded: 2, down: 3 } as const;

/** A state code. */
export type StateCode = (typeof State)[keyof typeof State];

/** Names of impacted states, as the API prints them. */
export type ImpactState = 'down' | 'degraded' | 'at_risk';

const names = ['ok', 'at_risk', 'degraded', 'down'] as const;

/** The name of a state code. */
export function stateName(code: number): ImpactState | 'ok' {
  return names[code]!;
}

/** What a relied-on CI in state `s` contributes through a relationship of `kind` (the propagation table). */
export function contribution(kind: number, s: number): number {
  if (kind === RelianceKind.soft) return s >= State.degraded ? State.degraded : State.ok;
  return s;
}

/**
 * A redundancy group's state (rules 0-3) from counts over its members: whether
 * any member is affected, how many are down, whether any member that is not
 * down is degraded. `total` counts every member of the group in the estate.
 */
export function groupState(affected: boolean, down: number, degraded: boolean, total: number, minHealthy: number): number {
  if (!affected) return State.ok;
  if (total - down < Math.max(1, minHealthy)) return State.down;
  return degraded ? State.degraded : State.at_risk;
}
