import type { RiskFactorName } from '../../schema/changeRisk.ts';
import { openChangeStates, type ChangeApprover, type ChangeAssessment, type ChangeRecord, type ChangeTarget } from '../../schema/changes.ts';
import type { ImpactReport } from '../../schema/impact.ts';
import { limits } from '../../schema/limits.ts';
import { assessImpact, type AnalysisSettings } from '../impact/assessImpact.ts';
import { changeNumberOf } from '../store/ChangeLedger.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { moveChange, outcomeOf } from './changeLifecycle.ts';
import { requireTargets, requireTemplate } from './requestChange.ts';
import { scoreRisk } from './scoreRisk.ts';
import { approveByTemplate, requireTargetsWithin } from './standardChange.ts';
import { windowFit } from './windowFit.ts';

/** What assessing a change needs from the operator's configuration. */
export interface AssessmentSettings {
  analysis: AnalysisSettings;
  riskWeights: Readonly<Record<RiskFactorName, number>>;
}

/** Most overlapping open changes analysed for conflicts and collisions (each costs two impact analyses). */
const collisionChecksMax = 20;

/**
 * Assesses a change against the graph and the other changes as they are now:
 * its impact (kept as a snapshot), the open changes it conflicts or collides
 * with, the failed or rolled-back changes on its targets before, and the risk
 * those make.
 */
export async function assessChange(store: GraphStore, change: ChangeRecord, settings: AssessmentSettings, now = new Date()): Promise<ChangeAssessment> {
  const { seq } = await store.readScopeMarks([]);
  const impact = await impactOf(store, change.targets, settings);
  const ids = [...new Set([...change.targets.map((t) => t.id), ...impact.impacted.map((i) => i.id)])];
  const impactedIds = ids.slice(0, limits.changeImpactIdsMax);

  const overlapping = (await store.listChanges({ states: openChangeStates, from: change.window.start, until: change.window.end, limit: limits.pageSizeMax }))
    .map((stored) => stored.change)
    .filter((other) => other.id !== change.id);
  const reach = new Set(ids);
  const conflicts: string[] = [];
  const collisions: string[] = [];
  for (const [n, other] of overlapping.entries()) {
    // The first ones are analysed now; past the bound, or if another's targets cannot be analysed
    // (one was withdrawn since it was requested), their kept assessment (or their targets) tell.
    const otherAlone = n < collisionChecksMax ? await impactOf(store, other.targets, settings).catch(() => undefined) : undefined;
    const otherReach = otherAlone ? [...other.targets.map((t) => t.id), ...otherAlone.impacted.map((i) => i.id)] : (other.assessment?.impactedIds ?? other.targets.map((t) => t.id));
    if (!otherReach.some((id) => reach.has(id))) continue;
    conflicts.push(other.id);
    // Only changes whose reaches meet can collide: a CI reached by one alone fares as that one leaves it.
    if (otherAlone && (await collide(store, change, impact, other, otherAlone, settings))) collisions.push(other.id);
  }
  const pastFailures = await failedBefore(store, change);

  const concerned = [...change.targets.map((t) => t.id), ...impact.services.map((s) => s.id)];
  const risk = scoreRisk({
    change, impact, at: now.toISOString(), conflicts: { conflicts, collisions }, pastFailures, weights: settings.riskWeights,
    outsideMaintenance: windowFit(change.window, concerned, await store.listCalendarEntries()),
  });
  const { services, notify, contracts, suppliers, counts, truncated } = impact;
  return {
    at: now.toISOString(), historySeq: seq, impact: { services, notify, contracts, suppliers, counts, truncated },
    impactedIds, ...(ids.length > impactedIds.length ? { impactedIdsCapped: true as const } : {}), conflicts, collisions, risk,
    approvers: approversOf(impact),
  };
}

/** Criticalities whose services' owners must approve a change that impacts them. */
const approvalCriticalityMax = 2;

/** The owning teams of the impacted services of criticality 1-2, each with those services. */
export function approversOf(impact: Pick<ImpactReport, 'services' | 'notify'>): ChangeApprover[] {
  const critical = new Set(impact.services.filter((s) => s.criticality !== undefined && s.criticality <= approvalCriticalityMax).map((s) => s.id));
  return impact.notify
    .map((team) => ({ team: team.id, name: team.name, services: team.because.filter((b) => b.relationship === 'OWNED_BY' && critical.has(b.ci)).map((b) => b.ci) }))
    .filter((approver) => approver.services.length > 0);
}

/** The actor of the moves Trellis makes itself (the assessment on submit). */
export const assessorActor = 'trellis';

/**
 * A change just moved to `submitted`, assessed and moved on to `assessed` with
 * its assessment, and the words its audit entry adds.
 */
export async function assessSubmitted(store: GraphStore, submitted: ChangeRecord, settings: AssessmentSettings, now: Date): Promise<{ change: ChangeRecord; summary: string }> {
  const assessment = await assessChange(store, submitted, settings, now);
  const { risk } = assessment;
  const at = now.toISOString();
  const assessed = { ...moveChange(submitted, 'assessed', { by: assessorActor, at, comment: `risk ${risk.class.replace('_', ' ')} (${risk.score})` }), assessment };
  const summary = `assessed: risk ${risk.class} (${risk.score})`;
  if (submitted.type !== 'standard') return { change: assessed, summary };
  // A standard change is approved by its template, or refused as standard: the template and its targets may have changed since the request.
  const template = await requireTemplate(store, submitted.template!);
  requireTargetsWithin(submitted, template, await requireTargets(store, submitted));
  return { change: approveByTemplate(assessed, template, at, assessorActor), summary: `${summary}; approved by standard template ${template.id}` };
}

function impactOf(store: GraphStore, targets: readonly ChangeTarget[], settings: AssessmentSettings): Promise<ImpactReport> {
  return assessImpact(store, { targets: [...targets], onLimit: 'truncate' }, settings.analysis);
}

/** Severity of a CI's state, to compare: ok < at risk < degraded < down. */
const severity = { at_risk: 1, degraded: 2, down: 3 } as const;

/**
 * True when doing both changes at once leaves some CI worse off than either
 * alone would (two changes each taking down one member of a redundant pair:
 * each leaves it at risk, both take it down).
 */
async function collide(store: GraphStore, change: ChangeRecord, alone: ImpactReport, other: ChangeRecord, otherAlone: ImpactReport, settings: AssessmentSettings): Promise<boolean> {
  const targets = unionOf(change.targets, other.targets);
  if (targets.length > limits.impactTargetsMax) return false;
  const together = await impactOf(store, targets, settings);
  const worst = new Map<string, number>();
  for (const ci of [...alone.impacted, ...otherAlone.impacted]) worst.set(ci.id, Math.max(worst.get(ci.id) ?? 0, severity[ci.state]));
  return together.impacted.some((ci) => severity[ci.state] > (worst.get(ci.id) ?? 0));
}

/** The targets of both changes, each CI once with the worse of its effects. */
function unionOf(first: readonly ChangeTarget[], second: readonly ChangeTarget[]): ChangeTarget[] {
  const byId = new Map<string, ChangeTarget>();
  for (const target of [...first, ...second]) {
    const known = byId.get(target.id);
    byId.set(target.id, known?.effect === 'down' ? known : target);
  }
  return [...byId.values()];
}

/** Changes that targeted any of this change's targets and failed or were rolled back (closed since or not), oldest first. */
async function failedBefore(store: GraphStore, change: ChangeRecord): Promise<string[]> {
  const found = new Set<string>();
  for (const target of change.targets.slice(0, limits.pageSizeMax)) {
    for (const { change: before } of await store.listChanges({ target: target.id, states: ['failed', 'rolled_back', 'closed'], limit: limits.pageSizeMax })) {
      const outcome = outcomeOf(before);
      if (before.id !== change.id && (outcome === 'failed' || outcome === 'rolled_back')) found.add(before.id);
    }
  }
  return [...found].sort((a, b) => changeNumberOf(a) - changeNumberOf(b));
}
