import { describe, expect, it } from 'vitest';
import type { Freeze, MaintenanceWindow } from '../../schema/calendar.ts';
import { ApiError } from '../../web/api/client.ts';
import {
  blankFreeze, blankMaintenance, describeOpening, entryFieldErrors, entryIdFrom, freezeBodyOf, freezeFormOf, maintenanceBodyOf, maintenanceFormOf,
} from '../../web/changes/calendarEntryForm.ts';

const window: MaintenanceWindow = { kind: 'maintenance', id: 'checkout-nights', name: 'Checkout nights', service: 'svc-checkout', days: ['tue', 'mon'], start: '22:30', durationMinutes: 90, timeZone: 'Europe/Paris' };
const freeze: Freeze = { kind: 'freeze', id: 'year-end', name: 'Year end', start: '2037-12-20T00:00:00Z', end: '2038-01-02T00:00:00Z', services: ['svc-checkout'] };

describe('the maintenance window and freeze forms', () => {
  it('round-trip a kept maintenance window, days in week order and the duration as a number', () => {
    expect(maintenanceBodyOf(maintenanceFormOf(window))).toEqual({ id: 'checkout-nights', name: 'Checkout nights', service: 'svc-checkout', days: ['mon', 'tue'], start: '22:30', durationMinutes: 90, timeZone: 'Europe/Paris' });
  });

  it('sends a duration as a number when it is one, else as typed, for the server to name', () => {
    expect(maintenanceBodyOf({ ...blankMaintenance(), durationMinutes: '1.5' }).durationMinutes).toBe(1.5);
    expect(maintenanceBodyOf({ ...blankMaintenance(), durationMinutes: 'two' }).durationMinutes).toBe('two');
  });

  it('round-trip a kept freeze in UTC, and send no services for a freeze of everything', () => {
    expect(freezeBodyOf(freezeFormOf(freeze))).toEqual({ id: 'year-end', name: 'Year end', start: '2037-12-20T00:00:00Z', end: '2038-01-02T00:00:00Z', services: ['svc-checkout'] });
    const blank = blankFreeze('2037-03-09');
    expect(freezeBodyOf({ ...blank, id: 'f', name: 'F' })).toEqual({ id: 'f', name: 'F', start: '2037-03-09T00:00:00Z', end: '2037-03-09T23:59:00Z' });
  });

  it('make an id the API accepts from a name', () => {
    expect(entryIdFrom('Christmas freeze 2037')).toBe('christmas-freeze-2037');
    expect(entryIdFrom('  Été: Paris / Nuit! ')).toBe('ete-paris-nuit');
    expect(entryIdFrom('x'.repeat(70)).length).toBe(63);
    expect(entryIdFrom('')).toBe('');
  });

  it('put the API’s reasons beside the fields, and an id taken by the other kind beside the id', () => {
    const invalid = new ApiError(400, 'invalid', { code: 'invalid', detail: 'invalid', problems: [{ field: 'days', message: 'Too small' }, { field: 'end', message: 'the freeze must end after it starts' }, { field: 'services.1', message: 'not a CI id' }] });
    expect(entryFieldErrors(invalid)).toEqual({ days: ['choose at least one day'], end: ['the freeze must end after it starts'], services: ['not a CI id'] });
    const minutes = new ApiError(400, 'invalid', { code: 'invalid', detail: 'invalid', problems: [{ field: 'durationMinutes', message: 'Invalid input: expected int, received number' }] });
    expect(entryFieldErrors(minutes)).toEqual({ durationMinutes: ['a whole number of minutes, 1 to 1440'] });
    const taken = new ApiError(409, 'conflict', { code: 'conflict', detail: '"x" is the id of a freeze: choose another id' });
    expect(entryFieldErrors(taken)).toEqual({ id: ['"x" is the id of a freeze: choose another id'] });
  });

  it('say a window’s weekly opening in words', () => {
    expect(describeOpening(window)).toBe('Mon, Tue 22:30 for 1 h 30 min (Europe/Paris)');
    expect(describeOpening({ ...window, days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], durationMinutes: 120 })).toBe('Every day 22:30 for 2 h (Europe/Paris)');
    expect(describeOpening({ ...window, durationMinutes: 45 })).toBe('Mon, Tue 22:30 for 45 min (Europe/Paris)');
  });
});
