import type { ImportWarning } from '../../schema/imports.ts';
import type { PlannedChange, PlanProposal } from '../../schema/proposals.ts';
import { InvalidError } from '../../server/errors.ts';
import { parseJsonDocument } from '../shared/parseJsonDocument.ts';
import { parseArn, azureKey, gcpKey } from '../shared/cloudIdentity.ts';
import { resourceRules } from '../shared/resourceRules.ts';
import { isObject } from './readStateInstances.ts';

/**
 * A plan as `terraform show -json` writes it, reduced to the proposed action on
 * each resource. It never becomes graph data: the change-management side turns
 * proposals into impact. Attribute values are left out (they may be secrets);
 * only the names of the attributes an update changes are kept.
 */
export function parseTerraformPlan(text: string, file: string): Omit<PlanProposal, 'id' | 'createdAt' | 'actor'> {
  const plan = parseJsonDocument(text, file, 'a Terraform plan');
  if (!Array.isArray(plan.resource_changes) && !isObject(plan.planned_values)) {
    throw new InvalidError([{ file, message: 'not a Terraform plan: no resource_changes (expected the output of `terraform show -json <planfile>`)' }]);
  }
  const warnings: ImportWarning[] = [];
  const changes: PlannedChange[] = [];
  (Array.isArray(plan.resource_changes) ? plan.resource_changes : []).forEach((entry: unknown, i: number) => {
    const place = `resource_changes[${i}]`;
    if (!isObject(entry) || typeof entry.address !== 'string' || !isObject(entry.change) || !Array.isArray(entry.change.actions)) {
      warnings.push({ code: 'malformed', file, place, message: 'a resource change needs an address and change.actions' });
      return;
    }
    const action = actionOf(entry.change.actions as unknown[], typeof entry.previous_address === 'string');
    if (!action) {
      warnings.push({ code: 'malformed', file, place: `${place} ${entry.address}`, message: `unknown actions ${JSON.stringify(entry.change.actions)}` });
      return;
    }
    const before = isObject(entry.change.before) ? entry.change.before : undefined;
    const after = isObject(entry.change.after) ? entry.change.after : undefined;
    changes.push({
      address: entry.address,
      ...(typeof entry.previous_address === 'string' ? { previousAddress: entry.previous_address } : {}),
      type: String(entry.type ?? ''),
      mode: entry.mode === 'data' ? 'data' : 'managed',
      ...action,
      ...(typeof entry.action_reason === 'string' ? { reason: entry.action_reason } : {}),
      ...(before ? keyOf(String(entry.type ?? ''), before) : {}),
      ...(action.action === 'update' && before && after ? { changedAttributes: changedNames(before, after, entry.change.after_unknown) } : {}),
    });
  });
  return {
    file,
    ...(typeof plan.terraform_version === 'string' ? { terraformVersion: plan.terraform_version } : {}),
    ...(typeof plan.format_version === 'string' ? { formatVersion: plan.format_version } : {}),
    changes,
    drift: Array.isArray(plan.resource_drift) ? plan.resource_drift.length : 0,
    warnings,
  };
}

/** Terraform's action lists, named: replacements say which half comes first. */
function actionOf(actions: unknown[], moved: boolean): Pick<PlannedChange, 'action' | 'replaceOrder'> | undefined {
  const text = actions.join(',');
  switch (text) {
    case 'create': return { action: 'create' };
    case 'update': return { action: 'update' };
    case 'delete': return { action: 'delete' };
    case 'read': return { action: 'read' };
    case 'no-op': return { action: moved ? 'move' : 'no-op' };
    case 'delete,create': return { action: 'replace', replaceOrder: 'delete-first' };
    case 'create,delete': return { action: 'replace', replaceOrder: 'create-first' };
    default: return undefined;
  }
}

/** The identity key of the resource as it is now, so the proposal can name the CI it touches. */
function keyOf(type: string, before: Record<string, unknown>): { ciKey?: string } {
  if (parseArn(before.arn)) return { ciKey: before.arn as string };
  if (typeof before.id === 'string') {
    const azure = azureKey(before.id);
    if (azure) return { ciKey: azure };
  }
  const link = typeof before.self_link === 'string' ? gcpKey(before.self_link) : undefined;
  if (link) return { ciKey: link };
  const built = resourceRules[type]?.key?.(before);
  return built ? { ciKey: built } : {};
}

/** Top-level attributes whose value differs, or becomes known only after apply. */
function changedNames(before: Record<string, unknown>, after: Record<string, unknown>, unknown: unknown): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const pending = isObject(unknown) ? unknown : {};
  return [...names].filter((name) => pending[name] === true || JSON.stringify(before[name]) !== JSON.stringify(after[name])).sort();
}
