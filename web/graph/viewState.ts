import { z } from 'zod';
import { ciTypeSchema, type CIType } from '../../schema/ciTypes.ts';
import { mapDirectionSchema, type MapDirection } from '../../schema/explorer.ts';
import { ciIdSchema } from '../../schema/identifiers.ts';
import { impactEffectSchema, lookBackSchema, type ImpactEffect } from '../../schema/impact.ts';
import { limits } from '../../schema/limits.ts';
import { appendAll, intInRange, readClamped, readList, readOne } from './searchParams.ts';

/**
 * The whole view of a map, of an impact analysis and of an upstream analysis as
 * URL search params and back, so that a link reopens exactly what was on screen.
 * Only values that differ from the defaults are written.
 */

/** Whether stale CIs (no source asserts them any more) are shown, shown alone, or hidden. */
export type StaleFilter = 'any' | 'only' | 'hide';

/** What a map shows: each non-empty list keeps only the CIs matching one of its values. */
export interface MapFilters {
  types: CIType[];
  environments: string[];
  providers: string[];
  /** Source kinds (`terraform`) or whole scopes (`terraform:abc`). */
  sources: string[];
  criticalities: number[];
  stale: StaleFilter;
}

/** Everything that decides what a map draws. */
export interface MapView {
  roots: string[];
  depth: number;
  direction: MapDirection;
  layout: 'layered' | 'force';
  filters: MapFilters;
  /** Keys of the roll-up groups drawn as one node. */
  collapsed: string[];
  /** How many nodes to draw before cutting. */
  budget: number;
  /** The two CIs whose connection is highlighted. */
  path?: { from: string; to: string };
  /** Nodes whose cut neighbours were shown ("show more"). */
  expanded: string[];
}

/** A map view with every default: no roots, depth 2, both directions, nothing filtered. */
export function defaultMapView(): MapView {
  return {
    roots: [],
    depth: limits.mapDepthDefault,
    direction: 'both',
    layout: 'layered',
    filters: { types: [], environments: [], providers: [], sources: [], criticalities: [], stale: 'any' },
    collapsed: [],
    budget: limits.mapNodeBudgetDefault,
    expanded: [],
  };
}

const facetValue = z.string().min(1, 'empty').max(500, 'too long');
const groupKey = z.string().regex(/^(group|system|namespace):[A-Za-z0-9._:/-]{1,201}$/, 'not a group key');
const layoutSchema = z.enum(['layered', 'force']);
const staleSchema = z.enum(['any', 'only', 'hide']);
const criticality = intInRange(1, 4);

/** The search params of a map view, defaults left out. */
export function viewToParams(view: MapView): URLSearchParams {
  const params = new URLSearchParams();
  const defaults = defaultMapView();
  appendAll(params, 'ci', view.roots);
  if (view.depth !== defaults.depth) params.set('depth', String(view.depth));
  if (view.direction !== defaults.direction) params.set('dir', view.direction);
  if (view.layout !== defaults.layout) params.set('layout', view.layout);
  appendAll(params, 'type', view.filters.types);
  appendAll(params, 'env', view.filters.environments);
  appendAll(params, 'provider', view.filters.providers);
  appendAll(params, 'source', view.filters.sources);
  appendAll(params, 'crit', view.filters.criticalities);
  if (view.filters.stale !== 'any') params.set('stale', view.filters.stale);
  appendAll(params, 'collapse', view.collapsed);
  if (view.budget !== defaults.budget) params.set('budget', String(view.budget));
  if (view.path) {
    params.set('from', view.path.from);
    params.set('to', view.path.to);
  }
  appendAll(params, 'more', view.expanded);
  return params;
}

/** A map view read from search params; what could not be read is in `problems` and left at its default. */
export function viewFromParams(params: URLSearchParams): { view: MapView; problems: string[] } {
  const problems: string[] = [];
  const defaults = defaultMapView();
  const view: MapView = {
    roots: readList(params, 'ci', ciIdSchema, problems, limits.mapRootsMax),
    depth: readClamped(params, 'depth', { min: 0, max: limits.mapDepthMax, fallback: defaults.depth }, problems),
    direction: readOne(params, 'dir', mapDirectionSchema, defaults.direction, problems),
    layout: readOne(params, 'layout', layoutSchema, defaults.layout, problems),
    filters: {
      types: readList(params, 'type', ciTypeSchema, problems),
      environments: readList(params, 'env', facetValue, problems),
      providers: readList(params, 'provider', facetValue, problems),
      sources: readList(params, 'source', facetValue, problems),
      criticalities: readList(params, 'crit', criticality, problems),
      stale: readOne(params, 'stale', staleSchema, defaults.filters.stale, problems),
    },
    collapsed: readList(params, 'collapse', groupKey, problems),
    budget: readClamped(params, 'budget', { min: 1, max: limits.mapNodeBudgetMax, fallback: defaults.budget }, problems),
    expanded: readList(params, 'more', ciIdSchema, problems),
  };
  const path = readPath(params, problems);
  return { view: path ? { ...view, path } : view, problems };
}

/** `from` and `to`, both valid, or nothing. */
function readPath(params: URLSearchParams, problems: string[]): MapView['path'] {
  const from = readOne(params, 'from', ciIdSchema.optional(), undefined, problems);
  const to = readOne(params, 'to', ciIdSchema.optional(), undefined, problems);
  if (from !== undefined && to !== undefined) return { from, to };
  if (params.has('from') !== params.has('to')) problems.push('a path needs both from and to; none is shown');
  return undefined;
}

/** What an impact page shows: the targets with their effect, and the CI selected on it. */
export interface ImpactView {
  targets: { id: string; effect: ImpactEffect }[];
  selected?: string;
}

/**
 * A target as a link writes it: `t=<id>` when it goes down, `t=<id>~degraded`
 * when degraded. `~` is never part of a CI id, so any id reads back whole.
 */
const targetSchema = z
  .string()
  .transform((raw) => (raw.includes('~') ? { id: raw.slice(0, raw.lastIndexOf('~')), effect: raw.slice(raw.lastIndexOf('~') + 1) } : { id: raw, effect: 'down' }))
  .pipe(z.object({ id: ciIdSchema, effect: impactEffectSchema }));

/** The search params of an impact view. */
export function impactViewToParams(view: ImpactView): URLSearchParams {
  const params = new URLSearchParams();
  appendAll(params, 't', view.targets.map((t) => (t.effect === 'down' ? t.id : `${t.id}~${t.effect}`)));
  if (view.selected !== undefined) params.set('sel', view.selected);
  return params;
}

/** An impact view read from search params; a target named twice keeps its first effect. */
export function impactViewFromParams(params: URLSearchParams): { view: ImpactView; problems: string[] } {
  const problems: string[] = [];
  const targets: ImpactView['targets'] = [];
  for (const target of readList(params, 't', targetSchema, problems, limits.impactTargetsMax)) {
    if (targets.some((t) => t.id === target.id)) problems.push(`t=${target.id} is given twice; using the first`);
    else targets.push(target);
  }
  const selected = readOne(params, 'sel', ciIdSchema.optional(), undefined, problems);
  return { view: selected === undefined ? { targets } : { targets, selected }, problems };
}

/** What an upstream (incident) page shows: the symptomatic CIs, the look-back window, the CI selected. */
export interface UpstreamView {
  symptoms: string[];
  /** A duration such as `24h` or an ISO time (see lookBackSchema). */
  since: string;
  selected?: string;
}

const defaultSince = `${limits.lookBackHoursDefault}h`;

/** The search params of an upstream view: `s=` per symptomatic CI, `since` unless the default. */
export function upstreamViewToParams(view: UpstreamView): URLSearchParams {
  const params = new URLSearchParams();
  appendAll(params, 's', view.symptoms);
  if (view.since !== defaultSince) params.set('since', view.since);
  if (view.selected !== undefined) params.set('sel', view.selected);
  return params;
}

/** An upstream view read from search params. */
export function upstreamViewFromParams(params: URLSearchParams): { view: UpstreamView; problems: string[] } {
  const problems: string[] = [];
  const symptoms = readList(params, 's', ciIdSchema, problems, limits.upstreamSymptomsMax);
  const since = readOne(params, 'since', lookBackSchema, defaultSince, problems);
  const selected = readOne(params, 'sel', ciIdSchema.optional(), undefined, problems);
  return { view: selected === undefined ? { symptoms, since } : { symptoms, since, selected }, problems };
}
