import { Link } from 'react-router';
import type { CalendarDay } from '../../changes/calendarGrid.ts';
import { riskLabels, stateLabels, typeLabels } from '../../changes/changeText.ts';

const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const time = (iso: string) => new Date(iso).toISOString().slice(11, 16);

/** The days as a grid of weeks, each day listing its freezes, changes and how many maintenance windows open. */
export function CalendarGrid({ days, empty, today }: { days: CalendarDay[]; empty: boolean; today: string }) {
  return (
    <section className="panel" aria-labelledby="calendar-title">
      <header>
        <h2 id="calendar-title">Schedule</h2>
        <span className="muted calendar-key"><span className="mark conflict">⚠ conflict</span> <span className="mark collision">✸ collision</span> <span className="freeze-key">frozen</span></span>
      </header>
      {empty && <p className="empty">No change has a window in these two weeks. Move to another week, or request a change from the Impact view.</p>}
      <ol className="calendar" aria-label="Days">
        {days.map((day, i) => (
          <li key={day.date} className={`day${day.freezes.length ? ' frozen' : ''}${day.date === today ? ' today' : ''}`} aria-label={`${weekdayNames[i % 7]} ${day.date}${day.date === today ? ', today' : ''}`}>
            <div className="day-head"><strong>{weekdayNames[i % 7]}</strong> <span className="muted">{day.date.slice(5)}</span>{day.date === today && <span className="today-label">Today</span>}</div>
            {day.freezes.map((f) => <p key={f.id} className="freeze">❄ Freeze: {f.name}{f.services ? ` (${f.services.length} services)` : ' (everything)'}</p>)}
            <ul className="day-changes">
              {day.changes.map((c) => {
                const marks = [c.conflicts.length && 'conflict', c.collisions.length && 'collision'].filter(Boolean).join(' ');
                return (
                  <li key={c.id} className={`cal-change ${marks} type-${c.type}`}>
                    <Link to={`/changes/${c.id}`}>
                      <span className="mono">{c.id}</span> {time(c.window.start)}–{time(c.window.end)}
                      <span className="cal-title">{c.title}</span>
                    </Link>
                    <span className="cal-meta">{typeLabels[c.type]} · {stateLabels[c.state]}{c.risk ? ` · ${riskLabels[c.risk]}` : ''}</span>
                    {c.conflicts.length > 0 && <span className="mark conflict">⚠ Conflict: {c.conflicts.join(', ')}</span>}
                    {c.collisions.length > 0 && <span className="mark collision">✸ Collision: {c.collisions.join(', ')}</span>}
                  </li>
                );
              })}
            </ul>
            {day.maintenance.length > 0 && (
              <details className="maintenance">
                <summary>{day.maintenance.length} maintenance window{day.maintenance.length === 1 ? '' : 's'} open</summary>
                <ul>{day.maintenance.map((m) => <li key={`${m.service}-${m.start}`}>{time(m.start)}–{time(m.end)} {m.name}</li>)}</ul>
              </details>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
