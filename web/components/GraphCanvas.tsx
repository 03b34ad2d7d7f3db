import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import cytoscapeSvg from 'cytoscape-svg';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { graphStylesheet } from '../graph/graphStyle.ts';
import { download, fileNameOf } from './download.ts';
import type { LayoutAlgorithm } from '../graph/layout/layoutMessages.ts';
import { runLayout, warmLayoutWorker } from '../graph/layout/runLayout.ts';

cytoscape.use(cytoscapeSvg);

/** A drawable element: cytoscape's plain definition (data with an id, classes). */
export type CanvasElement = { group: 'nodes' | 'edges'; data: { id: string; parent?: string; source?: string; target?: string }; classes: string };

/** What a page can ask of its map (zoom, fit and export are the map's own buttons). */
export interface GraphCanvasHandle {
  /** Centres a node and selects it. */
  focusNode: (id: string) => void;
}

interface GraphCanvasProps {
  elements: readonly CanvasElement[];
  layout: LayoutAlgorithm;
  /** Accessible name of the map, e.g. "Neighbourhood of Checkout". */
  label: string;
  /** File name (without extension) of PNG and SVG exports. */
  exportName: string;
  /** After a layout, fit the view to these nodes (and their neighbours) instead of the whole map. */
  fitTo?: readonly string[];
  onSelect?: (id: string | undefined) => void;
  onExpand?: (id: string) => void;
}

/**
 * The map surface: cytoscape drawing what the page shaped, laid out in a worker.
 * When only classes or data change (a selection, a highlighted path) the
 * elements are updated in place and nothing moves; a new set of nodes or
 * another layout lays the map out again.
 */
export const GraphCanvas = forwardRef<GraphCanvasHandle, GraphCanvasProps>(function GraphCanvas({ elements, layout, label, exportName, fitTo, onSelect, onExpand }, ref) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | undefined>(undefined);
  const shape = useRef('');
  // What to draw once a layout arrives: the latest elements, whose classes may have changed meanwhile.
  const latest = useRef(elements);
  latest.current = elements;
  // A node asked for before the map holding it is drawn (a service found by name that the budget had cut).
  const pendingFocus = useRef<string | undefined>(undefined);
  const handlers = useRef({ onSelect, onExpand });
  handlers.current = { onSelect, onExpand };
  const [status, setStatus] = useState<{ busy: boolean; engine?: string; ms?: number; drawMs?: number; drawnAt?: number; error?: string }>({ busy: false });

  useEffect(() => {
    warmLayoutWorker();
    const core = cytoscape({ container: container.current, style: graphStylesheet() as unknown as cytoscape.StylesheetJson, minZoom: 0.03, maxZoom: 4, boxSelectionEnabled: false, selectionType: 'single' });
    core.on('tap', 'node', (event) => handlers.current.onSelect?.(event.target.id()));
    core.on('tap', (event) => {
      if (event.target === core) handlers.current.onSelect?.(undefined);
    });
    core.on('dbltap', 'node', (event) => handlers.current.onExpand?.(event.target.id()));
    cy.current = core;
    return () => {
      core.destroy();
      // A new surface (React's StrictMode mounts twice in development) lays its map out afresh.
      shape.current = '';
    };
  }, []);

  useEffect(() => {
    const core = cy.current;
    if (!core) return;
    const nextShape = `${layout}|${elements.map((e) => e.data.id).join('\n')}`;
    if (nextShape === shape.current) {
      core.batch(() => {
        for (const element of elements) core.getElementById(element.data.id).classes(element.classes).data(element.data);
      });
      return;
    }
    shape.current = nextShape;
    setStatus({ busy: true });
    const nodes = elements.filter((e) => e.group === 'nodes').map((e) => ({ id: e.data.id, ...(e.data.parent ? { parent: e.data.parent } : {}), width: 34, height: 30 }));
    const edges = elements.filter((e) => e.group === 'edges').map((e) => ({ source: e.data.source!, target: e.data.target! }));
    runLayout(layout, nodes, edges).then(
      (result) => {
        // A newer shape took over while this one was laid out: its own layout will draw.
        const target = cy.current;
        if (shape.current !== nextShape || !target || target.destroyed()) return;
        const drawStart = performance.now();
        draw(target, latest.current, result.positions, fitTo);
        if (pendingFocus.current) centreOn(target, pendingFocus.current);
        pendingFocus.current = undefined;
        // Stamped on the frame after drawing: when the laid-out map is on screen (benchmarks read it).
        requestAnimationFrame(() => setStatus({ busy: false, engine: result.engine, ms: result.ms, drawMs: Math.round(performance.now() - drawStart), drawnAt: Math.round(performance.now()) }));
      },
      (error: Error) => {
        if (shape.current === nextShape && error.name !== 'AbortError') setStatus({ busy: false, error: error.message });
      },
    );
  }, [elements, layout]);

  useImperativeHandle(ref, () => ({
    focusNode: (id) => {
      if (!cy.current || !centreOn(cy.current, id)) pendingFocus.current = id;
    },
  }), []);

  const nodeCount = elements.filter((e) => e.group === 'nodes').length;
  return (
    <div className="map-canvas-wrap">
      <div
        ref={container} className="map-canvas" role="img" aria-label={`${label}: ${nodeCount} nodes`}
        data-testid="map-canvas" data-nodes={nodeCount} data-edges={elements.length - nodeCount}
        data-ready={status.busy ? 'false' : 'true'} data-engine={status.engine ?? ''} data-layout-ms={status.ms ?? ''} data-drawn-at={status.drawnAt ?? ''} data-draw-ms={status.drawMs ?? ''}
      />
      <div className="map-controls" role="toolbar" aria-label="Zoom">
        <button type="button" onClick={() => zoom(cy.current, 1.4)} aria-label="Zoom in" title="Zoom in">+</button>
        <button type="button" onClick={() => zoom(cy.current, 1 / 1.4)} aria-label="Zoom out" title="Zoom out">−</button>
        <button type="button" onClick={() => cy.current?.fit(undefined, 30)} aria-label="Fit the map to the window" title="Fit">Fit</button>
        <span className="controls-gap" />
        <button type="button" aria-label="Export PNG" title="Save the whole map as a PNG image" onClick={() => cy.current && download(exportPng(cy.current), `${fileNameOf(exportName)}.png`)}>PNG</button>
        <button type="button" aria-label="Export SVG" title="Save the whole map as an SVG drawing" onClick={() => cy.current && download(exportSvg(cy.current), `${fileNameOf(exportName)}.svg`)}>SVG</button>
        <button type="button" aria-label="Copy link" title="Copy a link that reproduces this view" onClick={() => void navigator.clipboard?.writeText(window.location.href)}>Link</button>
      </div>
      {status.busy && <div className="map-overlay loading" role="status">Laying out {nodeCount.toLocaleString('en')} nodes…</div>}
      {status.error && <div className="map-overlay message error" role="alert">{status.error}</div>}
    </div>
  );
});

/** Replaces the map's elements in one batch, each placed where the layout put it, and fits the view. */
function draw(core: Core, elements: readonly CanvasElement[], positions: Record<string, { x: number; y: number }>, fitTo: readonly string[] | undefined) {
  core.batch(() => {
    core.elements().remove();
    core.add(elements.map((e) => (e.group === 'nodes' && positions[e.data.id] ? { ...e, position: positions[e.data.id] } : e)) as ElementDefinition[]);
  });
  let focus = core.collection();
  for (const id of fitTo ?? []) focus = focus.union(core.getElementById(id));
  core.fit(focus.nonempty() ? focus : undefined, 40);
  // Large maps pan and zoom as a bitmap, edges hidden while moving, so frames stay cheap.
  // NOTE: cytoscape reads these renderer fields each frame but only sets them at start; set here per map.
  const renderer = (core as unknown as { renderer: () => { hideEdgesOnViewport: boolean; textureOnViewport: boolean } }).renderer();
  const large = elements.length > largeMapElements;
  renderer.hideEdgesOnViewport = large;
  renderer.textureOnViewport = large;
}

/** Elements (nodes and edges) past which a map pans and zooms as a bitmap. */
const largeMapElements = 2500;

/** Zooms about the centre of the view. */
function zoom(core: Core | undefined, factor: number) {
  if (core) core.zoom({ level: core.zoom() * factor, renderedPosition: { x: core.width() / 2, y: core.height() / 2 } });
}

/** The whole map as a PNG, at twice the screen's resolution (bounded for huge maps). */
function exportPng(core: Core): Blob {
  return core.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff', maxWidth: 8000, maxHeight: 8000 });
}

/** The whole map as an SVG drawing (cytoscape-svg). */
function exportSvg(core: Core): Blob {
  return new Blob([(core as unknown as { svg: (o: object) => string }).svg({ full: true, bg: '#ffffff' })], { type: 'image/svg+xml' });
}

/** Selects a node and centres the view on it; false when the map does not hold it (yet). */
function centreOn(core: Core, id: string): boolean {
  const node = core.getElementById(id);
  if (node.empty()) return false;
  core.elements().unselect();
  node.select();
  core.animate({ center: { eles: node }, zoom: Math.max(core.zoom(), 1) }, { duration: 250 });
  return true;
}
