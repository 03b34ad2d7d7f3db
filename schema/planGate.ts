import { z } from 'zod';
import type { ChangeRecord, ChangeTarget } from './changes.ts';
import type { ImportWarning } from './imports.ts';
import type { ImpactedService, ImpactReport } from './impact.ts';
import type { PlannedChange } from './proposals.ts';

/**
 * The Terraform plan gate: a plan's resource changes read as change targets,
 * their impact, and whether it may be applied (issue 14: `trellis plan-impact`,
 * `POST /api/v1/plan-impact`).
 */

/** Impacted states a threshold may name, worst first. */
export const thresholdStates = ['down', 'degraded', 'at_risk'] as const;

/** Criticalities of services: 1 is the most critical (schema/ciTypes.ts). */
const criticalityMax = 4;

/**
 * `--fail-on state[:criticality]`: the gate closes when a service is left at
 * least this bad and is at least this critical (`down:2`: a service of
 * criticality 1 or 2 goes down). Without a criticality, any service counts.
 */
export const impactThresholdSchema = z
  .string()
  .regex(/^(down|degraded|at_risk)(:[1-4])?$/, { error: (issue) => thresholdProblem(String(issue.input)) })
  .transform((text): ImpactThreshold => {
    const [state, criticality] = text.split(':');
    return { state: state as ImpactThreshold['state'], ...(criticality ? { criticality: Number(criticality) } : {}) };
  })
  .meta({ description: '`state[:criticality]`, e.g. `down:2`: the gate closes when a service of criticality 1 or 2 goes down. States: down, degraded, at_risk; criticality 1 (most critical) to 4; without one, any service counts.' });

/** Which part of a threshold is wrong, in words. */
function thresholdProblem(text: string): string {
  const [state, ...criticality] = text.split(':');
  const example = 'e.g. down:2';
  if (!thresholdStates.includes(state as ImpactThreshold['state'])) return `"${state}" is not an impact state: use state:criticality with a state of ${thresholdStates.join(', ')}, ${example}`;
  return `"${criticality.join(':')}" is not a criticality: use 1 (most critical) to ${criticalityMax}, ${example}`;
}

export interface ImpactThreshold {
  state: (typeof thresholdStates)[number];
  /** Services of this criticality or a more critical one (a smaller number); absent: every service. */
  criticality?: number;
}

/**
 * What the gate says: `clear` (no threshold, or nothing reaches it), `covered`
 * (it is reached, and an approved change covers it now), `blocked` (reached, not covered).
 */
export const planVerdicts = ['clear', 'covered', 'blocked'] as const;
export type PlanVerdict = (typeof planVerdicts)[number];

/** A resource change of the plan that affects a CI while it is applied. */
export interface PlanTargetChange extends Pick<PlannedChange, 'address' | 'previousAddress' | 'action' | 'ciId'> {
  effect: ChangeTarget['effect'];
}

/** The gate's answer for one plan. */
export interface PlanImpactReport {
  /** The plan's file name, or the proposal's. */
  file: string;
  /** The stored proposal assessed, when it came from one. */
  proposal?: string;
  /** The instant the gate looked for a covering change at. */
  at: string;
  /** How many resource changes of each action the plan has. */
  actions: Record<PlannedChange['action'], number>;
  /** Deletions, replacements and updates, each with the CI it touches when Trellis knows it. */
  changes: PlanTargetChange[];
  /** The CIs those touch, each once with its worst effect. */
  targets: ChangeTarget[];
  /** Addresses of changes with an effect on a resource that is no CI of the graph: not assessed. */
  unknown: string[];
  impact: ImpactReport;
  threshold?: ImpactThreshold;
  /** Impacted services that reach the threshold. */
  reached: ImpactedService[];
  /** The approved, scheduled or in-progress change whose window and targets cover the plan. */
  coveredBy?: string;
  verdict: PlanVerdict;
  /** Resource changes the plan reader could not read (they are not assessed). */
  warnings: ImportWarning[];
  /** The draft change created from the plan, when asked for. */
  change?: ChangeRecord;
}
