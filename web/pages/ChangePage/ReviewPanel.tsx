import { useId, useState } from 'react';
import type { ChangeRecord } from '../../../schema/changes.ts';
import { reviewChange } from '../../api/changes.ts';
import { ErrorPanel } from '../../components/QueryState.tsx';
import { formatInstant } from '../../changes/changeText.ts';
import { fieldErrors } from '../../changes/changeForm.ts';
import { useChangeAction } from '../../hooks/useChanges.ts';

/** The post-implementation review: what was found and what follows; required before a failed, rolled-back or emergency change closes. */
export function ReviewPanel({ change, etag, editable, needed }: { change: ChangeRecord; etag: string | undefined; editable: boolean; needed: boolean }) {
  const [findings, setFindings] = useState(change.review?.findings ?? '');
  const [followUp, setFollowUp] = useState(change.review?.followUp ?? '');
  const save = useChangeAction(change.id);
  const id = useId();
  const errors = save.isError ? fieldErrors(save.error) : {};
  const findingsError = (errors as Record<string, string[]>).findings?.join('; ');
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <header><h2 id={`${id}-title`}>Post-implementation review</h2></header>
      <div className="body stack">
        {change.review && <p className="muted">Written by <span className="mono">{change.review.by}</span>, {formatInstant(change.review.at)} UTC.</p>}
        {needed && <p role="note">This change {change.type === 'emergency' ? 'was an emergency' : 'did not go as planned'}: write its review before closing it.</p>}
        {!editable ? <dl className="facts"><dt>Findings</dt><dd className="prose">{change.review?.findings}</dd><dt>Follow-up</dt><dd className="prose">{change.review?.followUp || '—'}</dd></dl> : (
          <form className="stack" onSubmit={(e) => { e.preventDefault(); save.mutate(() => reviewChange(change.id, etag, { findings, followUp })); }}>
            <label className="field" htmlFor={`${id}-findings`}>Findings: what happened and why</label>
            <textarea id={`${id}-findings`} rows={3} value={findings} onChange={(e) => setFindings(e.target.value)} aria-invalid={findingsError ? true : undefined} aria-describedby={findingsError ? `${id}-findings-error` : undefined} />
            {findingsError && <p className="field-error" id={`${id}-findings-error`}>{findingsError}</p>}
            <label className="field" htmlFor={`${id}-follow`}>Follow-up: what stops it happening again</label>
            <textarea id={`${id}-follow`} rows={2} value={followUp} onChange={(e) => setFollowUp(e.target.value)} />
            <div className="button-row"><button type="submit" className="primary" disabled={save.isPending}>{change.review ? 'Save the review' : 'Write the review'}</button>{save.isSuccess && <span role="status">Saved.</span>}</div>
            {save.isError && !findingsError && <ErrorPanel error={save.error} title="The review was refused" />}
          </form>
        )}
      </div>
    </section>
  );
}
