import type { CIType } from '../../schema/ciTypes.ts';

/**
 * Every colour and shape of the maps, in one place: the cytoscape stylesheet,
 * the legend and the badges all read these tables, so they cannot disagree.
 * States use the Okabe-Ito palette (safe for the common colour-vision
 * deficiencies) and each also has its own shape and glyph: never colour alone.
 * `badge` is the fill behind text, dark enough for 4.5:1 contrast with `text`.
 */

export type ImpactState = 'down' | 'degraded' | 'at_risk';

/** How each impact state is drawn. */
export const statePalette: Record<ImpactState, { label: string; fill: string; badge: string; text: string; shape: string; glyph: string; meaning: string }> = {
  down: { label: 'Down', fill: '#D55E00', badge: '#A84300', text: '#ffffff', shape: 'octagon', glyph: '✕', meaning: 'not working' },
  degraded: { label: 'Degraded', fill: '#E69F00', badge: '#E69F00', text: '#1c2330', shape: 'triangle', glyph: '▼', meaning: 'working, with reduced function' },
  at_risk: { label: 'At risk', fill: '#56B4E9', badge: '#56B4E9', text: '#1c2330', shape: 'diamond', glyph: '!', meaning: 'working, redundancy lost' },
};

/** The states, worst first. */
export const impactStates: ImpactState[] = ['down', 'degraded', 'at_risk'];

/** How each CI type is drawn when no state colours it. */
export const typeStyle: Record<CIType, { shape: string; fill: string; border: string; label: string }> = {
  Service: { shape: 'round-rectangle', fill: '#e8effc', border: '#1f5bd1', label: 'Service' },
  Component: { shape: 'rectangle', fill: '#f1f3f6', border: '#6b7688', label: 'Component' },
  RedundancyGroup: { shape: 'barrel', fill: '#eef6f1', border: '#009E73', label: 'Redundancy group' },
  Team: { shape: 'ellipse', fill: '#f6effa', border: '#CC79A7', label: 'Team' },
  Supplier: { shape: 'hexagon', fill: '#fdf6e3', border: '#a07a00', label: 'Supplier' },
  Contract: { shape: 'tag', fill: '#fdf6e3', border: '#a07a00', label: 'Contract' },
};

/** Marks drawn on top of type and state. */
export const markStyle = {
  root: { border: '#1c2330', label: 'Where the map starts' },
  candidate: { border: '#CC79A7', label: 'Ranked candidate cause (number = rank)' },
  path: { line: '#0072B2', label: 'Selected path' },
  stale: { label: 'Stale: no source asserts it (dashed)' },
  more: { label: 'Has neighbours not drawn (+N)' },
} as const;

const font = 'Inter, "Segoe UI", system-ui, "DejaVu Sans", sans-serif';

/** Untyped cytoscape style entries (the map component passes them to cytoscape as they are). */
export type StyleEntry = { selector: string; style: Record<string, string | number> };

/** The cytoscape stylesheet of every map. */
export function graphStylesheet(): StyleEntry[] {
  const entries: StyleEntry[] = [
    {
      selector: 'node',
      style: {
        label: 'data(label)', 'font-family': font, 'font-size': 12, color: '#1c2330',
        'text-valign': 'bottom', 'text-halign': 'center', 'text-margin-y': 4,
        // Labels come shortened (shortLabel); cytoscape's own ellipsis measures text again and again, which
        // cost seconds at 2,000 nodes.
        'text-wrap': 'none',
        'text-background-color': '#fbfcfd', 'text-background-opacity': 0.85, 'text-background-padding': '1px',
        width: 26, height: 26, 'border-width': 1.5, 'min-zoomed-font-size': 5,
      },
    },
    ...Object.entries(typeStyle).map(([type, s]) => ({
      selector: `node.type-${type}`,
      style: { shape: s.shape, 'background-color': s.fill, 'border-color': s.border },
    })),
    { selector: 'node.type-Service, node.service', style: { width: 34, height: 26 } },
    { selector: 'node.service', style: { shape: typeStyle.Service.shape, 'background-color': typeStyle.Service.fill, 'border-color': typeStyle.Service.border } },
    { selector: 'node.crit-1', style: { 'border-width': 4, 'font-weight': 600 } },
    { selector: 'node.crit-2', style: { 'border-width': 3 } },
    { selector: 'node.stale', style: { 'border-style': 'dashed', opacity: 0.75 } },
    { selector: 'node.root', style: { 'border-color': markStyle.root.border, 'border-width': 4, 'font-weight': 600 } },
    { selector: 'node.group', style: { width: 44, height: 34, 'border-width': 3, 'border-style': 'double' } },
    { selector: 'node.type-Namespace', style: { shape: 'round-rectangle', 'background-color': '#eef1f6', 'border-color': '#6b7688' } },
    ...impactStates.map((state) => ({
      selector: `node.state-${state}`,
      style: { shape: statePalette[state].shape, 'background-color': statePalette[state].fill, 'border-color': '#1c2330', width: 30, height: 30 },
    })),
    { selector: 'node.candidate', style: { 'border-color': markStyle.candidate.border, 'border-width': 5, 'border-style': 'double', 'background-color': '#f7e1ee', width: 36, height: 32, 'font-weight': 600, 'z-index': 10 } },
    { selector: 'node.has-more', style: { 'outline-width': 2, 'outline-color': '#6b7688', 'outline-offset': 3, 'outline-style': 'dotted' } },
    { selector: ':parent', style: { 'background-color': '#f3f5f8', 'border-color': '#d3d8df', 'border-width': 1, shape: 'round-rectangle', 'text-valign': 'top', 'text-halign': 'center', 'font-size': 13, 'font-weight': 600, color: '#5b6575', padding: '14px', 'text-margin-y': -4, 'text-max-width': '400px' } },
    {
      selector: 'edge',
      style: {
        width: 1.2, 'line-color': '#a9b1be', 'target-arrow-color': '#a9b1be', 'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9, 'curve-style': 'bezier',
      },
    },
    { selector: 'edge.soft', style: { 'line-style': 'dashed' } },
    { selector: 'edge.member', style: { 'line-color': '#7cc4ac', 'target-arrow-color': '#7cc4ac', 'target-arrow-shape': 'circle' } },
    { selector: 'edge.impacted', style: { 'line-color': '#8a7f76', 'target-arrow-color': '#8a7f76', width: 1.6 } },
    { selector: 'node:selected', style: { 'overlay-color': '#1f5bd1', 'overlay-opacity': 0.18, 'overlay-padding': 6 } },
    { selector: '.faded', style: { opacity: 0.18 } },
    { selector: 'node.on-path', style: { 'border-color': markStyle.path.line, 'border-width': 4, 'z-index': 20 } },
    { selector: 'edge.on-path', style: { 'line-color': markStyle.path.line, 'target-arrow-color': markStyle.path.line, width: 4, 'z-index': 20 } },
  ];
  return entries;
}

/** CSS custom properties of the state colours, for badges and tables outside the canvas. */
export function stateCssVariables(): Record<string, string> {
  return Object.fromEntries(impactStates.flatMap((state) => [[`--state-${state}`, statePalette[state].fill], [`--state-${state}-text`, statePalette[state].text]]));
}
