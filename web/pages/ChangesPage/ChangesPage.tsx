import { Link, useSearchParams } from 'react-router';
import { changeStates, openChangeStates, type ChangeState, type ChangeSummary } from '../../../schema/changes.ts';
import { ChangeStateBadge, RiskBadge } from '../../components/Badges.tsx';
import { ChangesNav } from '../../components/ChangesNav.tsx';
import { Empty, QueryState } from '../../components/QueryState.tsx';
import { formatWindow, stateLabels, typeLabels } from '../../changes/changeText.ts';
import { useChangeList } from '../../hooks/useChanges.ts';
import { useAccess } from '../../hooks/useSession.ts';

/** The filter's choices: every change, the open ones, or one state. */
const openFilter = 'open';

/** Change records, newest first, filtered by state, each with its risk class and window. */
export function ChangesPage() {
  const [params, setParams] = useSearchParams();
  const chosen = params.get('state') ?? '';
  const states: ChangeState[] | undefined = chosen === openFilter ? [...openChangeStates] : (changeStates as readonly string[]).includes(chosen) ? [chosen as ChangeState] : undefined;
  const cursor = params.get('cursor') ?? undefined;
  const list = useChangeList({ ...(states ? { states } : {}), ...(cursor ? { cursor } : {}) });
  const access = useAccess();
  const setFilter = (value: string) => setParams(value ? { state: value } : {});
  return (
    <div className="page">
      <ChangesNav />
      <div className="page-header">
        <div>
          <h1>Changes</h1>
          <p className="subtitle">What is asked, how risky it is and when it happens; newest first.</p>
        </div>
        {access.may('change') && <Link className="button primary" to="/changes/new">New change</Link>}
      </div>
      <section className="panel" aria-labelledby="changes-title">
        <header>
          <h2 id="changes-title">{states ? (chosen === openFilter ? 'Open changes' : `${stateLabels[states[0]!]} changes`) : 'Every change'}</h2>
          <label className="field inline">State
            <select value={states ? chosen : ''} onChange={(e) => setFilter(e.target.value)}>
              <option value="">Every state</option>
              <option value={openFilter}>Open (draft to in progress)</option>
              {changeStates.map((s) => <option key={s} value={s}>{stateLabels[s]}</option>)}
            </select>
          </label>
        </header>
        <div className="body flush">
          <QueryState query={list} what="changes">
            {(data) => data.items.length === 0 ? <NoChanges filtered={Boolean(states)} /> : <>
              <ChangeTable changes={data.items} />
              {(cursor || data.nextCursor) && (
                <div className="button-row pager">
                  {cursor && <button type="button" onClick={() => setParams(chosen ? { state: chosen } : {})}>Newest</button>}
                  {data.nextCursor && <button type="button" onClick={() => setParams({ ...(chosen ? { state: chosen } : {}), cursor: data.nextCursor! })}>Older changes</button>}
                </div>
              )}
            </>}
          </QueryState>
        </div>
      </section>
    </div>
  );
}

function NoChanges({ filtered }: { filtered: boolean }) {
  if (filtered) return <Empty>No change is in this state. Choose “Every state” to see them all.</Empty>;
  return <Empty>No change has been requested yet. Open <Link to="/impact">Impact</Link>, choose what a change takes down or degrades and choose “New change from this impact”, or <Link to="/changes/new">request one directly</Link>.</Empty>;
}

/** The list as a table: one row a change, its id the link to its page. */
function ChangeTable({ changes }: { changes: ChangeSummary[] }) {
  return (
    <table className="data">
      <thead><tr><th>Change</th><th>Title</th><th>Type</th><th>State</th><th>Risk</th><th>Window</th><th>Targets</th></tr></thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.id}>
            <td className="nowrap"><Link to={`/changes/${change.id}`}>{change.id}</Link></td>
            <td className="wide-cell">{change.title}<div className="muted small">by <span className="mono">{change.requester}</span></div></td>
            <td>{typeLabels[change.type]}</td>
            <td><ChangeStateBadge state={change.state} /></td>
            <td><RiskBadge risk={change.assessment?.risk.class} /><Clashes change={change} /></td>
            <td className="nowrap">{formatWindow(change.window)}</td>
            <td className="mono">{change.targets.map((t) => <div key={t.id} className="nowrap">{t.id}</div>)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A change's conflicts and collisions as its assessment found them, in words beside the risk. */
function Clashes({ change }: { change: ChangeSummary }) {
  const conflicts = change.assessment?.conflicts.length ?? 0;
  const collisions = change.assessment?.collisions.length ?? 0;
  if (!conflicts && !collisions) return null;
  const words = [conflicts && `⚠ ${conflicts} conflict${conflicts === 1 ? '' : 's'}`, collisions && `✸ ${collisions} collision${collisions === 1 ? '' : 's'}`].filter(Boolean);
  return <div className="clash-note">{words.join(' · ')}</div>;
}
