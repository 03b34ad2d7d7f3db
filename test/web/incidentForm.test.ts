import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/api/client.ts';
import { blankIncident, incidentFieldErrors, incidentRequestOf } from '../../web/incidents/incidentForm.ts';

const invalid = (problems: { field?: string; message: string }[]) =>
  new ApiError(400, 'The request is not valid', { code: 'invalid', detail: 'The request is not valid', problems: problems.map((p) => ({ entry: 'body', ...p })) });

describe('the incident form', () => {
  it('starts on the upstream view’s symptoms, each once, with urgency and impact unchosen', () => {
    expect(blankIncident(['svc-a', 'svc-b', 'svc-a'])).toEqual({ title: '', description: '', affected: ['svc-a', 'svc-b'], urgency: '', impact: '', change: '' });
  });

  it('sends urgency and impact as numbers, and leaves out what was not chosen for the server to name or work out', () => {
    const values = { ...blankIncident(['svc-a']), title: 'Checkout fails', urgency: '1' as const };
    expect(incidentRequestOf(values)).toEqual({ title: 'Checkout fails', description: '', affected: ['svc-a'], urgency: 1 });
    expect(incidentRequestOf({ ...values, impact: '2', change: ' CHG-7 ' })).toEqual({ title: 'Checkout fails', description: '', affected: ['svc-a'], urgency: 1, impact: 2, change: 'CHG-7' });
  });

  it('puts each invalid field’s reason beside it, a missing urgency said plainly, the rest under the form', () => {
    const error = invalid([
      { field: 'title', message: 'a title is required' },
      { field: 'urgency', message: 'Invalid input: expected number, received undefined' },
      { field: 'affected.0', message: 'not a CI id' },
      { message: 'Unrecognized key: "x"' },
    ]);
    expect(incidentFieldErrors(error, blankIncident([]))).toEqual({
      title: ['a title is required'], urgency: ['choose one: 1 if it hurts now'], affected: ['not a CI id'], form: ['Unrecognized key: "x"'],
    });
  });

  it('names an unknown CI or change (404 with ids) beside the field that holds it', () => {
    const values = { ...blankIncident(['svc-a', 'svc-gone']), change: 'CHG-99' };
    const notFound = (ids: string[]) => new ApiError(404, 'not found', { code: 'not_found', detail: 'not found', ids });
    expect(incidentFieldErrors(notFound(['svc-gone']), values)).toEqual({ affected: ['svc-gone does not exist'] });
    expect(incidentFieldErrors(notFound(['CHG-99']), values)).toEqual({ change: ['CHG-99 does not exist'] });
  });

  it('says an error that is no refusal (the server unreachable) under the form', () => {
    expect(incidentFieldErrors(new ApiError(0, 'Trellis could not be reached'), blankIncident([]))).toEqual({ form: ['Trellis could not be reached'] });
    expect(incidentFieldErrors(undefined, blankIncident([]))).toEqual({});
  });
});
