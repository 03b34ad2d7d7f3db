import type { PlanImpactReport } from '../../schema/planGate.ts';
import { formatImpactReport } from './formatAnalysis.ts';

/** The plan gate's report for a person: what the plan touches, its impact, and the verdict last. */
export function formatPlanImpact(report: PlanImpactReport): string {
  const actions = Object.entries(report.actions).filter(([, n]) => n > 0).map(([action, n]) => `${n} ${action}`);
  const lines = [`Terraform plan ${report.file}${report.proposal ? ` (proposal ${report.proposal})` : ''}: ${actions.join(', ') || 'no resource change'}`, ''];
  lines.push(report.changes.length ? 'Changes that affect what exists:' : 'Nothing that exists is deleted, replaced or updated.');
  for (const change of report.changes) {
    const moved = change.previousAddress ? ` (moved from ${change.previousAddress})` : '';
    lines.push(`  ${change.action.padEnd(8)} ${change.effect.padEnd(9)} ${change.address}${moved}  ${change.ciId ? `→ ${change.ciId}` : '(no CI of the graph: not assessed)'}`);
  }
  for (const warning of report.warnings) lines.push(`  NOT READ  ${warning.place ?? ''}: ${warning.message}`);
  if (report.targets.length) lines.push('', formatImpactReport(report.impact));
  lines.push('', verdictLine(report));
  if (report.change) {
    const { change } = report;
    lines.push(`Requested ${change.id} (${change.state}, ${change.type}): "${change.title}", window ${change.window.start} → ${change.window.end} (${change.window.timeZone}); submit it for assessment and approval.`);
  }
  return lines.join('\n');
}

function verdictLine(report: PlanImpactReport): string {
  const threshold = report.threshold ? `${report.threshold.state}${report.threshold.criticality ? `:${report.threshold.criticality}` : ''}` : undefined;
  const reached = report.reached.map((s) => `${s.id} (${s.state.replace('_', ' ')}, crit ${s.criticality ?? '?'})`).join(', ');
  const covered = report.coveredBy ? `; ${report.coveredBy} covers it at ${report.at}` : '';
  if (report.verdict === 'clear') return threshold ? `CLEAR: nothing reaches --fail-on ${threshold}${covered}.` : `No --fail-on threshold: report only${covered}.`;
  if (report.verdict === 'covered') return `COVERED: --fail-on ${threshold} is reached by ${reached}, and approved change ${report.coveredBy} covers it at ${report.at}.`;
  return `BLOCKED: --fail-on ${threshold} is reached by ${reached}, and no approved, scheduled or in-progress change covers every target at ${report.at}.`;
}
