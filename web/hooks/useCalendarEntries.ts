import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { deleteCalendarEntry, listFreezes, listMaintenanceWindows, saveCalendarEntry, type CalendarEntryKind } from '../api/calendar.ts';

/** Every maintenance window, by id. */
export function useMaintenanceWindows() {
  return useQuery({ queryKey: ['calendar-entries', 'maintenance'], queryFn: ({ signal }) => listMaintenanceWindows(signal) });
}

/** Every freeze, by id. */
export function useFreezes() {
  return useQuery({ queryKey: ['calendar-entries', 'freeze'], queryFn: ({ signal }) => listFreezes(signal) });
}

/** Saves (`body`) or removes (`remove`) a maintenance window or freeze; then the lists and the calendar are read again. */
export function useCalendarEntryWrite(kind: CalendarEntryKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (write: { body: Record<string, unknown> } | { remove: string }) => ('remove' in write ? deleteCalendarEntry(kind, write.remove) : saveCalendarEntry(kind, write.body)),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['calendar-entries'] }), client.invalidateQueries({ queryKey: ['calendar'] })]),
  });
}
