import { useSearchParams } from 'react-router';
import { ChangesNav } from '../../components/ChangesNav.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { addDays, calendarClashes, calendarDays, calendarSpan, mondayOf } from '../../changes/calendarGrid.ts';
import { useChangeCalendar } from '../../hooks/useChanges.ts';
import { CalendarEntriesPanel } from './CalendarEntriesPanel.tsx';
import { CalendarGrid } from './CalendarGrid.tsx';
import { ClashList } from './ClashList.tsx';

/** Two weeks are shown at a time. */
const spanDays = 14;

/**
 * The change calendar, two weeks from a Monday (`?from=YYYY-MM-DD`, this week
 * by default): changes by day with conflicts and collisions marked and
 * explained, freezes, and maintenance windows as they open. Times are UTC.
 */
export function ChangeCalendarPage() {
  const [params, setParams] = useSearchParams();
  const asked = params.get('from') ?? '';
  const from = mondayOf(/^\d{4}-\d{2}-\d{2}$/.test(asked) && !Number.isNaN(Date.parse(asked)) ? asked : new Date().toISOString().slice(0, 10));
  const span = calendarSpan(from, spanDays);
  const calendar = useChangeCalendar(span.from, span.to);
  const go = (date: string) => setParams({ from: date });
  return (
    <div className="page">
      <ChangesNav />
      <div className="page-header">
        <div>
          <h1>Change calendar</h1>
          <p className="subtitle">{from} to {addDays(from, spanDays - 1)}, times in UTC. Conflicts and collisions are marked on each change and explained below.</p>
        </div>
        <div className="button-row" role="group" aria-label="Weeks">
          <button type="button" onClick={() => go(addDays(from, -7))}>← Previous week</button>
          <button type="button" onClick={() => setParams({})}>This week</button>
          <button type="button" onClick={() => go(addDays(from, 7))}>Next week →</button>
          <a className="button" href="#entries-title">Windows and freezes ↓</a>
        </div>
      </div>
      <QueryState query={calendar} what="the calendar">
        {(data) => <>
          {data.truncated && <div className="message warn" role="note"><div>The calendar holds more than it shows: narrow the span.</div></div>}
          <ClashList clashes={calendarClashes(data.changes)} />
          <CalendarGrid days={calendarDays(data, from, spanDays)} empty={data.changes.length === 0} today={new Date().toISOString().slice(0, 10)} />
        </>}
      </QueryState>
      <CalendarEntriesPanel from={from} />
    </div>
  );
}
