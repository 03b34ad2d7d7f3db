import { describe, expect, it } from 'vitest';
import type { CalendarEntry } from '../../schema/calendar.ts';
import { occurrences, windowFit } from '../../server/changes/windowFit.ts';

// Checkout may be changed on Tuesday and Thursday nights, 22:00-02:00 Paris time.
const checkoutNights: CalendarEntry = { kind: 'maintenance', id: 'checkout-nights', name: 'Checkout nights', service: 'svc-checkout', days: ['tue', 'thu'], start: '22:00', durationMinutes: 240, timeZone: 'Europe/Paris' };
const window = (start: string, end: string) => ({ start, end, timeZone: 'Europe/Paris' });

describe('where a change window falls on the calendar', () => {
  it('fits inside a maintenance window given in local time, in winter and in summer time', () => {
    // 2026-12-10 is a Thursday (UTC+1); 2026-07-09 too (UTC+2).
    expect(windowFit(window('2026-12-10T22:30:00+01:00', '2026-12-11T01:30:00+01:00'), ['svc-checkout'], [checkoutNights]))
      .toEqual({ share: 0, explanation: 'inside the maintenance windows of the services it impacts' });
    expect(windowFit(window('2026-07-09T20:00:00Z', '2026-07-09T21:00:00Z'), ['svc-checkout'], [checkoutNights]).share).toBe(0);
    expect(occurrences(checkoutNights, Date.parse('2026-07-09T00:00:00Z'), Date.parse('2026-07-10T00:00:00Z')).map(([s]) => new Date(s).toISOString()))
      .toEqual(['2026-07-09T20:00:00.000Z']);
  });

  it('counts the part of the window outside them, for the worst service, and ignores services without any', () => {
    const fit = windowFit(window('2026-12-10T21:00:00+01:00', '2026-12-10T23:00:00+01:00'), ['svc-checkout', 'svc-search'], [checkoutNights]);
    expect(fit).toEqual({ share: 0.5, explanation: "50% of the window is outside svc-checkout's maintenance windows" });
    expect(windowFit(window('2026-12-09T22:30:00+01:00', '2026-12-09T23:00:00+01:00'), ['svc-checkout'], [checkoutNights]).share).toBe(1);
    expect(windowFit(window('2026-12-09T22:30:00+01:00', '2026-12-09T23:00:00+01:00'), ['svc-search'], [checkoutNights]))
      .toEqual({ share: 0, explanation: 'no maintenance window or freeze concerns the services it impacts' });
  });

  it('counts a freeze fully, when it is global or names an impacted service', () => {
    const yearEnd: CalendarEntry = { kind: 'freeze', id: 'year-end', name: 'Year-end freeze', start: '2026-12-18T00:00:00Z', end: '2027-01-04T00:00:00Z' };
    const searchOnly: CalendarEntry = { ...yearEnd, id: 'search-launch', name: 'Search launch', services: ['svc-search'] };
    const during = window('2026-12-22T22:30:00+01:00', '2026-12-22T23:30:00+01:00');
    expect(windowFit(during, ['svc-checkout'], [checkoutNights, yearEnd])).toEqual({ share: 1, explanation: 'overlaps the freeze "Year-end freeze" (2026-12-18T00:00:00Z to 2027-01-04T00:00:00Z)' });
    expect(windowFit(during, ['svc-checkout'], [checkoutNights, searchOnly]).share).toBe(0);
  });

  it('opens on the day summer time starts, whatever hour the span starts at', () => {
    // Paris moves to summer time on Sunday 2026-03-29; a Sunday 02:30-04:00 window opens at 03:00 local (01:00Z) that day.
    const sundays: CalendarEntry = { ...checkoutNights, id: 'sundays', days: ['sun'], start: '03:00', durationMinutes: 60 };
    for (const from of ['2026-03-28T22:30:00Z', '2026-03-28T23:30:00Z', '2026-03-29T00:30:00Z']) {
      expect(occurrences(sundays, Date.parse(from), Date.parse('2026-03-29T12:00:00Z')).map(([s]) => new Date(s).toISOString())).toEqual(['2026-03-29T01:00:00.000Z']);
    }
  });
});
