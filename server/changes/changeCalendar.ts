import type { ChangeCalendar, Freeze, MaintenanceWindow } from '../../schema/calendar.ts';
import { changeStates } from '../../schema/changes.ts';
import { limits } from '../../schema/limits.ts';
import { InvalidError } from '../errors.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { occurrences } from './windowFit.ts';

/** Longest span one calendar covers. */
const spanDaysMax = 92;

/** The change calendar between `from` and `to` (ISO instants): every change but cancelled ones, with what its assessment found. */
export async function changeCalendar(store: GraphStore, from: string, to: string): Promise<ChangeCalendar> {
  const [start, end] = [Date.parse(from), Date.parse(to)];
  if (!(start < end)) throw new InvalidError([{ entry: 'query', field: 'to', message: 'must be after from' }]);
  if (end - start > spanDaysMax * 86_400_000) throw new InvalidError([{ entry: 'query', field: 'to', message: `a calendar covers at most ${spanDaysMax} days` }]);
  const states = changeStates.filter((state) => state !== 'cancelled');
  const found = await store.listChanges({ states, from, until: to, limit: limits.pageSizeMax + 1 });
  const changes = found.slice(0, limits.pageSizeMax).map(({ change }) => ({
    id: change.id, title: change.title, type: change.type, state: change.state, window: change.window,
    ...(change.assessment ? { risk: change.assessment.risk.class } : {}),
    conflicts: change.assessment?.conflicts ?? [], collisions: change.assessment?.collisions ?? [],
  })).sort((a, b) => Date.parse(a.window.start) - Date.parse(b.window.start));
  const entries = await store.listCalendarEntries();
  return {
    from: new Date(start).toISOString(), to: new Date(end).toISOString(), changes,
    freezes: entries.filter((e): e is Freeze => e.kind === 'freeze' && Date.parse(e.start) < end && start < Date.parse(e.end)),
    maintenance: entries.filter((e): e is MaintenanceWindow => e.kind === 'maintenance').map((window) => ({
      id: window.id, name: window.name, service: window.service,
      opens: occurrences(window, start, end).filter(([, closes]) => closes > start).map(([s, e]) => ({ start: new Date(s).toISOString(), end: new Date(e).toISOString() })),
    })),
    truncated: found.length > limits.pageSizeMax,
  };
}
