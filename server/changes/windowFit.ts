import { weekdays, type CalendarEntry, type Freeze, type MaintenanceWindow } from '../../schema/calendar.ts';
import type { ChangeWindow } from '../../schema/changes.ts';

/** How much of a change's window lies outside the maintenance windows of the services it impacts, or inside a freeze. */
export interface WindowFit {
  /** 0..1: 1 when inside a freeze; else the largest share of the window outside one service's maintenance windows. */
  share: number;
  explanation: string;
}

const minute = 60_000;
const day = 24 * 60 * minute;

/**
 * Where a change's window falls on the calendar, for the services it targets or
 * impacts (`services`). A freeze that covers the window and any of them (or
 * everything) counts fully; otherwise each service with maintenance windows
 * counts the part of the change's window outside them, and the worst counts.
 * Services without maintenance windows do not count.
 */
export function windowFit(window: ChangeWindow, services: readonly string[], entries: readonly CalendarEntry[]): WindowFit {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  const concerned = new Set(services);
  const freeze = entries.find((e): e is Freeze => e.kind === 'freeze' && Date.parse(e.start) < end && start < Date.parse(e.end)
    && (e.services === undefined || e.services.some((s) => concerned.has(s))));
  if (freeze) return { share: 1, explanation: `overlaps the freeze "${freeze.name}" (${freeze.start} to ${freeze.end})` };

  let worst: { share: number; service: string } | undefined;
  for (const service of concerned) {
    const windows = entries.filter((e): e is MaintenanceWindow => e.kind === 'maintenance' && e.service === service);
    if (windows.length === 0) continue;
    const covered = coveredMs(start, end, windows.flatMap((w) => occurrences(w, start, end)));
    const share = (end - start - covered) / (end - start);
    if (!worst || share > worst.share) worst = { share, service };
  }
  if (!worst) return { share: 0, explanation: 'no maintenance window or freeze concerns the services it impacts' };
  const percent = Math.round(worst.share * 100);
  return { share: worst.share, explanation: percent === 0 ? 'inside the maintenance windows of the services it impacts' : `${percent}% of the window is outside ${worst.service}'s maintenance windows` };
}

/** The openings of a weekly maintenance window that overlap `from`..`to` (epoch ms), as [start, end) instants. */
export function occurrences(window: MaintenanceWindow, from: number, to: number): [number, number][] {
  const [hours, minutes] = window.start.split(':').map(Number) as [number, number];
  const length = window.durationMinutes * minute;
  // Walk local calendar dates (not 24-hour steps, which skip a date across a change of summer time).
  const first = localDate(from - length - day, window.timeZone);
  const found: [number, number][] = [];
  for (let offset = 0; ; offset++) {
    const date = new Date(Date.UTC(first.year, first.month - 1, first.day + offset));
    const opens = zonedToUtc(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hours, minutes, window.timeZone);
    if (opens >= to) break;
    if (window.days.includes(weekdays[(date.getUTCDay() + 6) % 7]!) && opens + length > from) found.push([opens, opens + length]);
  }
  return found;
}

/** Milliseconds of [start, end) covered by the union of `spans`. */
function coveredMs(start: number, end: number, spans: [number, number][]): number {
  let covered = 0;
  let reached = start;
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) {
    const from = Math.max(s, reached);
    const to = Math.min(e, end);
    if (to > from) {
      covered += to - from;
      reached = to;
    }
  }
  return covered;
}

/** The calendar date of an instant in a time zone. */
function localDate(instant: number, timeZone: string): { year: number; month: number; day: number } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/**
 * The instant a local wall-clock time names in a time zone. NOTE: in the hour
 * repeated when summer time ends it may give the later of the two, and a time
 * skipped when it starts falls an hour later.
 */
function zonedToUtc(year: number, month: number, dayOfMonth: number, hours: number, minutes: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, dayOfMonth, hours, minutes);
  const offsetAt = (instant: number) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
      .formatToParts(instant).map((part) => [part.type, part.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - instant;
  };
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}
