import { Link } from 'react-router';
import type { ServiceMap, ServiceMapEdge } from '../../../schema/explorer.ts';
import { CriticalityBadge } from '../../components/Badges.tsx';
import { ciPath, impactPath, mapPath } from '../../paths.ts';

/** One service of the service map: owner, what it relies on and through which CIs, what relies on it. */
export function ServiceDetails({ map, id }: { map: ServiceMap; id: string }) {
  const service = map.services.find((s) => s.id === id);
  if (!service) return <section><h2>Not on the map</h2><p className="muted">No service has the id {id}.</p></section>;
  const names = new Map(map.services.map((s) => [s.id, s.name]));
  const reliesOn = map.edges.filter((e) => e.from === id);
  const reliedOnBy = map.edges.filter((e) => e.to === id);
  return (
    <>
      <section aria-labelledby="service-title">
        <h2 id="service-title">{service.name}</h2>
        <div className="button-row"><CriticalityBadge criticality={service.criticality} />{service.kind && <span className="badge">{service.kind}</span>}{service.stale && <span className="badge stale">stale</span>}</div>
        <div className="ci-id">{service.id}</div>
        {service.owner && <p>Owned by <Link to={ciPath(service.owner.id)}>{service.owner.name}</Link></p>}
        <div className="button-row">
          <Link className="button primary small" to={mapPath([id])}>Open its neighbourhood</Link>
          <Link className="button small" to={ciPath(id)}>CI page</Link>
          <Link className="button small" to={impactPath([id])}>Impact</Link>
        </div>
      </section>
      <EdgeList title="Relies on" edges={reliesOn} other={(e) => e.to} names={names} />
      <EdgeList title="Relied on by" edges={reliedOnBy} other={(e) => e.from} names={names} />
    </>
  );
}

function EdgeList({ title, edges, other, names }: { title: string; edges: ServiceMapEdge[]; other: (e: ServiceMapEdge) => string; names: Map<string, string> }) {
  return (
    <section>
      <h2>{title} ({edges.length})</h2>
      {edges.length === 0 ? <p className="muted">No service.</p> : (
        <ul className="path-list" style={{ listStyle: 'none', paddingLeft: 0 }}>
          {edges.slice(0, 100).map((e) => (
            <li key={other(e)}>
              <Link to={ciPath(other(e))}>{names.get(other(e)) ?? other(e)}</Link>{e.strength === 'soft' && <span className="badge" style={{ marginLeft: 4 }}>soft</span>}
              <div className="muted" style={{ fontSize: 12 }}>{e.via.length === 0 ? 'directly' : `through ${e.via.join(' → ')}`}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
