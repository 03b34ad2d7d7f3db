import type { FacetCount, FacetValues } from '../../graph/filterMap.ts';
import { typeStyle } from '../../graph/graphStyle.ts';
import type { MapFilters, StaleFilter } from '../../graph/viewState.ts';

/** One checkbox per value present on the map, with its count; nothing checked means no filter. */
function CheckGroup<T extends string | number>({ legend, values, chosen, label, onChange }: { legend: string; values: FacetCount<T>[]; chosen: T[]; label?: (value: T) => string; onChange: (chosen: T[]) => void }) {
  if (values.length === 0) return null;
  return (
    <fieldset>
      <legend>{legend}</legend>
      {values.map(({ value, count }) => (
        <label key={String(value)}>
          <input type="checkbox" checked={chosen.includes(value)} onChange={(e) => onChange(e.target.checked ? [...chosen, value] : chosen.filter((v) => v !== value))} />
          {label ? label(value) : String(value)} <span className="muted">{count}</span>
        </label>
      ))}
    </fieldset>
  );
}

const staleChoices: { value: StaleFilter; label: string }[] = [
  { value: 'any', label: 'Show' },
  { value: 'hide', label: 'Hide' },
  { value: 'only', label: 'Only stale' },
];

/** Filters by CI type, environment, provider, source, criticality and staleness. */
export function FiltersPanel({ facets, filters, onChange }: { facets: FacetValues; filters: MapFilters; onChange: (filters: MapFilters) => void }) {
  const set = (changes: Partial<MapFilters>) => onChange({ ...filters, ...changes });
  const active = filters.types.length + filters.environments.length + filters.providers.length + filters.sources.length + filters.criticalities.length + (filters.stale === 'any' ? 0 : 1);
  return (
    <div className="filters">
      <CheckGroup legend="Type" values={facets.types} chosen={filters.types} label={(t) => typeStyle[t].label} onChange={(types) => set({ types })} />
      <CheckGroup legend="Environment" values={facets.environments} chosen={filters.environments} onChange={(environments) => set({ environments })} />
      <CheckGroup legend="Provider" values={facets.providers} chosen={filters.providers} onChange={(providers) => set({ providers })} />
      <CheckGroup legend="Source" values={facets.sourceKinds} chosen={filters.sources} onChange={(sources) => set({ sources })} />
      <CheckGroup legend="Criticality" values={facets.criticalities} chosen={filters.criticalities} label={(c) => `Tier ${c}`} onChange={(criticalities) => set({ criticalities })} />
      {facets.stale.stale > 0 && (
        <fieldset>
          <legend>Stale CIs ({facets.stale.stale})</legend>
          {staleChoices.map((choice) => (
            <label key={choice.value}><input type="radio" name="stale" checked={filters.stale === choice.value} onChange={() => set({ stale: choice.value })} />{choice.label}</label>
          ))}
        </fieldset>
      )}
      {active > 0 && <div><button type="button" className="small" onClick={() => onChange({ types: [], environments: [], providers: [], sources: [], criticalities: [], stale: 'any' })}>Clear {active} filter{active === 1 ? '' : 's'}</button></div>}
    </div>
  );
}
