import { Link } from 'react-router';
import { ciTypes } from '../../../schema/ciTypes.ts';
import type { EstateOverview } from '../../../schema/explorer.ts';
import { CriticalityBadge, TypeBadge } from '../../components/Badges.tsx';
import { Empty, QueryState } from '../../components/QueryState.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { RunsTable } from '../../components/RunsTable.tsx';
import { typeStyle } from '../../graph/graphStyle.ts';
import { useOverview } from '../../hooks/useCIs.ts';
import { ciPath } from '../../paths.ts';

/** Search first, then the estate at a glance: counts, tier-1 services, stale CIs, the last imports. */
export function HomePage() {
  const overview = useOverview();
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Find a configuration item</h1>
          <p className="subtitle">Services, components, teams, suppliers and contracts, and everything that relies on them.</p>
        </div>
      </div>
      <SearchBox id="home-search" className="hero-search" autoFocus placeholder="Search by id, name, type or attribute (press / anywhere)" />
      <QueryState query={overview} what="the estate overview">
        {(data) => <Overview overview={data} />}
      </QueryState>
    </div>
  );
}

function Overview({ overview }: { overview: EstateOverview }) {
  return (
    <>
      <section aria-labelledby="counts-title" className="stat-row">
        <h2 id="counts-title" className="visually-hidden">The estate in numbers</h2>
        <div className="stat"><div className="value">{overview.cis.toLocaleString('en')}</div><div className="label">CIs ({overview.store} store)</div></div>
        <div className="stat"><div className="value">{overview.relationships.toLocaleString('en')}</div><div className="label">relationships</div></div>
        {ciTypes.map((type) => (
          <Link key={type} className="stat" to={`/search?type=${type}`}>
            <div className="value">{(overview.byType[type] ?? 0).toLocaleString('en')}</div>
            <div className="label">{typeStyle[type].label}{(overview.byType[type] ?? 0) === 1 ? '' : 's'}</div>
          </Link>
        ))}
      </section>
      <div className="grid-2">
        <section className="panel" aria-labelledby="tier1-title">
          <header><h2 id="tier1-title">Tier-1 services</h2><Link to="/services">Open the service map</Link></header>
          <div className="body flush">
            {overview.tier1Services.length === 0 ? <Empty>No service has criticality 1. Set <code>criticality: 1</code> on the services users cannot do without.</Empty> : (
              <table className="data">
                <thead><tr><th>Service</th><th>Id</th><th /></tr></thead>
                <tbody>
                  {overview.tier1Services.map((s) => (
                    <tr key={s.id}><td><Link to={ciPath(s.id)}>{s.name}</Link></td><td className="mono muted">{s.id}</td><td><CriticalityBadge criticality={1} /></td></tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </section>
        <section className="panel" aria-labelledby="stale-title">
          <header><h2 id="stale-title">Stale CIs <span className="muted">({overview.stale.total.toLocaleString('en')})</span></h2><Link to="/imports#stale">Review on the imports page</Link></header>
          <div className="body flush">
            {overview.stale.items.length === 0 ? <Empty>Every CI is still asserted by a source.</Empty> : (
              <table className="data">
                <thead><tr><th>CI</th><th>Type</th></tr></thead>
                <tbody>
                  {overview.stale.items.map((ci) => (
                    <tr key={ci.id}><td><Link to={ciPath(ci.id)}>{ci.name}</Link><div className="mono muted">{ci.id}</div></td><td><TypeBadge type={ci.type} /></td></tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </section>
      </div>
      <section className="panel" aria-labelledby="runs-title">
        <header><h2 id="runs-title">Last imports</h2><Link to="/imports">All imports</Link></header>
        <div className="body flush"><RunsTable runs={overview.lastImports} whereToUpload={<>on the <Link to="/imports">imports page</Link></>} /></div>
      </section>
    </>
  );
}
