import { useId, useState } from 'react';
import type { ChangeRecord, ChangeState } from '../../../schema/changes.ts';
import { decideOnChange, moveChange } from '../../api/changes.ts';
import { ErrorPanel } from '../../components/QueryState.tsx';
import { missingApprovals, type ChangeActions, type DecisionCapacity } from '../../changes/changeActions.ts';
import { formatInstant, moveLabels } from '../../changes/changeText.ts';
import { ApiError } from '../../api/client.ts';
import { useChangeAction, useReloadChange } from '../../hooks/useChanges.ts';

/**
 * Who decides and what they decided, then what the person may do now: each
 * decision they may make and each move the lifecycle allows, with one comment
 * field that decisions require.
 */
export function DecisionsPanel({ change, etag, actions }: { change: ChangeRecord; etag: string | undefined; actions: ChangeActions }) {
  const [comment, setComment] = useState('');
  const [override, setOverride] = useState(false);
  const [missingComment, setMissingComment] = useState(false);
  const action = useChangeAction(change.id);
  const reload = useReloadChange(change.id);
  // 412: somebody changed it since this page read it; 409: its state no longer allows this. Either way nothing was recorded.
  const status = action.error instanceof ApiError ? action.error.status : 0;
  const outOfDate = status === 412;
  const commentId = useId();
  const done = () => { setComment(''); setOverride(false); setMissingComment(false); };
  const decide = (capacity: DecisionCapacity, decision: 'approved' | 'rejected') => {
    if (!comment.trim()) { setMissingComment(true); document.getElementById(commentId)?.focus(); return; }
    const request = { decision, comment, override: decision === 'approved' && capacity.mayOverride && override, ...(capacity.team ? { team: capacity.team } : {}) };
    action.mutate(() => decideOnChange(change.id, etag, request), { onSuccess: done });
  };
  const move = (to: ChangeState) => action.mutate(() => moveChange(change.id, etag, to, comment), { onSuccess: done });
  const closeBlocked = actions.reviewNeeded;
  const anything = actions.decisions.length + actions.moves.length > 0;
  return (
    <section className="panel" aria-labelledby="decide-title" id="decide" tabIndex={-1}>
      <header><h2 id="decide-title">Approvals</h2></header>
      <div className="body stack">
        <Approvers change={change} />
        {actions.decisionsUnavailable && <p className="muted" role="note">{actions.decisionsUnavailable}</p>}
        {actions.movesUnavailable && <p className="muted" role="note">{actions.movesUnavailable}</p>}
        {anything && (
          <form className="stack" onSubmit={(e) => e.preventDefault()} aria-label="Decide or move">
            <label className="field" htmlFor={commentId}>Comment{actions.decisions.length > 0 && ' (required to approve or reject)'}</label>
            <textarea id={commentId} rows={3} value={comment} onChange={(e) => { setComment(e.target.value); setMissingComment(false); }}
              aria-invalid={missingComment || undefined} aria-describedby={missingComment ? `${commentId}-error` : undefined} />
            {missingComment && <p className="field-error" id={`${commentId}-error`}>Say why: every approval and rejection carries a comment.</p>}
            {actions.decisions.map((capacity) => (
              <div key={capacity.team ?? 'manager'} className="button-row">
                <button type="button" className="primary" disabled={action.isPending} onClick={() => decide(capacity, 'approved')}>Approve {capacity.label}</button>
                <button type="button" disabled={action.isPending} onClick={() => decide(capacity, 'rejected')}>Reject {capacity.label}</button>
                {capacity.mayOverride && missingApprovals(change).some((m) => m !== 'a change manager') && (
                  <label className="check"><input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} /> Override the missing team approvals</label>
                )}
              </div>
            ))}
            {actions.moves.length > 0 && (
              <div className="button-row" role="group" aria-label="Move the change">
                {actions.moves.map((to) => (
                  <button key={to} type="button" className={to === 'cancelled' ? 'danger' : !actions.decisions.length && to === actions.moves[0] ? 'primary' : ''}
                    disabled={action.isPending || (to === 'closed' && closeBlocked)} aria-describedby={to === 'closed' && closeBlocked ? 'review-needed' : undefined}
                    onClick={() => move(to)}>{moveLabels[to] ?? to}</button>
                ))}
              </div>
            )}
            {closeBlocked && actions.moves.includes('closed') && <p className="muted" id="review-needed">Closing waits for the post-implementation review below.</p>}
          </form>
        )}
        {action.isError && (
          <ErrorPanel error={action.error} title={outOfDate ? 'Somebody changed this change since you opened it: nothing was recorded' : 'Trellis refused it'}
            action={(outOfDate || status === 409) && <button type="button" onClick={() => { action.reset(); reload(); }}>Show it as it is now</button>} />
        )}
      </div>
    </section>
  );
}

/** The approver teams and the change manager, each with its decision or "waiting". */
function Approvers({ change }: { change: ChangeRecord }) {
  const approvals = change.approvals ?? [];
  if (!change.assessment) return <p className="muted">Who must approve is known once it is assessed.</p>;
  const rows = [
    ...(change.type === 'normal' ? change.assessment.approvers.map((a) => ({ key: a.team, who: a.name, why: `owns ${listed(a.services)}`, decision: approvals.find((d) => d.team === a.team) })) : []),
    ...(change.type !== 'standard' ? [{ key: 'manager', who: 'A change manager', why: change.type === 'emergency' ? 'one is enough for an emergency' : 'always', decision: approvals.find((d) => d.team === undefined && !d.template) }] : []),
    ...(change.type === 'standard' ? [{ key: 'template', who: `Template ${change.template ?? ''}`, why: 'pre-approved', decision: approvals.find((d) => d.template) }] : []),
  ];
  return (
    <ul className="approvers">
      {rows.map((row) => (
        <li key={row.key}>
          <div><strong>{row.who}</strong> <span className="muted">({row.why})</span></div>
          {row.decision
            ? <div className={`decision ${row.decision.decision}`}>{row.decision.decision === 'approved' ? '✓ Approved' : '✕ Rejected'}{row.decision.override && ' (override)'} by <span className="mono">{row.decision.by}</span>, {formatInstant(row.decision.at)}{row.decision.comment && <>: “{row.decision.comment}”</>}</div>
            : <div className="muted">{change.state === 'assessed' ? 'Waiting for a decision' : 'No decision'}</div>}
        </li>
      ))}
    </ul>
  );
}

/** Up to four services by name, then how many more: on a large estate one team may own hundreds. */
function listed(services: readonly string[]): string {
  return services.length <= 4 ? services.join(', ') : `${services.slice(0, 3).join(', ')} and ${services.length - 3} more`;
}
