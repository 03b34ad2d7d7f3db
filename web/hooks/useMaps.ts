import { useQuery } from '@tanstack/react-query';
import { fetchNeighbourhood, fetchServiceMap, type NeighbourhoodQuery } from '../api/maps.ts';

/** The neighbourhood a map view asks for; nothing is asked until it names a CI. */
export function useNeighbourhood(query: NeighbourhoodQuery) {
  return useQuery({
    queryKey: ['neighbourhood', query],
    queryFn: ({ signal }) => fetchNeighbourhood(query, signal),
    enabled: query.roots.length > 0,
  });
}

/** The estate's service map (derived on the server, cached there until the next write). */
export function useServiceMap() {
  return useQuery({ queryKey: ['service-map'], queryFn: ({ signal }) => fetchServiceMap(signal), staleTime: 60_000 });
}
