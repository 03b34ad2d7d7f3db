import type { CalendarChange, ChangeCalendar } from '../api/changes.ts';
import type { Freeze } from '../../schema/calendar.ts';

/** One day of the calendar (UTC): the changes, freezes and maintenance openings that touch it. */
export interface CalendarDay {
  /** YYYY-MM-DD. */
  date: string;
  changes: CalendarChange[];
  freezes: Freeze[];
  maintenance: { name: string; service: string; start: string; end: string }[];
}

/** A pair of changes the calendar warns about, with what it means. */
export interface CalendarClash {
  kind: 'conflict' | 'collision';
  a: CalendarChange;
  b: string;
}

const dayMs = 86_400_000;

/** The Monday (UTC) of the week holding `date` (YYYY-MM-DD). */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const back = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - back * dayMs).toISOString().slice(0, 10);
}

/** `date` moved by `days`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** The instants the calendar asks for: `days` days from `from`'s midnight UTC. */
export function calendarSpan(from: string, days: number): { from: string; to: string } {
  return { from: `${from}T00:00:00Z`, to: `${addDays(from, days)}T00:00:00Z` };
}

const overlaps = (start: string, end: string, dayStart: number) => Date.parse(start) < dayStart + dayMs && Date.parse(end) > dayStart;

/**
 * The changes with their conflicts and collisions made mutual: each change
 * lists what its own assessment found, so one assessed before the other was
 * requested does not name it; a clash concerns both, so both are marked.
 */
export function mutualClashes(changes: readonly CalendarChange[]): CalendarChange[] {
  const withOthers = (key: 'conflicts' | 'collisions', change: CalendarChange) => {
    const named = changes.filter((other) => other[key].includes(change.id)).map((other) => other.id);
    return [...new Set([...change[key], ...named])].sort();
  };
  return changes.map((change) => ({ ...change, conflicts: withOthers('conflicts', change), collisions: withOthers('collisions', change) }));
}

/** Lays the calendar out by day: each change (clashes made mutual), freeze and opening on every day its window touches. */
export function calendarDays(calendar: ChangeCalendar, from: string, days: number): CalendarDay[] {
  const changes = mutualClashes(calendar.changes);
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(from, i);
    const dayStart = Date.parse(`${date}T00:00:00Z`);
    return {
      date,
      changes: changes.filter((c) => overlaps(c.window.start, c.window.end, dayStart)).sort((a, b) => a.window.start.localeCompare(b.window.start)),
      freezes: calendar.freezes.filter((f) => overlaps(f.start, f.end, dayStart)),
      maintenance: calendar.maintenance.flatMap((m) => m.opens.filter((o) => overlaps(o.start, o.end, dayStart)).map((o) => ({ name: m.name, service: m.service, ...o }))),
    };
  });
}

/** Every conflict and collision once (CHG-1 with CHG-2, not again CHG-2 with CHG-1). */
export function calendarClashes(changes: readonly CalendarChange[]): CalendarClash[] {
  const seen = new Set<string>();
  const clashes: CalendarClash[] = [];
  for (const change of changes) {
    for (const [kind, others] of [['conflict', change.conflicts], ['collision', change.collisions]] as const) {
      for (const other of others) {
        const key = `${kind}:${[change.id, other].sort().join('|')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        clashes.push({ kind, a: change, b: other });
      }
    }
  }
  return clashes;
}
