import { Link } from 'react-router';
import { QueryState } from '../../components/QueryState.tsx';
import { formatInstant } from '../../changes/changeText.ts';
import { useIncidentList } from '../../hooks/useIncidents.ts';

/** Incidents linked to this change or that suspect it (opened on its impact soon after it was implemented). */
export function ChangeIncidents({ id }: { id: string }) {
  const incidents = useIncidentList({ change: id });
  return (
    <section className="panel" aria-labelledby="change-incidents-title">
      <header><h2 id="change-incidents-title">Incidents</h2></header>
      <div className="body">
        <QueryState query={incidents} what="incidents">
          {(data) => data.items.length === 0 ? <p className="muted">No incident names or suspects this change.</p> : (
            <ul className="plain-list">
              {data.items.map((incident) => (
                <li key={incident.id}>
                  <Link to={`/incidents/${incident.id}`}>{incident.id}</Link> {incident.title}{' '}
                  <span className="muted">P{incident.priority}, {incident.state}, opened {formatInstant(incident.openedAt)}; {incident.change === id ? 'linked by its responder' : 'suspects it'}</span>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </div>
    </section>
  );
}
