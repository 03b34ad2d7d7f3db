import { Link } from 'react-router';
import { TypeBadge } from '../../components/Badges.tsx';
import { Empty, ErrorPanel, QueryState } from '../../components/QueryState.tsx';
import { useCISearch } from '../../hooks/useCIs.ts';
import { useRetireStale } from '../../hooks/useImports.ts';
import { ciPath } from '../../paths.ts';

/** CIs no source asserts any more, and retiring those past the grace period (reviewed first); `disabledBy` names the note saying why it cannot. */
export function StalePanel({ disabledBy }: { disabledBy?: string }) {
  const stale = useCISearch({ stale: true, limit: 50 });
  const retire = useRetireStale();
  const review = retire.data?.dryRun ? retire.data : undefined;
  return (
    <section className="panel" aria-labelledby="stale-list-title" id="stale">
      <header>
        <h2 id="stale-list-title">Stale CIs</h2>
        <div className="button-row">
          <button type="button" className="small" disabled={Boolean(disabledBy) || retire.isPending} aria-describedby={disabledBy} onClick={() => retire.mutate(true)}>Review what would retire</button>
          <button type="button" className="small primary" disabled={Boolean(disabledBy) || !review || retire.isPending || review.cis.length + review.relationships.length === 0} aria-describedby={disabledBy} onClick={() => retire.mutate(false)}>Retire</button>
        </div>
      </header>
      <div className="body">
        {retire.isError && <ErrorPanel error={retire.error} title="Retiring failed" />}
        {retire.data && (
          <div className="message" role="status" style={{ marginBottom: 8 }}>
            {retire.data.dryRun
              ? `${retire.data.cis.length} CIs and ${retire.data.relationships.length} relationships have been stale for more than ${retire.data.graceDays} days and would be removed (with their history kept).`
              : `Retired ${retire.data.cis.length} CIs and ${retire.data.relationships.length} relationships.`}
          </div>
        )}
        <QueryState query={stale} what="stale CIs">
          {(data) => data.items.length === 0 ? <Empty>Every CI is asserted by a source.</Empty> : (
            <table className="data">
              <thead><tr><th>CI</th><th>Type</th><th>Stale since</th></tr></thead>
              <tbody>{data.items.map((ci) => (
                <tr key={ci.id}><td><Link to={ciPath(ci.id)}>{ci.name}</Link><div className="mono muted">{ci.id}</div></td><td><TypeBadge type={ci.type} /></td><td>{String(ci.attributes['trellis.staleSince'] ?? '').slice(0, 10)}</td></tr>
              ))}</tbody>
            </table>
          )}
        </QueryState>
        {stale.data && stale.data.total > stale.data.items.length && <p className="muted">{stale.data.items.length} of {stale.data.total} shown; <Link to="/search?stale=true">see them all</Link>.</p>}
      </div>
    </section>
  );
}
