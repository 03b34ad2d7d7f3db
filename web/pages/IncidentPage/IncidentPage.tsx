import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { IncidentRecord } from '../../../schema/incidents.ts';
import { ChangesNav } from '../../components/ChangesNav.tsx';
import { ErrorPanel, QueryState } from '../../components/QueryState.tsx';
import { formatInstant } from '../../changes/changeText.ts';
import { upstreamPath } from '../../paths.ts';
import { useIncident, useResolveIncident } from '../../hooks/useIncidents.ts';
import { useAccess } from '../../hooks/useSession.ts';
import { PriorityBadge } from '../IncidentsPage/IncidentsPage.tsx';

/** One incident: what it affects, its priority, the changes it suspects (linked), and its resolution. */
export function IncidentPage() {
  const { id = '' } = useParams();
  const query = useIncident(id);
  return (
    <div className="page">
      <ChangesNav />
      <QueryState query={query} what={`incident ${id}`}>{({ body, etag }) => <IncidentView incident={body} etag={etag} />}</QueryState>
    </div>
  );
}

function IncidentView({ incident, etag }: { incident: IncidentRecord; etag: string | undefined }) {
  return <>
    <div className="page-header">
      <div>
        <h1 className="ci-title">{incident.title} <PriorityBadge priority={incident.priority} /> <span className="badge">{incident.state === 'open' ? 'Open' : 'Resolved'}</span></h1>
        <p className="subtitle"><span className="mono">{incident.id}</span> · opened {formatInstant(incident.openedAt)} UTC by <span className="mono">{incident.openedBy}</span></p>
      </div>
      <Link className="button" to={upstreamPath(incident.affected)}>What it relies on (upstream)</Link>
    </div>
    <div className="record-grid">
      <div className="record-main">
        <section className="panel" aria-labelledby="incident-facts">
          <header><h2 id="incident-facts">What failed</h2></header>
          <div className="body">
            <dl className="facts">
              <dt>Description</dt><dd className="prose">{incident.description || <span className="muted">None given.</span>}</dd>
              <dt>Affected</dt><dd>{incident.affected.map((a, i) => <span key={a}>{i > 0 && ', '}<Link className="mono" to={`/ci/${encodeURIComponent(a)}`}>{a}</Link></span>)}</dd>
              <dt>Impact, urgency</dt><dd>impact {incident.impact}, urgency {incident.urgency} (1 is highest) → priority {incident.priority}</dd>
              <dt>Services hit</dt><dd>{incident.services.length ? incident.services.map((s, i) => <span key={s}>{i > 0 && ', '}<Link to={`/ci/${encodeURIComponent(s)}`}>{s}</Link></span>) : <span className="muted">none</span>}</dd>
              <dt>Teams</dt><dd className="mono">{incident.teams.join(', ') || '—'}</dd>
              {incident.change && <><dt>Linked change</dt><dd><Link to={`/changes/${incident.change}`}>{incident.change}</Link></dd></>}
            </dl>
          </div>
        </section>
        <section className="panel" aria-labelledby="suspects-title">
          <header><h2 id="suspects-title">Suspected changes</h2></header>
          <div className="body">
            {incident.suspectedChanges.length === 0 ? <p className="muted">No change was implemented on what it affects shortly before it opened.</p> : (
              <ul className="plain-list">
                {incident.suspectedChanges.map((s) => (
                  <li key={s.change}><Link to={`/changes/${s.change}`}>{s.change}</Link> ended {formatInstant(s.implementedAt)} UTC; its impact holds {s.via.map((v) => <code key={v}>{v} </code>)}</li>
                ))}
              </ul>
            )}
          </div>
        </section>
      </div>
      <div className="record-side"><Resolution incident={incident} etag={etag} /></div>
    </div>
  </>;
}

function Resolution({ incident, etag }: { incident: IncidentRecord; etag: string | undefined }) {
  const [text, setText] = useState('');
  const resolve = useResolveIncident(incident.id, etag);
  const access = useAccess();
  const whyNot = access.whyNot('change');
  return (
    <section className="panel" aria-labelledby="resolution-title">
      <header><h2 id="resolution-title">Resolution</h2></header>
      <div className="body stack">
        {incident.state === 'resolved'
          ? <p>Resolved {incident.resolvedAt && formatInstant(incident.resolvedAt)} UTC by <span className="mono">{incident.resolvedBy}</span>: {incident.resolution}</p>
          : <form className="stack" onSubmit={(e) => { e.preventDefault(); resolve.mutate(text); }}>
              <label className="field" htmlFor="resolution-text">How service was restored</label>
              <textarea id="resolution-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} disabled={Boolean(whyNot)} />
              {whyNot && <p className="muted" id="resolve-unavailable">{whyNot}</p>}
              <div className="button-row"><button type="submit" className="primary" disabled={Boolean(whyNot) || resolve.isPending} aria-describedby={whyNot ? 'resolve-unavailable' : undefined}>Resolve</button></div>
              {resolve.isError && <ErrorPanel error={resolve.error} title="Not resolved" />}
            </form>}
      </div>
    </section>
  );
}
