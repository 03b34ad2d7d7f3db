import { useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ChangesNav } from '../../components/ChangesNav.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { blankForm, formOf } from '../../changes/changeForm.ts';
import { impactViewFromParams } from '../../graph/viewState.ts';
import { useChange } from '../../hooks/useChanges.ts';
import { useAccess } from '../../hooks/useSession.ts';
import { ChangeForm } from './ChangeForm.tsx';

/** A new change (its targets and effects from an impact link's `t=`), or a change's request revised. */
export function ChangeFormPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const existing = useChange(id);
  const access = useAccess();
  const fromImpact = useMemo(() => impactViewFromParams(params).view.targets, [params]);
  const whyNot = access.whyNot('change');
  return (
    <div className="page">
      <ChangesNav />
      <div className="page-header">
        <div>
          <h1>{id ? `Edit ${id}` : 'New change'}</h1>
          <p className="subtitle">{id ? 'An assessed, approved or scheduled change goes back to assessment when its request changes.' : 'Recorded as a draft; submitting it assesses its impact, conflicts and risk.'}</p>
        </div>
      </div>
      {whyNot && <div className="message" role="note" id="change-unavailable"><div><p className="title">Requesting changes is unavailable</p><p>{whyNot}</p></div></div>}
      {id
        ? <QueryState query={existing} what={`change ${id}`}>{({ body, etag }) => <ChangeForm key={etag} initial={formOf(body)} id={id} etag={etag} disabled={Boolean(whyNot)} />}</QueryState>
        : <ChangeForm initial={blankForm(fromImpact)} fromImpact={fromImpact.length > 0} disabled={Boolean(whyNot)} />}
    </div>
  );
}
