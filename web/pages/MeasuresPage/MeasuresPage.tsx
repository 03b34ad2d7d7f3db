import { Link, useSearchParams } from 'react-router';
import type { ChangeMeasures } from '../../../schema/measures.ts';
import { ChangesNav } from '../../components/ChangesNav.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useChangeStats } from '../../hooks/useIncidents.ts';
import { OutcomeBar, RateBar } from './MeasureCharts.tsx';

const periods = [30, 90, 365] as const;

/** The change enablement measures over the last 30, 90 or 365 days: overall as small charts, then by service and by team. */
export function MeasuresPage() {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('days'));
  const days = (periods as readonly number[]).includes(asked) ? asked : 90;
  // The period ends at the end of today (UTC), so the query key stays the same all day.
  const to = new Date(Date.parse(new Date().toISOString().slice(0, 10)) + 86_400_000);
  const from = new Date(to.getTime() - days * 86_400_000);
  const stats = useChangeStats(from.toISOString(), to.toISOString());
  return (
    <div className="page">
      <ChangesNav />
      <div className="page-header">
        <div>
          <h1>Change measures</h1>
          <p className="subtitle">How changes went over the last {days} days: success and failure, emergencies, lead time and time to restore.</p>
        </div>
        <div className="segmented" role="group" aria-label="Period">
          {periods.map((p) => <button key={p} type="button" aria-pressed={p === days} onClick={() => setParams({ days: String(p) })}>{p} days</button>)}
        </div>
      </div>
      <QueryState query={stats} what="the measures">
        {(data) => <>
          <Overall measures={data.measures} />
          <div className="grid-2">
            <Scoped title="By service" rows={data.byService} kind="service" />
            <Scoped title="By team" rows={data.byTeam} kind="team" />
          </div>
        </>}
      </QueryState>
    </div>
  );
}

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
const hours = (value: number | null) => (value === null ? '—' : value < 48 ? `${value.toFixed(1)} h` : `${(value / 24).toFixed(1)} d`);

function Overall({ measures: m }: { measures: ChangeMeasures }) {
  return (
    <section className="panel" aria-labelledby="overall-title">
      <header><h2 id="overall-title">Overall</h2><span className="muted">{m.changes} changes ended in the period</span></header>
      <div className="body stack">
        {m.changes === 0 && <p className="muted">No change ended (implemented, failed or rolled back) in this period: choose a longer one, or see the <Link to="/changes">changes</Link> still under way.</p>}
        <div className="measure-cards">
          <Card label="Success rate" value={percent(m.successRate)}><RateBar rate={m.successRate} tone="ok" label="success rate" /></Card>
          <Card label="Failure rate" value={percent(m.failureRate)} note="failed, rolled back or followed by an incident"><RateBar rate={m.failureRate} tone="bad" label="failure rate" /></Card>
          <Card label="Emergency share" value={percent(m.emergencyShare)}><RateBar rate={m.emergencyShare} tone="warn" label="emergency share" /></Card>
          <Card label="Mean lead time" value={hours(m.meanLeadTimeHours)} note="submitted to the end of the work" />
          <Card label="Incidents" value={`${m.incidentsOpened} opened`} note={`${m.incidentsResolved} resolved`} />
          <Card label="Mean time to restore" value={hours(m.meanTimeToRestoreHours)} note="opened to resolved" />
        </div>
        <OutcomeBar measures={m} />
      </div>
    </section>
  );
}

function Card({ label, value, note, children }: { label: string; value: string; note?: string; children?: React.ReactNode }) {
  return <div className="stat"><div className="label">{label}</div><div className="value">{value}</div>{children}{note && <div className="label">{note}</div>}</div>;
}

function Scoped({ title, rows, kind }: { title: string; rows: { id: string; measures: ChangeMeasures }[]; kind: 'service' | 'team' }) {
  const id = `scoped-${kind}`;
  return (
    <section className="panel" aria-labelledby={id}>
      <header><h2 id={id}>{title}</h2><span className="muted">most changes first</span></header>
      <div className="body flush">
        {rows.length === 0 ? <p className="empty">No {kind} had a change end in this period.</p> : (
          <table className="data">
            <thead><tr><th>{kind === 'service' ? 'Service' : 'Team'}</th><th className="num">Changes</th><th>Outcomes</th><th className="num">Failure</th></tr></thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td><Link to={`/ci/${encodeURIComponent(row.id)}`} className="mono">{row.id}</Link></td>
                  <td className="num">{row.measures.changes}</td>
                  <td><OutcomeBar measures={row.measures} compact /></td>
                  <td className="num">{percent(row.measures.failureRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
