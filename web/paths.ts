import { readableQuery } from './graph/searchParams.ts';
import { defaultMapView, impactViewToParams, upstreamViewToParams, viewToParams, type ImpactView } from './graph/viewState.ts';
import { limits } from '../schema/limits.ts';

/** Links between pages, in one place, written by the same functions that read each page's view back. */
export const ciPath = (id: string) => `/ci/${encodeURIComponent(id)}`;
export const mapPath = (ids: string[]) => `/map?${readableQuery(viewToParams({ ...defaultMapView(), roots: ids }))}`;
export const impactPath = (ids: string[]) => `/impact?${readableQuery(impactViewToParams({ targets: ids.map((id) => ({ id, effect: 'down' })) }))}`;
export const upstreamPath = (ids: string[]) => `/upstream?${readableQuery(upstreamViewToParams({ symptoms: ids, since: `${limits.lookBackHoursDefault}h` }))}`;
/** The new-incident form on the given affected CIs (the upstream view's symptoms). */
export const incidentFormPath = (affected: string[]) => `/incidents/new${affected.length ? `?${affected.map((id) => `affected=${encodeURIComponent(id)}`).join('&')}` : ''}`;
/** The new-change form with targets and effects chosen (from an impact), in the impact view's own `t=` form. */
export const changeFormPath = (targets: ImpactView['targets']) => `/changes/new?${readableQuery(impactViewToParams({ targets }))}`;
