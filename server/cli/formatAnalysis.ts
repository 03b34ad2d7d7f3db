import type { ImpactReport, UpstreamReport } from '../../schema/impact.ts';

/** Human-readable reports of the impact and upstream analyses; `--json` bypasses these. */

const label = { down: 'DOWN', degraded: 'DEGRADED', at_risk: 'AT RISK' } as const;

/** The change manager's report: services first with state, criticality and why; then who and what is involved. */
export function formatImpactReport(report: ImpactReport): string {
  const targets = report.targets.map((t) => `${t.id} (${t.effect})`).join(', ');
  const lines = [`Impact of: ${targets}`, ''];
  lines.push(report.services.length ? `Services impacted (${report.services.length}):` : 'No service is impacted.');
  for (const s of report.services) {
    const criticality = s.criticality ? `crit ${s.criticality}` : 'crit ?';
    lines.push(`  ${label[s.state].padEnd(9)} ${criticality}  ${s.id}  ${s.name}`, `            via ${s.path.join(' > ')}`);
  }
  if (report.notify.length) {
    lines.push('', 'Teams to notify:');
    for (const team of report.notify) {
      const why = team.because.map((b) => `${b.relationship === 'OWNED_BY' ? 'owns' : 'supports'} ${b.ci}`).join(', ');
      lines.push(`  ${team.id}  ${team.name}  (${why})`);
    }
  }
  if (report.contracts.length) {
    lines.push('', 'Contracts involved:');
    for (const c of report.contracts) {
      const details = [c.kind, c.end && `ends ${c.end}`, c.suppliers.length && `with ${c.suppliers.join(', ')}`].filter(Boolean).join(', ');
      lines.push(`  ${c.id}  ${c.name}${details ? ` (${details})` : ''}; covers ${c.covers.join(', ')}`);
    }
  }
  if (report.suppliers.length) {
    lines.push('', 'Suppliers involved:');
    for (const s of report.suppliers) {
      const why = [s.contracts.length && `contracts ${s.contracts.join(', ')}`, s.supports.length && `supports ${s.supports.join(', ')}`].filter(Boolean).join('; ');
      lines.push(`  ${s.id}  ${s.name}  (${why})`);
    }
  }
  const { counts } = report;
  lines.push('', `${counts.impacted} CIs impacted: ${counts.down} down, ${counts.degraded} degraded, ${counts.at_risk} at risk; ${counts.services} services.`);
  if (report.truncated) lines.push('NOTE: the analysis stopped at its size limit; the answer is partial.');
  return lines.join('\n');
}

/** The incident responder's report: likely causes first, then everything relied on. */
export function formatUpstreamReport(report: UpstreamReport): string {
  const lines = [`Upstream of: ${report.symptoms.join(', ')}  (changes looked for since ${report.since})`, ''];
  lines.push(report.candidates.length ? 'Likely causes:' : 'The symptomatic CIs rely on nothing recorded.');
  for (const c of report.candidates) lines.push(`  ${String(c.rank).padStart(2)}. ${c.id}  ${c.name}`, `      ${c.reasons.join('; ')}`);
  if (report.dependencies.length) {
    lines.push('', `Relied on (${report.dependencies.length}):`);
    for (const d of report.dependencies) lines.push(`  depth ${d.depth}  ${d.id}  ${d.name}  (by ${d.reliedOnBy.join(', ')})`);
  }
  const missing = report.unavailableSignals.length ? `; not yet available: ${report.unavailableSignals.join(', ')}` : '';
  lines.push('', `Ranking used: ${report.signals.join(', ')}${missing}.`);
  if (report.truncated) lines.push('NOTE: the analysis stopped at its size limit; the answer is partial.');
  return lines.join('\n');
}
