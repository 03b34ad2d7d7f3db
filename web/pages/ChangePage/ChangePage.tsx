import { Link, useParams } from 'react-router';
import type { ChangeRecord } from '../../../schema/changes.ts';
import { ChangeStateBadge, RiskBadge } from '../../components/Badges.tsx';
import { ChangesNav } from '../../components/ChangesNav.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { changeActionsFor } from '../../changes/changeActions.ts';
import { formatInstant, formatWindow, stateLabels, typeLabels } from '../../changes/changeText.ts';
import { useChange } from '../../hooks/useChanges.ts';
import { useAccess, useSession } from '../../hooks/useSession.ts';
import { AssessmentPanel } from './AssessmentPanel.tsx';
import { ChangeIncidents } from './ChangeIncidents.tsx';
import { DecisionsPanel } from './DecisionsPanel.tsx';
import { ImpactPanel } from './ImpactPanel.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';

/**
 * One change record: what it asks, its assessment and impact, who decides and
 * what they decided, the moves and decisions the person may make, its history,
 * its review, and the incidents that suspect it.
 */
export function ChangePage() {
  const { id = '' } = useParams();
  const query = useChange(id);
  return (
    <div className="page">
      <ChangesNav />
      <QueryState query={query} what={`change ${id}`}>{({ body, etag }) => <ChangeRecordView change={body} etag={etag} />}</QueryState>
    </div>
  );
}

function ChangeRecordView({ change, etag }: { change: ChangeRecord; etag: string | undefined }) {
  const access = useAccess();
  const session = useSession().data;
  const actions = changeActionsFor(change, access, session);
  return <>
    <div className="page-header">
      <div>
        <h1 className="ci-title">{change.title} <ChangeStateBadge state={change.state} /> <RiskBadge risk={change.assessment?.risk.class} score={change.assessment?.risk.score} /></h1>
        <p className="subtitle"><span className="mono">{change.id}</span> · {typeLabels[change.type]} change · {formatWindow(change.window)} · requested by <span className="mono">{change.requester}</span></p>
      </div>
      <div className="button-row">
        {(actions.decisions.length > 0 || actions.moves.length > 0) && <a className="button" href="#decide">{actions.decisions.length ? 'Approve or reject' : 'Next steps'} ↓</a>}
        {actions.mayEdit && <Link className="button" to={`/changes/${change.id}/edit`}>Edit the request</Link>}
      </div>
    </div>
    <div className="record-grid">
      <div className="record-main">
        <WhatItAsks change={change} />
        <AssessmentPanel change={change} etag={etag} mayReassess={access.may('change') && change.state === 'assessed'} />
        <ImpactPanel change={change} />
        <Transitions change={change} />
      </div>
      <div className="record-side">
        <DecisionsPanel change={change} etag={etag} actions={actions} />
        {(actions.reviewOpen || change.review) && <ReviewPanel change={change} etag={etag} editable={actions.reviewOpen} needed={actions.reviewNeeded} />}
        <ChangeIncidents id={change.id} />
      </div>
    </div>
  </>;
}

/** The request: why, what, when, how it is done and undone. */
function WhatItAsks({ change }: { change: ChangeRecord }) {
  const text = (value: string, missing: string) => (value.trim() ? <span className="prose">{value}</span> : <span className="muted">{missing}</span>);
  return (
    <section className="panel" aria-labelledby="asks-title">
      <header><h2 id="asks-title">What it asks</h2></header>
      <div className="body">
        <dl className="facts">
          <dt>Why</dt><dd>{text(change.description, 'No description.')}</dd>
          <dt>Targets</dt>
          <dd><ul className="plain-list">{change.targets.map((t) => <li key={t.id}><Link to={`/ci/${encodeURIComponent(t.id)}`} className="mono">{t.id}</Link> goes <strong>{t.effect}</strong></li>)}</ul></dd>
          <dt>Window</dt><dd>{formatWindow(change.window)}{change.window.timeZone !== 'UTC' && ` (its people read it in ${change.window.timeZone})`}</dd>
          {change.template && <><dt>Template</dt><dd className="mono">{change.template}</dd></>}
          <dt>Implementation plan</dt><dd>{text(change.implementationPlan, 'None written.')}</dd>
          <dt>Rollback plan</dt><dd>{text(change.rollbackPlan, 'None written: required before deployment.')}{change.rollbackTested && <span className="badge ok-soft">rollback tested</span>}</dd>
          <dt>Test evidence</dt><dd>{text(change.testEvidence, 'None given.')}</dd>
          {change.revisedBy?.length ? <><dt>Revised by</dt><dd className="mono">{change.revisedBy.join(', ')}</dd></> : null}
        </dl>
      </div>
    </section>
  );
}

/** Every move, oldest first, with who made it and why. */
function Transitions({ change }: { change: ChangeRecord }) {
  return (
    <section className="panel" aria-labelledby="moves-title">
      <header><h2 id="moves-title">History</h2><span className="muted">requested {formatInstant(change.createdAt)} UTC</span></header>
      <div className="body">
        {change.transitions.length === 0 ? <p className="muted">A draft: nothing has happened to it yet. Submit it to have it assessed.</p> : (
          <ol className="timeline">
            {change.transitions.map((t, i) => (
              <li key={i}>
                <span className="muted">{formatInstant(t.at)}</span>
                <div><strong>{stateLabels[t.from]} → {stateLabels[t.to]}</strong> by <span className="mono">{t.by}</span>{t.comment && <p className="muted">{t.comment}</p>}</div>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
