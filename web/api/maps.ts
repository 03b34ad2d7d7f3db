import type { MapDirection, Neighbourhood, ServiceMap } from '../../schema/explorer.ts';
import { apiUrl, requestJson } from './client.ts';

/** What a neighbourhood map asks the server for. */
export interface NeighbourhoodQuery {
  roots: string[];
  depth: number;
  direction: MapDirection;
  maxCIs?: number;
}

/** The CIs around some roots and the reliance among them (GET /api/v1/maps/neighbourhood). */
export function fetchNeighbourhood(query: NeighbourhoodQuery, signal?: AbortSignal): Promise<Neighbourhood> {
  const url = apiUrl('/maps/neighbourhood', { ci: query.roots, depth: query.depth, direction: query.direction, maxCIs: query.maxCIs });
  return requestJson<Neighbourhood>(url, { signal: signal ?? null });
}

/** Every service and the reliance between services (GET /api/v1/maps/services). */
export function fetchServiceMap(signal?: AbortSignal): Promise<ServiceMap> {
  return requestJson<ServiceMap>(apiUrl('/maps/services'), { signal: signal ?? null });
}
