import { useMemo, useRef } from 'react';
import type { ImpactReport } from '../../../schema/impact.ts';
import { GraphCanvas, type GraphCanvasHandle } from '../../components/GraphCanvas.tsx';
import { Legend } from '../../components/Legend.tsx';
import { ErrorPanel, Loading } from '../../components/QueryState.tsx';
import { TargetPicker } from '../../components/TargetPicker.tsx';
import { impactToMap } from '../../graph/analysisMaps.ts';
import { shapeMap } from '../../graph/shapeMap.ts';
import { impactById } from '../../graph/toElements.ts';
import { defaultMapView, impactViewFromParams, impactViewToParams, type ImpactView } from '../../graph/viewState.ts';
import { useImpact } from '../../hooks/useAnalysis.ts';
import { useUrlView } from '../../hooks/useUrlView.ts';
import { ImpactLists } from './ImpactLists.tsx';
import { ImpactSummary } from './ImpactSummary.tsx';
import { NewChangeLink } from './NewChangeLink.tsx';

/**
 * "If we do this, what breaks, how badly, and who must know?": targets and
 * effects chosen from search, every impacted CI drawn by state, the path that
 * explains a clicked node, and the lists a change manager sends on.
 */
export function ImpactPage() {
  const { view, problems, setView } = useUrlView(impactViewFromParams, impactViewToParams);
  const request = useMemo(() => (view.targets.length ? { targets: view.targets, onLimit: 'truncate' as const } : undefined), [view.targets]);
  const query = useImpact(request);
  const canvas = useRef<GraphCanvasHandle>(null);
  const update = (changes: Partial<ImpactView>) => setView({ ...view, ...changes });
  const report = query.data;
  const shaped = useMemo(() => (report ? shapeImpact(report, view) : undefined), [report, view]);
  const title = `Impact of ${view.targets.map((t) => t.id).join(', ') || '…'}`;
  return (
    <div className="map-page wide-side">
      <div className="map-column">
        <div className="map-toolbar">
          <TargetPicker
            label="Targets" effects targets={view.targets}
            onChange={(targets) => setView({ targets }, { push: true })}
          />
          <NewChangeLink targets={view.targets} />
        </div>
        <div className="map-notice" role="status" aria-live="polite">
          {problems.length > 0 && <span>Parts of the link were not understood: {problems.join('; ')}.</span>}
          {shaped && shaped.cut > 0 && <span>Drawing {shaped.drawnNodes.toLocaleString('en')} of {report!.impacted.length.toLocaleString('en')} impacted CIs (the closest to the targets and the most critical); the lists on the right are complete.</span>}
          {report?.truncated && <span>The analysis stopped at its size limit: what lies further is not assessed.</span>}
        </div>
        {view.targets.length === 0 ? <div className="empty">Choose the CIs a change takes down or degrades: search above, or open a CI and choose “Impact if it goes down”.</div>
          : query.isError ? <div style={{ padding: 16 }}><ErrorPanel error={query.error} title="The impact analysis failed" /></div>
          : !shaped ? <Loading what="the impact" />
          : <GraphCanvas ref={canvas} elements={shaped.elements} layout="layered" label={title} exportName={`trellis-impact-${view.targets[0]?.id ?? ""}`} onSelect={(id) => update({ ...(id ? { selected: id } : { selected: undefined }) })} />}
      </div>
      <aside className="side" aria-label="Impact details">
        {report ? <>
          <ImpactSummary report={report} selected={view.selected} onSelect={(id) => { update({ selected: id }); canvas.current?.focusNode(id); }} />
          <ImpactLists report={report} name={view.targets[0]?.id ?? 'impact'} onSelect={(id) => { update({ selected: id }); canvas.current?.focusNode(id); }} />
          <section><h2>Legend</h2><Legend types={['Service', 'Component', 'RedundancyGroup']} states /></section>
        </> : <section><h2>Impact</h2><p className="muted">{query.isError ? 'No answer: see the error on the left.' : query.isPending && request ? 'Running the analysis…' : 'No analysis yet.'}</p></section>}
      </aside>
    </div>
  );
}

/** The impact map: impacted CIs by state, targets as roots, the selected CI's explanation path highlighted. */
function shapeImpact(report: ImpactReport, view: ImpactView) {
  const impacted = impactById(report.impacted);
  const selectedPath = view.selected ? impacted.get(view.selected)?.path : undefined;
  return shapeMap(impactToMap(report), { ...defaultMapView(), roots: report.targets.map((t) => t.id) }, {
    impact: impacted,
    ...(selectedPath ? { selectedPath: { nodes: selectedPath } } : {}),
  });
}
