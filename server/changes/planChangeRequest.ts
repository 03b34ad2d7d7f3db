import type { z } from 'zod';
import type { changeRequestSchema, ChangeTarget } from '../../schema/changes.ts';
import { limits } from '../../schema/limits.ts';
import type { PlanTargetChange } from '../../schema/planGate.ts';

/** When a change made from a plan is carried out, unless the requester says. */
export interface PlanWindow {
  start?: string | undefined;
  end?: string | undefined;
}

const hourMs = 3_600_000;

/**
 * The window of a change made from a plan: as given; one end alone gives an
 * hour from or to it; neither gives the next whole hour (UTC), for an hour.
 */
export function planWindowOf(window: PlanWindow, now: Date): { start: string; end: string; timeZone: string } {
  const at = (ms: number) => new Date(ms).toISOString();
  if (window.start && window.end) return { start: window.start, end: window.end, timeZone: 'UTC' };
  if (window.start) return { start: window.start, end: at(Date.parse(window.start) + hourMs), timeZone: 'UTC' };
  if (window.end) return { start: at(Date.parse(window.end) - hourMs), end: window.end, timeZone: 'UTC' };
  const nextHour = Math.floor(now.getTime() / hourMs) * hourMs + hourMs;
  return { start: at(nextHour), end: at(nextHour + hourMs), timeZone: 'UTC' };
}

/** The change request that asks to apply a plan: a normal change on the plan's targets, listing its resource changes. */
export function planChangeRequest(plan: { file: string; changes: readonly PlanTargetChange[]; targets: readonly ChangeTarget[] }, options: { title?: string | undefined; window: PlanWindow; now: Date }): z.input<typeof changeRequestSchema> {
  const lines = plan.changes.map((c) => `- ${c.address}: ${c.action} (${c.effect})${c.ciId ? ` on ${c.ciId}` : ', no known CI'}`);
  const head = `Terraform plan ${plan.file}: ${plan.changes.length} resource change(s) with an effect on ${plan.targets.length} CI(s).`;
  return {
    title: (options.title ?? `Apply Terraform plan ${plan.file}`).slice(0, 200),
    description: fitted([head, '', ...lines], limits.changeTextMaxLength),
    type: 'normal',
    targets: [...plan.targets],
    window: planWindowOf(options.window, options.now),
    implementationPlan: `terraform apply of the reviewed plan ${plan.file}.`.slice(0, limits.changeTextMaxLength),
  };
}

/** Lines joined, as many as fit, saying how many were left out. */
function fitted(lines: readonly string[], maxLength: number): string {
  const reserve = 40;
  let length = 0;
  let kept = 0;
  while (kept < lines.length && length + lines[kept]!.length + 1 <= maxLength - reserve) length += lines[kept++]!.length + 1;
  return kept === lines.length ? lines.join('\n') : `${lines.slice(0, kept).join('\n')}\n(and ${lines.length - kept} more)`;
}
