import { useMemo, useRef } from 'react';
import { useNavigate } from 'react-router';
import type { ServiceMap } from '../../../schema/explorer.ts';
import { GraphCanvas, type GraphCanvasHandle } from '../../components/GraphCanvas.tsx';
import { ErrorPanel, Loading } from '../../components/QueryState.tsx';
import { cutServiceMap } from '../../graph/cutServiceMap.ts';
import { serviceMapElements, type ServiceGrouping, type ServiceMapElement } from '../../graph/serviceMapElements.ts';
import { serviceMapViewFromParams, serviceMapViewToParams, type ServiceMapView } from '../../graph/serviceMapView.ts';
import { useServiceMap } from '../../hooks/useMaps.ts';
import { useUrlView } from '../../hooks/useUrlView.ts';
import { mapPath } from '../../paths.ts';
import { FindService } from './FindService.tsx';
import { ServiceDetails } from './ServiceDetails.tsx';

const groupings: { value: ServiceGrouping; label: string }[] = [
  { value: 'owner', label: 'Owning team' },
  { value: 'domain', label: 'Domain' },
  { value: 'system', label: 'System' },
  { value: 'none', label: 'None' },
];

/**
 * The estate's service map, the architect's default view: every service,
 * reliance between services derived through what lies between them, boxed by
 * owner, domain or system, criticality shown. Past the budget, the most
 * critical and most relied-on services are drawn and the rest are a search away.
 */
export function ServiceMapPage() {
  const { view, problems, setView } = useUrlView(serviceMapViewFromParams, serviceMapViewToParams);
  const query = useServiceMap();
  const canvas = useRef<GraphCanvasHandle>(null);
  const navigate = useNavigate();
  const update = (changes: Partial<ServiceMapView>) => setView({ ...view, ...changes });
  const cut = useMemo(() => (query.data ? cutServiceMap(query.data, { budget: view.budget, criticalities: view.criticalities, keep: view.selected ? [view.selected] : [] }) : undefined), [query.data, view.budget, view.criticalities, view.selected]);
  const drawn = useMemo(() => (cut ? serviceMapElements(cut.map, { groupBy: view.groupBy }) : []), [cut, view.groupBy]);
  const elements = useMemo(() => highlightService(drawn, view.selected), [drawn, view.selected]);
  return (
    <div className="map-page">
      <div className="map-column">
        <div className="map-toolbar">
          <h1 className="title" style={{ fontSize: 15 }}>Service map</h1>
          <FindService map={query.data} onFind={(id) => { update({ selected: id }); canvas.current?.focusNode(id); }} />
          <label className="field">Group by
            <select value={view.groupBy} onChange={(e) => update({ groupBy: e.target.value as ServiceGrouping })}>
              {groupings.map((g) => <option key={g.value} value={g.value}>{g.label}</option>)}
            </select>
          </label>
          <div className="field" role="group" aria-label="Criticality">Criticality
            <div className="segmented">
              {[1, 2, 3, 4].map((tier) => (
                <button key={tier} type="button" aria-pressed={view.criticalities.includes(tier)} title={`show tier ${tier} services`}
                  onClick={() => update({ criticalities: view.criticalities.includes(tier) ? view.criticalities.filter((t) => t !== tier) : [...view.criticalities, tier].sort() })}>Tier {tier}</button>
              ))}
            </div>
          </div>
        </div>
        <div className="map-notice" role="status" aria-live="polite">
          {problems.length > 0 && <span>Parts of the link were not understood: {problems.join('; ')}.</span>}
          {cut && cut.cut > 0 && <span>Showing {cut.map.services.length.toLocaleString('en')} of {cut.total.toLocaleString('en')} services: the most critical and most relied upon. Find one by name, filter by tier, or raise the budget (<code>budget=</code> in the link).</span>}
        </div>
        {query.isError ? <div style={{ padding: 16 }}><ErrorPanel error={query.error} title="Could not load the service map" /></div>
          : !query.data ? <Loading what="the service map" />
          : query.data.services.length === 0 ? <div className="empty">There are no services yet. Import an estate file or a Backstage catalog to see them here.</div>
          : <GraphCanvas ref={canvas} elements={elements} layout="grouped" label="Service map" exportName="trellis-service-map" onSelect={(id) => update({ selected: id && !id.startsWith('grp:') ? id : undefined })} onExpand={(id) => !id.startsWith('grp:') && navigate(mapPath([id]))} />}
      </div>
      <ServiceDetailsPanel map={query.data} selected={view.selected} shown={cut?.map.services.length ?? 0} />
    </div>
  );
}

function ServiceDetailsPanel({ map, selected, shown }: { map: ServiceMap | undefined; selected: string | undefined; shown: number }) {
  return (
    <aside className="side" aria-label="Service details">
      {map && selected ? <ServiceDetails map={map} id={selected} /> : (
        <section>
          <h2>Services</h2>
          <p className="muted">{map ? `${map.services.length.toLocaleString('en')} services, ${map.edges.length.toLocaleString('en')} reliances between them; ${shown.toLocaleString('en')} drawn.` : 'Loading…'}</p>
          <p className="muted">Click a service to see what it relies on and through what; double-click to open its neighbourhood.</p>
        </section>
      )}
    </aside>
  );
}

/** The selected service and its reliance edges drawn above the rest (classes only: nothing is laid out again). */
function highlightService(elements: ServiceMapElement[], selected: string | undefined): ServiceMapElement[] {
  if (!selected) return elements;
  return elements.map((e) => {
    const data = e.data as { id: string; source?: string; target?: string };
    const on = data.id === selected || data.source === selected || data.target === selected;
    return on ? { ...e, classes: `${e.classes} on-path` } : e;
  });
}
