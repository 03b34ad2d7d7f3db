import { Link } from 'react-router';
import type { ChangeRecord } from '../../../schema/changes.ts';
import { reassessChange } from '../../api/changes.ts';
import { RiskBadge } from '../../components/Badges.tsx';
import { ErrorPanel } from '../../components/QueryState.tsx';
import { factorLabels, formatInstant } from '../../changes/changeText.ts';
import { useAssessmentCheck, useChangeAction } from '../../hooks/useChanges.ts';

/**
 * The risk assessment as a change manager reads it: each factor's value,
 * weight, points and reason, the conflicts and collisions it found, and
 * whether it still holds (with "Assess again" when it does not).
 */
export function AssessmentPanel({ change, etag, mayReassess }: { change: ChangeRecord; etag: string | undefined; mayReassess: boolean }) {
  const assessment = change.assessment;
  const check = useAssessmentCheck(change.id, Boolean(assessment));
  const reassess = useChangeAction(change.id);
  if (!assessment) {
    return (
      <section className="panel" aria-labelledby="assessment-title">
        <header><h2 id="assessment-title">Assessment</h2></header>
        <div className="body"><p className="muted">Not assessed yet: submitting the change assesses its impact, conflicts and risk at once.</p></div>
      </section>
    );
  }
  const { risk } = assessment;
  return (
    <section className="panel" aria-labelledby="assessment-title">
      <header>
        <h2 id="assessment-title">Assessment</h2>
        <span className="muted">{formatInstant(assessment.at)} UTC</span>
      </header>
      <div className="body stack">
        <div className="button-row">
          <RiskBadge risk={risk.class} score={risk.score} />
          {check.data && (check.data.current
            ? <span className="badge ok-soft">✓ Current</span>
            : <span className="badge stale">Out of date</span>)}
          {mayReassess && check.data && !check.data.current && (
            <button type="button" className="small" disabled={reassess.isPending} onClick={() => reassess.mutate(() => reassessChange(change.id, etag))}>Assess again</button>
          )}
        </div>
        {check.data && !check.data.current && check.data.reasons.length > 0 && <ul className="reasons">{check.data.reasons.map((r) => <li key={r}>{r}</li>)}</ul>}
        {reassess.isError && <ErrorPanel error={reassess.error} title="Could not assess it again" />}
        <table className="data factors">
          <caption className="visually-hidden">Risk factors: each value from 0 to 1 times its weight gives its points; the points add up to the score.</caption>
          <thead><tr><th>Factor</th><th className="num">Value</th><th className="num">Weight</th><th className="num">Points</th><th>Why</th></tr></thead>
          <tbody>
            {risk.factors.map((f) => (
              <tr key={f.name}>
                <td>{factorLabels[f.name]}</td>
                <td className="num"><Meter value={f.value} label={`${factorLabels[f.name]}: ${f.value.toFixed(2)}`} />{f.value.toFixed(2)}</td>
                <td className="num">× {f.weight}</td>
                <td className="num"><strong>{f.points}</strong></td>
                <td>{f.explanation}</td>
              </tr>
            ))}
          </tbody>
          <tfoot><tr><td colSpan={3}>Score (out of 100): low below 25, medium from 25, high from 50, very high from 75</td><td className="num"><strong>{risk.score}</strong></td><td /></tr></tfoot>
        </table>
        <Clashes title="Conflicts" ids={assessment.conflicts} meaning="overlapping windows, touching the same CIs" />
        <Clashes title="Collisions" ids={assessment.collisions} meaning="overlapping windows that, together, make a service worse than either alone" />
      </div>
    </section>
  );
}

/** A 0..1 value as a small bar (its number is beside it). */
function Meter({ value, label }: { value: number; label: string }) {
  return <span className="meter" role="img" aria-label={label}><span style={{ width: `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%` }} /></span>;
}

function Clashes({ title, ids, meaning }: { title: string; ids: string[]; meaning: string }) {
  return (
    <p>
      <strong>{title}</strong> <span className="muted">({meaning}):</span>{' '}
      {ids.length === 0 ? 'none.' : ids.map((id, i) => <span key={id}>{i > 0 && ', '}<Link to={`/changes/${id}`}>{id}</Link></span>)}
    </p>
  );
}
