import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  checkAssessment, getCalendar, getChange, listChanges, listTemplates, requestChange, reviseChange,
  type ChangeFilter, type ChangeRequestInput, type VersionedChange,
} from '../api/changes.ts';

/** One page of changes by the list's filter. */
export function useChangeList(filter: ChangeFilter) {
  return useQuery({ queryKey: ['changes', filter], queryFn: ({ signal }) => listChanges(filter, signal), placeholderData: keepPreviousData });
}

/** One change with its ETag. */
export function useChange(id: string | undefined) {
  return useQuery({ queryKey: ['change', id], queryFn: ({ signal }) => getChange(id!, signal), enabled: Boolean(id) });
}

/** Whether a change's assessment still holds. */
export function useAssessmentCheck(id: string, enabled: boolean) {
  return useQuery({ queryKey: ['change', id, 'assessment'], queryFn: ({ signal }) => checkAssessment(id, signal), enabled });
}

/** The calendar between two instants. */
export function useChangeCalendar(from: string, to: string) {
  return useQuery({ queryKey: ['calendar', from, to], queryFn: ({ signal }) => getCalendar(from, to, signal), placeholderData: keepPreviousData });
}

/** The standard-change templates (for the form). */
export function useTemplates() {
  return useQuery({ queryKey: ['change-templates'], queryFn: ({ signal }) => listTemplates(signal), staleTime: 60_000 });
}

/**
 * Any write to one change (a move, a decision, a review, assessing again): it
 * sends the ETag the page read and, once done, shows the answer and refreshes
 * the lists and calendar that show it.
 */
export function useChangeAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (write: () => Promise<VersionedChange>) => write(),
    onSuccess: (answer) => afterWrite(client, id, answer),
  });
}

/** Requests a new change, or revises one (`id` given, with its ETag). */
export function useSaveChange(id: string | undefined, etag: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: ChangeRequestInput) => (id ? reviseChange(id, etag, request) : requestChange(request)),
    onSuccess: (answer) => afterWrite(client, answer.body.id, answer),
  });
}

function afterWrite(client: ReturnType<typeof useQueryClient>, id: string, answer: VersionedChange) {
  client.setQueryData(['change', id], answer);
  void client.invalidateQueries({ queryKey: ['change', id, 'assessment'] });
  void client.invalidateQueries({ queryKey: ['changes'] });
  void client.invalidateQueries({ queryKey: ['calendar'] });
  void client.invalidateQueries({ queryKey: ['incidents'] });
}

/** Reads a change afresh (after a write refused because the page was out of date). */
export function useReloadChange(id: string) {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: ['change', id] });
}
