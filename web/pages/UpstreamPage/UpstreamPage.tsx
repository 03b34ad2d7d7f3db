import { useMemo, useRef } from 'react';
import { Link } from 'react-router';
import type { UpstreamReport } from '../../../schema/impact.ts';
import { limits } from '../../../schema/limits.ts';
import { GraphCanvas, type GraphCanvasHandle } from '../../components/GraphCanvas.tsx';
import { Legend } from '../../components/Legend.tsx';
import { ErrorPanel, Loading } from '../../components/QueryState.tsx';
import { TargetPicker } from '../../components/TargetPicker.tsx';
import { upstreamToMap } from '../../graph/analysisMaps.ts';
import { shapeMap } from '../../graph/shapeMap.ts';
import { defaultMapView, upstreamViewFromParams, upstreamViewToParams, type UpstreamView } from '../../graph/viewState.ts';
import { useUpstream } from '../../hooks/useAnalysis.ts';
import { useNeighbourhood } from '../../hooks/useMaps.ts';
import { useUrlView } from '../../hooks/useUrlView.ts';
import { ciPath, incidentFormPath } from '../../paths.ts';

const windows = [{ value: '1h', label: 'last hour' }, { value: '6h', label: 'last 6 hours' }, { value: '24h', label: 'last 24 hours' }, { value: '7d', label: 'last 7 days' }];

/**
 * The incident view: from failing services upstream to what they rely on,
 * with candidate causes ranked (shared by more symptoms, changed recently,
 * nearer) and the reason for each rank.
 */
export function UpstreamPage() {
  const { view, problems, setView } = useUrlView(upstreamViewFromParams, upstreamViewToParams);
  const request = useMemo(() => (view.symptoms.length ? { symptoms: view.symptoms, since: view.since, onLimit: 'truncate' as const } : undefined), [view.symptoms, view.since]);
  const query = useUpstream(request);
  // The real reliance edges among what the symptoms rely on, so that shared dependencies show as shared.
  const neighbourhood = useNeighbourhood({ roots: view.symptoms, direction: 'upstream', depth: limits.mapDepthMax });
  const canvas = useRef<GraphCanvasHandle>(null);
  const update = (changes: Partial<UpstreamView>, push = false) => setView({ ...view, ...changes }, { push });
  const report = query.data;
  const relationships = neighbourhood.data?.edges;
  const names = useMemo(() => new Map((neighbourhood.data?.nodes ?? []).map((n) => [n.id, { name: n.name, type: n.type }])), [neighbourhood.data]);
  const shaped = useMemo(() => (report && !neighbourhood.isPending ? shapeUpstream(report, view.selected, { names, ...(relationships ? { relationships } : {}) }) : undefined), [report, view.selected, names, relationships, neighbourhood.isPending]);
  const select = (id: string) => {
    update({ selected: id });
    canvas.current?.focusNode(id);
  };
  return (
    <div className="map-page wide-side">
      <div className="map-column">
        <div className="map-toolbar">
          <TargetPicker label="Failing" targets={view.symptoms.map((id) => ({ id, effect: 'down' as const }))} onChange={(targets) => update({ symptoms: targets.map((t) => t.id), selected: undefined }, true)} />
          <label className="field">Changes in the
            <select value={windows.some((w) => w.value === view.since) ? view.since : ''} onChange={(e) => update({ since: e.target.value })}>
              {!windows.some((w) => w.value === view.since) && <option value="">since {view.since}</option>}
              {windows.map((w) => <option key={w.value} value={w.value}>{w.label}</option>)}
            </select>
          </label>
          {view.symptoms.length > 0 && <Link className="button" to={incidentFormPath(view.symptoms)}>Open an incident on these</Link>}
        </div>
        <div className="map-notice" role="status" aria-live="polite">
          {problems.length > 0 && <span>Parts of the link were not understood: {problems.join('; ')}.</span>}
          {shaped && shaped.cut > 0 && <span>Drawing {shaped.drawnNodes.toLocaleString('en')} of {report!.dependencies.length.toLocaleString('en')} dependencies: the nearest and the ranked candidates first.</span>}
          {report?.truncated && <span>The walk stopped at its size limit: what lies further upstream is not listed.</span>}
        </div>
        {view.symptoms.length === 0 ? <div className="empty">Add the services that are failing: their shared dependencies rank first.</div>
          : query.isError ? <div style={{ padding: 16 }}><ErrorPanel error={query.error} title="The upstream analysis failed" /></div>
          : !shaped ? <Loading what="what they rely on" />
          : <GraphCanvas ref={canvas} elements={shaped.elements} layout="layered" label={`Upstream of ${view.symptoms.join(', ')}`} exportName={`trellis-upstream-${view.symptoms[0]}`} fitTo={shaped.focus} onSelect={(id) => update(id ? { selected: id } : { selected: undefined })} />}
      </div>
      <aside className="side" aria-label="Candidate causes">
        {report ? <Candidates report={report} selected={view.selected} onSelect={select} /> : <section><h2>Candidate causes</h2><p className="muted">{query.isError ? 'No answer: see the error on the left.' : request ? 'Walking upstream…' : 'No analysis yet.'}</p></section>}
        <section><h2>Legend</h2><Legend types={['Service', 'Component', 'RedundancyGroup']} candidates /></section>
      </aside>
    </div>
  );
}

/** The upstream map: symptoms as roots, candidates marked with their rank, the selected dependency's chain highlighted. */
function shapeUpstream(report: UpstreamReport, selected: string | undefined, known: Parameters<typeof upstreamToMap>[1]) {
  const candidates = new Map(report.candidates.map((c) => [c.id, c.rank]));
  const path = selected ? report.dependencies.find((d) => d.id === selected)?.path : undefined;
  // Ranked candidates are kept past the budget, like the roots.
  const shaped = shapeMap(upstreamToMap(report, known), { ...defaultMapView(), roots: [...report.symptoms, ...report.candidates.map((c) => c.id)] }, {
    candidates,
    ...(path ? { selectedPath: { nodes: path } } : {}),
  });
  // The view opens on the symptoms and the first candidates, where an incident starts.
  return { ...shaped, focus: [...report.symptoms, ...report.candidates.slice(0, 5).map((c) => c.id)] };
}

function Candidates({ report, selected, onSelect }: { report: UpstreamReport; selected: string | undefined; onSelect: (id: string) => void }) {
  return (
    <section aria-labelledby="candidates-title">
      <h2 id="candidates-title">Candidate causes</h2>
      <p className="muted" style={{ fontSize: 12.5 }}>{report.dependencies.length.toLocaleString('en')} dependencies upstream of {report.symptoms.length} failing CI{report.symptoms.length === 1 ? '' : 's'}; changes since {report.since}.</p>
      {report.candidates.length === 0 ? <p className="muted">Nothing upstream: these CIs rely on nothing Trellis knows.</p> : (
        <ol className="candidates" style={{ margin: 0, paddingLeft: 22 }}>
          {report.candidates.map((c) => (
            <li key={c.id} aria-current={c.id === selected ? 'true' : undefined} style={{ marginBottom: 8 }}>
              <button type="button" className="link" onClick={() => onSelect(c.id)}><strong>{c.name}</strong></button>{' '}
              <Link to={ciPath(c.id)} className="muted" style={{ fontSize: 12 }}>CI page</Link>
              <ul className="reasons">{c.reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul>
            </li>
          ))}
        </ol>
      )}
      {report.unavailableSignals.length > 0 && <p className="muted" style={{ fontSize: 12 }}>Not yet used for ranking (no data source): {report.unavailableSignals.map((s) => s.replaceAll('_', ' ')).join(', ')}.</p>}
    </section>
  );
}
