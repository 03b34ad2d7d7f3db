import { Link, useSearchParams } from 'react-router';
import { incidentStates, type IncidentRecord, type IncidentState } from '../../../schema/incidents.ts';
import { ChangesNav } from '../../components/ChangesNav.tsx';
import { Empty, QueryState } from '../../components/QueryState.tsx';
import { formatInstant } from '../../changes/changeText.ts';
import { useIncidentList } from '../../hooks/useIncidents.ts';

/** Incidents, newest first, open or resolved, each with the changes it suspects. */
export function IncidentsPage() {
  const [params, setParams] = useSearchParams();
  const asked = params.get('state') ?? '';
  const state = (incidentStates as readonly string[]).includes(asked) ? (asked as IncidentState) : undefined;
  const list = useIncidentList(state ? { state } : {});
  return (
    <div className="page">
      <ChangesNav />
      <div className="page-header">
        <div>
          <h1>Incidents</h1>
          <p className="subtitle">What failed, how badly, and the changes implemented shortly before on what it touches.</p>
        </div>
        <Link className="button primary" to="/incidents/new">New incident</Link>
      </div>
      <section className="panel" aria-labelledby="incidents-title">
        <header>
          <h2 id="incidents-title">{state === 'open' ? 'Open incidents' : state === 'resolved' ? 'Resolved incidents' : 'Every incident'}</h2>
          <label className="field inline">State
            <select value={state ?? ''} onChange={(e) => setParams(e.target.value ? { state: e.target.value } : {})}>
              <option value="">Every state</option><option value="open">Open</option><option value="resolved">Resolved</option>
            </select>
          </label>
        </header>
        <div className="body flush">
          <QueryState query={list} what="incidents">
            {(data) => data.items.length === 0
              ? <Empty>No incident {state ? `is ${state}` : 'has been recorded'}. Open one with “New incident”, or from the Upstream view once the failing CIs are chosen (also <code>trellis incident open</code>).</Empty>
              : <IncidentTable incidents={data.items} />}
          </QueryState>
        </div>
      </section>
    </div>
  );
}

function IncidentTable({ incidents }: { incidents: IncidentRecord[] }) {
  return (
    <table className="data">
      <thead><tr><th>Incident</th><th>Title</th><th>Priority</th><th>State</th><th>Opened</th><th>Affected</th><th>Suspected changes</th></tr></thead>
      <tbody>
        {incidents.map((incident) => (
          <tr key={incident.id}>
            <td><Link to={`/incidents/${incident.id}`}>{incident.id}</Link></td>
            <td>{incident.title}</td>
            <td><PriorityBadge priority={incident.priority} /></td>
            <td>{incident.state === 'open' ? 'Open' : 'Resolved'}</td>
            <td className="nowrap">{formatInstant(incident.openedAt)}</td>
            <td className="mono">{incident.affected.join(', ')}</td>
            <td>{incident.suspectedChanges.length === 0 ? <span className="muted">none</span> : incident.suspectedChanges.map((s, i) => <span key={s.change}>{i > 0 && ', '}<Link to={`/changes/${s.change}`}>{s.change}</Link></span>)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const priorityNames = ['', 'critical', 'high', 'medium', 'low', 'planning'];

/** ITIL priority 1-5 with its name. */
export function PriorityBadge({ priority }: { priority: number }) {
  return <span className={`badge prio-${priority}`}>P{priority} {priorityNames[priority]}</span>;
}
