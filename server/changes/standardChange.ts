import { riskClasses } from '../../schema/changeRisk.ts';
import type { ChangeTemplate } from '../../schema/changeTemplates.ts';
import type { ChangeRecord, ChangeTarget } from '../../schema/changes.ts';
import type { ConfigItem } from '../../schema/configItem.ts';
import { ConflictError } from '../errors.ts';
import { moveChange } from './changeLifecycle.ts';

/**
 * Standard changes as pure rules: a standard change may only do what its
 * pre-approved template allows, to the CIs it allows, and is approved by the
 * template once its assessment stays within the template's risk.
 */

/** One sentence per target the template does not allow; none when all are within it. */
export function targetsOutsideTemplate(template: ChangeTemplate, targets: readonly ChangeTarget[], cis: ReadonlyMap<string, ConfigItem>): string[] {
  const outside: string[] = [];
  for (const target of targets) {
    const ci = cis.get(target.id);
    if (!template.effects.includes(target.effect)) outside.push(`it may make its targets ${template.effects.join(' or ')}, not ${target.effect} (${target.id})`);
    if (!ci || !allowsCI(template, ci)) outside.push(`${target.id}${ci ? ` (${describe(ci)})` : ''} is not among the CIs or types it allows`);
  }
  return outside;
}

/** ConflictError naming every rule of `template` that `change`'s targets break. */
export function requireTargetsWithin(change: Pick<ChangeRecord, 'targets'> & { id?: string }, template: ChangeTemplate, cis: ReadonlyMap<string, ConfigItem>): void {
  const outside = targetsOutsideTemplate(template, change.targets, cis);
  if (outside.length) throw outsideTemplate(change.id, template, outside.join('; '));
}

/**
 * An assessed standard change, approved by its template (Trellis records the
 * approval, naming the template); ConflictError when its risk exceeds what the
 * template allows, so nothing is written and it can be requested as normal.
 */
export function approveByTemplate(assessed: ChangeRecord, template: ChangeTemplate, at: string, actor: string): ChangeRecord {
  const risk = assessed.assessment!.risk;
  if (riskClasses.indexOf(risk.class) > riskClasses.indexOf(template.maxRisk)) {
    throw outsideTemplate(assessed.id, template, `its risk is ${spoken(risk.class)} (${risk.score}), and the template allows at most ${spoken(template.maxRisk)}`);
  }
  const comment = `pre-approved by standard template "${template.name}" (${template.id}): risk ${spoken(risk.class)} (${risk.score}), within ${spoken(template.maxRisk)}`;
  const approved = { ...assessed, approvals: [{ decision: 'approved' as const, template: template.id, by: actor, at, comment }] };
  return moveChange(approved, 'approved', { by: actor, at, comment });
}

function allowsCI(template: ChangeTemplate, ci: ConfigItem): boolean {
  if (template.targets?.includes(ci.id)) return true;
  if (!template.ciTypes?.includes(ci.type)) return false;
  return ci.type !== 'Component' || template.kinds === undefined || template.kinds.includes(ci.attributes.kind as never);
}

function describe(ci: ConfigItem): string {
  return typeof ci.attributes.kind === 'string' ? `${ci.type}, ${ci.attributes.kind}` : ci.type;
}

function spoken(riskClass: string): string {
  return riskClass.replace('_', ' ');
}

function outsideTemplate(id: string | undefined, template: ChangeTemplate, why: string): ConflictError {
  return new ConflictError(`${id ?? 'this change'} is outside standard template "${template.id}": ${why}. Request it as a normal change, or within the template`);
}
