import type { ImpactReport } from '../../schema/impact.ts';
import type { ImportWarning } from '../../schema/imports.ts';
import { limits } from '../../schema/limits.ts';
import type { ImpactThreshold, PlanImpactReport, PlanVerdict } from '../../schema/planGate.ts';
import type { PlannedChange } from '../../schema/proposals.ts';
import type { AuditContext } from '../audit/auditDraft.ts';
import { LimitExceededError } from '../errors.ts';
import { assessImpact, type AnalysisSettings } from '../impact/assessImpact.ts';
import { resolvePlannedCIs } from '../imports/resolvePlannedCIs.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { findCoveringChange } from './coveringChange.ts';
import { planChangeRequest, type PlanWindow } from './planChangeRequest.ts';
import { requestChange } from './requestChange.ts';
import { servicesReaching, targetsOfPlan } from './planTargets.ts';

/** What the gate judges: a plan's changes, a threshold, and whether to ask for a change. */
export interface PlanGateRequest {
  plan: { file: string; changes: readonly PlannedChange[]; warnings: readonly ImportWarning[]; proposal?: string };
  threshold?: ImpactThreshold | undefined;
  /** The instant a covering change must hold in its window (default: now). */
  at?: Date | undefined;
  /** Ask for a draft change from the plan, unless one already covers it. */
  createChange?: { by: AuditContext; window: PlanWindow; title?: string | undefined } | undefined;
}

/**
 * The Terraform plan gate: maps the plan's resource changes to the CIs they
 * touch, assesses their impact, and says whether the impact reaches the
 * threshold without an authorized change that covers it. Reads only, unless
 * asked to create a draft change from the plan (audited as any request).
 */
export async function gatePlan(store: GraphStore, request: PlanGateRequest, settings: AnalysisSettings, now = new Date()): Promise<PlanImpactReport> {
  const at = request.at ?? now;
  const { changes, targets, unknown } = targetsOfPlan(await resolvePlannedCIs(store, request.plan.changes));
  if (targets.length > limits.impactTargetsMax) {
    throw new LimitExceededError(`the plan touches ${targets.length} known CIs, more than the ${limits.impactTargetsMax} one assessment takes: split the plan (terraform plan -target)`, limits.impactTargetsMax);
  }
  const impact = targets.length ? await assessImpact(store, { targets, onLimit: 'truncate' }, settings) : noImpact();
  const reached = request.threshold ? servicesReaching(impact.services, request.threshold) : [];
  const covering = await findCoveringChange(store, targets, at);
  const verdict: PlanVerdict = reached.length === 0 ? 'clear' : covering ? 'covered' : 'blocked';
  const ask = request.createChange;
  const created = ask && targets.length && !covering
    ? await requestChange(store, planChangeRequest({ file: request.plan.file, changes, targets }, { title: ask.title, window: ask.window, now }), ask.by, now)
    : undefined;
  return {
    file: request.plan.file,
    ...(request.plan.proposal ? { proposal: request.plan.proposal } : {}),
    at: at.toISOString(),
    actions: actionCounts(request.plan.changes),
    changes, targets, unknown, impact,
    ...(request.threshold ? { threshold: request.threshold } : {}),
    reached,
    ...(covering ? { coveredBy: covering.id } : {}),
    verdict,
    warnings: [...request.plan.warnings],
    ...(created ? { change: created.change } : {}),
  };
}

function actionCounts(changes: readonly PlannedChange[]): PlanImpactReport['actions'] {
  const counts: PlanImpactReport['actions'] = { create: 0, update: 0, delete: 0, replace: 0, 'no-op': 0, read: 0, move: 0 };
  for (const change of changes) counts[change.action] += 1;
  return counts;
}

/** The report of a plan that touches no known CI. */
function noImpact(): ImpactReport {
  return { targets: [], impacted: [], services: [], notify: [], suppliers: [], contracts: [], counts: { impacted: 0, down: 0, degraded: 0, at_risk: 0, services: 0 }, truncated: false };
}
