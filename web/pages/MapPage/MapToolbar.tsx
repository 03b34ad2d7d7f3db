import { limits } from '../../../schema/limits.ts';
import type { MapView } from '../../graph/viewState.ts';

const directions: { value: MapView['direction']; label: string; hint: string }[] = [
  { value: 'downstream', label: 'Downstream', hint: 'what relies on it' },
  { value: 'upstream', label: 'Upstream', hint: 'what it relies on' },
  { value: 'both', label: 'Both', hint: 'both ways' },
];

/** Depth, direction and layout of a neighbourhood map. */
export function MapToolbar({ title, view, onChange }: { title: string; view: MapView; onChange: (changes: Partial<MapView>) => void }) {
  return (
    <div className="map-toolbar">
      <h1 className="title" title={title} style={{ fontSize: 15 }}>{title}</h1>
      <label className="field">Depth
        <input type="number" min={0} max={limits.mapDepthMax} value={view.depth} style={{ width: 64 }}
          onChange={(e) => {
            const depth = Number(e.target.value);
            if (Number.isInteger(depth) && depth >= 0 && depth <= limits.mapDepthMax) onChange({ depth });
          }} />
      </label>
      <div className="field" role="group" aria-label="Direction">Direction
        <div className="segmented">
          {directions.map((d) => <button key={d.value} type="button" aria-pressed={view.direction === d.value} title={d.hint} onClick={() => onChange({ direction: d.value })}>{d.label}</button>)}
        </div>
      </div>
      <div className="field" role="group" aria-label="Layout">Layout
        <div className="segmented">
          <button type="button" aria-pressed={view.layout === 'layered'} title="top-down by reliance" onClick={() => onChange({ layout: 'layered' })}>Layered</button>
          <button type="button" aria-pressed={view.layout === 'force'} title="force-directed, for exploring" onClick={() => onChange({ layout: 'force' })}>Force</button>
        </div>
      </div>
    </div>
  );
}
