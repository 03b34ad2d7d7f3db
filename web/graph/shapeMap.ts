import type { MapNode } from '../../schema/explorer.ts';
import { cutToBudget } from './cutToBudget.ts';
import { applyFilters } from './filterMap.ts';
import type { DrawnEdge, DrawnNode } from './mapGraph.ts';
import { collapse, findGroups, type RollUpGroup } from './rollUp.ts';
import { shortestPath, type MapPath } from './shortestPath.ts';
import { toElements, type ElementOptions, type MapElement } from './toElements.ts';
import type { MapView } from './viewState.ts';

/** Everything a map page draws and says about what it drew. */
export interface ShapedMap {
  elements: MapElement[];
  /** Roll-up groups present on the (filtered) map, collapsed or not. */
  groups: RollUpGroup[];
  /** Nodes the filters hid, and nodes the budget cut. */
  hidden: number;
  cut: number;
  drawnNodes: number;
  /** The highlighted path between the view's two CIs, when they are connected. */
  path?: MapPath;
  /** Why no path is drawn although one was asked for. */
  pathProblem?: string;
}

/** Decorations an analysis page adds (impact states, candidate ranks, an explanation path to highlight). */
export type Decorations = Pick<ElementOptions, 'impact' | 'candidates' | 'selectedPath'>;

/**
 * The pipeline from a loaded map to what is drawn, in the order that keeps
 * each step honest: filter, roll up, find the path on what is left, cut to the
 * budget (never cutting the roots or the path), then turn into elements.
 */
export function shapeMap(map: { nodes: readonly MapNode[]; edges: readonly DrawnEdge[] }, view: MapView, decorations: Decorations = {}): ShapedMap {
  const filtered = applyFilters(map.nodes as DrawnNode[], map.edges, view.filters, view.roots);
  const groups = findGroups(filtered.nodes, filtered.edges);
  const collapsed = collapse(filtered.nodes, filtered.edges, groups, view.collapsed);
  const drawn = (id: string) => collapsed.drawnAs.get(id) ?? id;
  const roots = [...new Set(view.roots.map(drawn))];
  let path: MapPath | undefined;
  let pathProblem: string | undefined;
  if (view.path) {
    path = shortestPath(collapsed, { from: drawn(view.path.from), to: drawn(view.path.to) });
    if (!path) pathProblem = `No path between ${view.path.from} and ${view.path.to} on this map (widen the depth, or clear a filter).`;
  }
  const cut = cutToBudget(collapsed.nodes, collapsed.edges, { budget: view.budget, roots: [...roots, ...(path?.nodes ?? decorations.selectedPath?.nodes ?? [])], expanded: view.expanded });
  const elements = toElements(cut.nodes, cut.edges, { roots, moreAt: cut.moreAt, ...decorations, ...(path ? { selectedPath: path } : {}) });
  return { elements, groups, hidden: filtered.hidden, cut: cut.cut, drawnNodes: cut.nodes.length, ...(path ? { path } : {}), ...(pathProblem ? { pathProblem } : {}) };
}
