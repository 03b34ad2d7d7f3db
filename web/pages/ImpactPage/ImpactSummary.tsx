import type { ImpactReport } from '../../../schema/impact.ts';
import { StateBadge } from '../../components/Badges.tsx';
import { statePalette } from '../../graph/graphStyle.ts';

/** The counts by state, and why the selected CI is impacted: its chain from a target. */
export function ImpactSummary({ report, selected, onSelect }: { report: ImpactReport; selected: string | undefined; onSelect: (id: string) => void }) {
  const chosen = selected ? report.impacted.find((ci) => ci.id === selected) : undefined;
  const names = new Map(report.impacted.map((ci) => [ci.id, ci.name]));
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">Summary</h2>
      <div className="summary-counts">
        <Count label={statePalette.down.label} value={report.counts.down} />
        <Count label={statePalette.degraded.label} value={report.counts.degraded} />
        <Count label={statePalette.at_risk.label} value={report.counts.at_risk} />
        <Count label="Services" value={report.counts.services} />
      </div>
      {chosen ? (
        <div aria-live="polite">
          <h3 style={{ marginTop: 8 }}>Why {chosen.name} is {statePalette[chosen.state].label.toLowerCase()}</h3>
          <ol className="path-list">
            {chosen.path.map((id, i) => (
              <li key={id}>
                <button type="button" className="link" onClick={() => onSelect(id)}>{names.get(id) ?? id}</button>
                <span className="muted">{i === 0 ? ' (target)' : ' relies on the one above'}</span>
              </li>
            ))}
          </ol>
          <StateBadge state={chosen.state} />
        </div>
      ) : <p className="muted">Click an impacted CI on the map or in a list to see the chain that explains it.</p>}
    </section>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return <div className="stat"><div className="value">{value.toLocaleString('en')}</div><div className="label">{label}</div></div>;
}
