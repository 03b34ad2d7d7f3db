import { Link } from 'react-router';
import type { ChangeRecord } from '../../../schema/changes.ts';
import { CriticalityBadge, StateBadge } from '../../components/Badges.tsx';
import { readableQuery } from '../../graph/searchParams.ts';
import { impactViewToParams } from '../../graph/viewState.ts';

/** The impact kept with the assessment: counts, the services it reaches, who to notify; the impact view draws it. */
export function ImpactPanel({ change }: { change: ChangeRecord }) {
  const impact = change.assessment?.impact;
  const href = `/impact?${readableQuery(impactViewToParams({ targets: change.targets }))}`;
  return (
    <section className="panel" aria-labelledby="impact-title">
      <header><h2 id="impact-title">Impact</h2><Link to={href}>Open its impact map</Link></header>
      <div className="body stack">
        {!impact ? <p className="muted">Assessed on submit. Until then, the impact map shows what its targets would take with them.</p> : <>
          <p>
            {impact.counts.impacted} CIs impacted ({impact.counts.down} down, {impact.counts.degraded} degraded, {impact.counts.at_risk} at risk), {impact.counts.services} services.
            {impact.truncated && ' The analysis stopped at its size limit.'}
          </p>
          {impact.services.length > 0 && (
            <table className="data">
              <thead><tr><th>Service</th><th>State</th><th>Criticality</th></tr></thead>
              <tbody>
                {impact.services.slice(0, 12).map((s) => (
                  <tr key={s.id}><td><Link to={`/ci/${encodeURIComponent(s.id)}`}>{s.name}</Link></td><td><StateBadge state={s.state} /></td><td><CriticalityBadge criticality={s.criticality} /></td></tr>
                ))}
              </tbody>
            </table>
          )}
          {impact.services.length > 12 && <p className="muted">And {impact.services.length - 12} more: open the impact map for every one.</p>}
          {impact.notify.length > 0 && <p><strong>Notify:</strong> {impact.notify.map((t) => t.name).join(', ')}</p>}
        </>}
      </div>
    </section>
  );
}
