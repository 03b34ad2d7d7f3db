import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { limits } from '../../../schema/limits.ts';
import { GraphCanvas, type GraphCanvasHandle } from '../../components/GraphCanvas.tsx';
import { ErrorPanel, Loading } from '../../components/QueryState.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { shapeMap } from '../../graph/shapeMap.ts';
import { defaultMapView, viewFromParams, viewToParams, type MapView } from '../../graph/viewState.ts';
import { useNeighbourhood } from '../../hooks/useMaps.ts';
import { useUrlView } from '../../hooks/useUrlView.ts';
import { MapSidePanel } from './MapSidePanel.tsx';
import { MapToolbar } from './MapToolbar.tsx';

/**
 * The neighbourhood of one or more CIs: depth, direction, filters, layout,
 * roll-up, shortest path and the node budget, all in the URL.
 */
export function MapPage() {
  const { view, problems, setView } = useUrlView(viewFromParams, viewToParams);
  const query = useNeighbourhood({ roots: view.roots, depth: view.depth, direction: view.direction, maxCIs: Math.min(limits.mapCIsMax, Math.max(limits.mapCIsDefault, view.budget * 4)) });
  const [selected, setSelected] = useState<string>();
  const canvas = useRef<GraphCanvasHandle>(null);
  const shaped = useMemo(() => (query.data ? shapeMap(query.data, view) : undefined), [query.data, view]);

  if (view.roots.length === 0) return <ChooseRoots problems={problems} onChoose={(id) => setView({ ...defaultMapView(), roots: [id] }, { push: true })} />;
  const update = (changes: Partial<MapView>, push = false) => setView({ ...view, ...changes }, { push });
  const rootNames = view.roots.map((id) => query.data?.nodes.find((n) => n.id === id)?.name ?? id);
  const title = `Neighbourhood of ${rootNames.join(', ')}`;
  return (
    <div className="map-page">
      <div className="map-column">
        <MapToolbar title={title} view={view} onChange={update} />
        <div className="map-notice" role="status" aria-live="polite">
          {problems.length > 0 && <span>Parts of the link were not understood and were left at their defaults: {problems.join('; ')}.</span>}
          {shaped && shaped.cut > 0 && <span>Showing {shaped.drawnNodes.toLocaleString('en')} of {(shaped.drawnNodes + shaped.cut).toLocaleString('en')} CIs: the closest and most critical first. Nodes marked +N have neighbours not drawn; select one and choose “Show more”, or raise the budget.</span>}
          {query.data?.truncated && <span>The walk stopped at {query.data.nodes.length.toLocaleString('en')} CIs; lower the depth to see the whole neighbourhood.</span>}
          {shaped?.pathProblem && <span>{shaped.pathProblem}</span>}
        </div>
        {query.isError ? <div style={{ padding: 16 }}><ErrorPanel error={query.error} title="Could not load this map" action={<Link to="/">Search for a CI</Link>} /></div>
          : !shaped ? <Loading what="the map" />
          : shaped.elements.length === 0 ? <div className="empty">Every CI of this map is hidden by the filters. Clear a filter to see it.</div>
          : <GraphCanvas ref={canvas} elements={shaped.elements} layout={view.layout} label={title} exportName={`trellis-map-${view.roots[0]}`} onSelect={setSelected} onExpand={(id) => onExpand(id, view, shaped.groups, update)} />}
      </div>
      <MapSidePanel view={view} map={query.data} shaped={shaped} selected={selected} onChange={update} onFocus={(id) => canvas.current?.focusNode(id)} onSelect={(id) => { setSelected(id); if (id) canvas.current?.focusNode(id); }} />
    </div>
  );
}

/** Double-click: a collapsed group opens; any other node becomes a root, so its own neighbourhood loads. */
function onExpand(id: string, view: MapView, groups: { key: string }[], update: (changes: Partial<MapView>, push?: boolean) => void) {
  const group = view.collapsed.find((key) => key.endsWith(`:${id}`) && groups.some((g) => g.key === key));
  if (group) update({ collapsed: view.collapsed.filter((key) => key !== group) });
  else if (!view.roots.includes(id)) update({ roots: [...view.roots, id].slice(0, limits.mapRootsMax) }, true);
}

function ChooseRoots({ problems, onChoose }: { problems: string[]; onChoose: (id: string) => void }) {
  return (
    <div className="page">
      <h1>Map a neighbourhood</h1>
      <p className="subtitle">Choose a CI to see what it relies on and what relies on it. The estate as a whole is on the <Link to="/services">service map</Link>.</p>
      {problems.length > 0 && <div className="message warn">{problems.join('; ')}</div>}
      <SearchBox id="map-root-search" className="hero-search" autoFocus onChoose={(ci) => onChoose(ci.id)} placeholder="Search for the CI to start from" />
    </div>
  );
}
