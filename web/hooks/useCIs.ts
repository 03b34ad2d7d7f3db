import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchCIPage, searchCIs, type CISearch } from '../api/cis.ts';
import { fetchOverview } from '../api/overview.ts';

/**
 * CI searches and pages. Each query receives TanStack Query's abort signal, so
 * a search superseded by the next keystroke is cancelled on the wire.
 */
export function useCISearch(search: CISearch, enabled = true) {
  return useQuery({
    queryKey: ['cis', search],
    queryFn: ({ signal }) => searchCIs(search, signal),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

/** Everything the CI page shows. */
export function useCIPage(id: string) {
  return useQuery({ queryKey: ['ci-page', id], queryFn: ({ signal }) => fetchCIPage(id, signal) });
}

/** The estate at a glance. */
export function useOverview() {
  return useQuery({ queryKey: ['overview'], queryFn: ({ signal }) => fetchOverview(signal) });
}
