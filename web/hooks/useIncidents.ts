import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IncidentRequest } from '../../schema/incidents.ts';
import { getChangeStats, getIncident, listIncidents, openIncident, resolveIncident, type IncidentFilter } from '../api/incidents.ts';

/** One page of incidents by the list's filter. */
export function useIncidentList(filter: IncidentFilter, enabled = true) {
  return useQuery({ queryKey: ['incidents', filter], queryFn: ({ signal }) => listIncidents(filter, signal), placeholderData: keepPreviousData, enabled });
}

/** One incident with its ETag. */
export function useIncident(id: string | undefined) {
  return useQuery({ queryKey: ['incident', id], queryFn: ({ signal }) => getIncident(id!, signal), enabled: Boolean(id) });
}

/** Resolves an incident, then shows the answer and refreshes the lists. */
export function useResolveIncident(id: string, etag: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (resolution: string) => resolveIncident(id, etag, resolution),
    onSuccess: (answer) => {
      client.setQueryData(['incident', id], answer);
      void client.invalidateQueries({ queryKey: ['incidents'] });
    },
  });
}

/** Opens an incident, then keeps the answer for its page and refreshes the lists (and the changes it suspects). */
export function useOpenIncident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: Partial<IncidentRequest>) => openIncident(request),
    onSuccess: (answer) => {
      client.setQueryData(['incident', answer.body.id], answer);
      void client.invalidateQueries({ queryKey: ['incidents'] });
      void client.invalidateQueries({ queryKey: ['change'] });
    },
  });
}

/** The change measures over a period. */
export function useChangeStats(from: string, to: string) {
  return useQuery({ queryKey: ['change-stats', from, to], queryFn: ({ signal }) => getChangeStats(from, to, signal), placeholderData: keepPreviousData });
}
