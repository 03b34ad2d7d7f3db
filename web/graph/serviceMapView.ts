import { z } from 'zod';
import { ciIdSchema } from '../../schema/identifiers.ts';
import { limits } from '../../schema/limits.ts';
import { appendAll, intInRange, readClamped, readList, readOne } from './searchParams.ts';
import type { ServiceGrouping } from './serviceMapElements.ts';

/** What the service map shows: how services are boxed, which tiers, how many, and the one selected. */
export interface ServiceMapView {
  groupBy: ServiceGrouping;
  criticalities: number[];
  budget: number;
  selected?: string;
}

const groupings = z.enum(['owner', 'domain', 'system', 'none']);

/** The search params of a service map view, defaults left out. */
export function serviceMapViewToParams(view: ServiceMapView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.groupBy !== 'owner') params.set('group', view.groupBy);
  appendAll(params, 'crit', view.criticalities);
  if (view.budget !== limits.mapNodeBudgetDefault) params.set('budget', String(view.budget));
  if (view.selected) params.set('sel', view.selected);
  return params;
}

/** A service map view read from search params; bad values fall back to defaults and are reported. */
export function serviceMapViewFromParams(params: URLSearchParams): { view: ServiceMapView; problems: string[] } {
  const problems: string[] = [];
  const groupBy = readOne(params, 'group', groupings, 'owner', problems);
  const criticalities = readList(params, 'crit', intInRange(1, 4), problems);
  const budget = readClamped(params, 'budget', { min: 10, max: limits.mapNodeBudgetMax, fallback: limits.mapNodeBudgetDefault }, problems);
  const selected = readOne(params, 'sel', ciIdSchema.optional(), undefined, problems);
  return { view: { groupBy, criticalities, budget, ...(selected ? { selected } : {}) }, problems };
}
