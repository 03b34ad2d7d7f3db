import { useMemo } from 'react';
import { Link } from 'react-router';
import type { Neighbourhood } from '../../../schema/explorer.ts';
import { limits } from '../../../schema/limits.ts';
import { TypeBadge } from '../../components/Badges.tsx';
import { Legend } from '../../components/Legend.tsx';
import { facetValues } from '../../graph/filterMap.ts';
import { groupNodeId } from '../../graph/rollUp.ts';
import type { ShapedMap } from '../../graph/shapeMap.ts';
import type { MapView } from '../../graph/viewState.ts';
import { ciPath, impactPath, upstreamPath } from '../../paths.ts';
import { FiltersPanel } from './FiltersPanel.tsx';

interface MapSidePanelProps {
  view: MapView;
  map: Neighbourhood | undefined;
  shaped: ShapedMap | undefined;
  selected: string | undefined;
  onChange: (changes: Partial<MapView>, push?: boolean) => void;
  onFocus: (id: string) => void;
  /** Selects a node from the keyboard (the list of drawn nodes), as a click on the map does. */
  onSelect: (id: string | undefined) => void;
}

/** The selected node and what can be done with it, the path, the budget, filters, roll-up groups and the legend. */
export function MapSidePanel({ view, map, shaped, selected, onChange, onFocus, onSelect }: MapSidePanelProps) {
  const facets = useMemo(() => facetValues(map?.nodes ?? []), [map]);
  const types = facets.types.map((t) => t.value);
  return (
    <aside className="side" aria-label="Map details">
      <NodePicker shaped={shaped} selected={selected} onSelect={onSelect} />
      <Selection view={view} shaped={shaped} map={map} selected={selected} onChange={onChange} />
      {view.path && (
        <section aria-labelledby="path-title">
          <h2 id="path-title">Path</h2>
          {shaped?.path ? (
            <ol className="path-list">{shaped.path.nodes.map((id) => <li key={id}><button type="button" className="link" onClick={() => onFocus(id)}>{nameOf(map, id)}</button></li>)}</ol>
          ) : <p className="muted">{shaped?.pathProblem ?? 'Finding the path…'}</p>}
          <div><button type="button" className="small" onClick={() => onChange({ path: undefined })}>Clear the path</button></div>
        </section>
      )}
      <section aria-labelledby="filters-title">
        <h2 id="filters-title">Filters {shaped && shaped.hidden > 0 && <span className="muted">({shaped.hidden} hidden)</span>}</h2>
        <FiltersPanel facets={facets} filters={view.filters} onChange={(filters) => onChange({ filters })} />
      </section>
      {shaped && shaped.groups.length > 0 && (
        <section aria-labelledby="groups-title">
          <h2 id="groups-title">Roll-up</h2>
          <p className="muted" style={{ fontSize: 12.5 }}>Draw a group as one node with its member count.</p>
          <div className="filters"><fieldset>
            {shaped.groups.map((group) => (
              <label key={group.key} style={{ width: '100%' }}>
                <input type="checkbox" checked={view.collapsed.includes(group.key)} onChange={(e) => onChange({ collapsed: e.target.checked ? [...view.collapsed, group.key] : view.collapsed.filter((k) => k !== group.key) })} />
                Collapse {group.label} <span className="muted">({group.members.length} {group.kind === 'redundancy' ? 'members' : group.kind === 'system' ? 'parts' : 'CIs'})</span>
              </label>
            ))}
          </fieldset></div>
        </section>
      )}
      <section aria-labelledby="budget-title">
        <h2 id="budget-title">Node budget</h2>
        <label className="field">Draw at most
          <input type="number" min={10} max={limits.mapNodeBudgetMax} step={100} value={view.budget} style={{ width: 110 }}
            onChange={(e) => {
              const budget = Number(e.target.value);
              if (Number.isInteger(budget) && budget >= 10 && budget <= limits.mapNodeBudgetMax) onChange({ budget });
            }} />
        </label>
      </section>
      <section aria-labelledby="legend-title">
        <h2 id="legend-title">Legend</h2>
        <Legend types={types} />
      </section>
    </aside>
  );
}

/** Every drawn node by name: selecting one does what a click on the map does, from the keyboard. */
function NodePicker({ shaped, selected, onSelect }: { shaped: ShapedMap | undefined; selected: string | undefined; onSelect: (id: string | undefined) => void }) {
  const nodes = useMemo(() => (shaped?.elements ?? []).filter((e) => e.group === 'nodes').map((e) => ({ id: e.data.id, label: (e.data as { name: string }).name, more: (e.data as { more?: number }).more })).sort((a, b) => a.label.localeCompare(b.label)), [shaped]);
  return (
    <section>
      <label className="field">Select a node on the map
        <select value={selected ?? ''} onChange={(e) => onSelect(e.target.value || undefined)}>
          <option value="">None selected</option>
          {nodes.map((n) => <option key={n.id} value={n.id}>{n.label === n.id ? n.id : `${n.label} (${n.id})`}{n.more ? `: ${n.more} more not drawn` : ''}</option>)}
        </select>
      </label>
    </section>
  );
}

function Selection({ view, shaped, map, selected, onChange }: Pick<MapSidePanelProps, 'view' | 'shaped' | 'map' | 'selected' | 'onChange'>) {
  const element = selected ? shaped?.elements.find((e) => e.data.id === selected && e.group === 'nodes') : undefined;
  if (!selected || !element || element.group !== 'nodes') {
    return <section><p className="muted">Click a node (or pick it above) to see it here; double-click a node to load its own neighbourhood.</p></section>;
  }
  const data = element.data;
  const group = shaped?.groups.find((g) => groupNodeId(g) === selected);
  const isCI = data.type !== 'Namespace';
  return (
    <section aria-labelledby="selection-title">
      <h2 id="selection-title">{data.name}</h2>
      <div className="button-row">{isCI && <TypeBadge type={data.type as never} />}{data.memberCount !== undefined && <span className="badge">{data.memberCount} members</span>}</div>
      {isCI && <div className="ci-id">{selected}</div>}
      <div className="button-row">
        {isCI && <Link className="button small" to={ciPath(selected)}>Open CI page</Link>}
        {isCI && <Link className="button small" to={impactPath([selected])}>Impact</Link>}
        {isCI && <Link className="button small" to={upstreamPath([selected])}>Upstream</Link>}
      </div>
      <div className="button-row">
        {data.more !== undefined && <button type="button" className="small" onClick={() => onChange({ expanded: [...view.expanded, selected] })}>Show {data.more} more</button>}
        {isCI && !view.roots.includes(selected) && <button type="button" className="small" onClick={() => onChange({ roots: [...view.roots, selected] }, true)}>Add its neighbourhood</button>}
        {group && <button type="button" className="small" onClick={() => onChange({ collapsed: view.collapsed.includes(group.key) ? view.collapsed.filter((k) => k !== group.key) : [...view.collapsed, group.key] })}>{view.collapsed.includes(group.key) ? 'Expand group' : 'Collapse group'}</button>}
      </div>
      {isCI && (
        <div className="button-row">
          <button type="button" className="small" onClick={() => onChange({ path: { from: selected, to: view.path?.to ?? view.roots[0]! } })}>Path from here</button>
          <button type="button" className="small" onClick={() => onChange({ path: { from: view.path?.from ?? view.roots[0]!, to: selected } })}>Path to here</button>
        </div>
      )}
      {map && <p className="muted" style={{ fontSize: 12.5 }}>{describeDepth(map, selected)}</p>}
    </section>
  );
}

const nameOf = (map: Neighbourhood | undefined, id: string) => map?.nodes.find((n) => n.id === id)?.name ?? id;

function describeDepth(map: Neighbourhood, id: string): string {
  const node = map.nodes.find((n) => n.id === id);
  if (!node) return '';
  return node.depth === 0 ? 'A root of this map.' : `${node.depth} hop${node.depth === 1 ? '' : 's'} from the nearest root.`;
}
