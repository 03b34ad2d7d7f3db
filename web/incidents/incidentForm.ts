import type { IncidentRequest } from '../../schema/incidents.ts';
import { ApiError } from '../api/client.ts';
import { headOf, problemsByField, type FieldErrors } from '../forms/problemsByField.ts';

/** The incident form's fields as the responder fills them; urgency and impact as the select's value ('' = not chosen). */
export interface IncidentFormValues {
  title: string;
  description: string;
  affected: string[];
  urgency: '' | '1' | '2' | '3';
  impact: '' | '1' | '2' | '3';
  change: string;
}

/** The form's fields an error can point to. */
export type IncidentField = 'title' | 'description' | 'affected' | 'urgency' | 'impact' | 'change';

/** A blank form on the given affected CIs (the upstream view's symptoms); urgency left for the responder to choose. */
export function blankIncident(affected: readonly string[]): IncidentFormValues {
  return { title: '', description: '', affected: [...new Set(affected)], urgency: '', impact: '', change: '' };
}

/** The request the form sends: an unchosen urgency is left out for the server to name; an unchosen impact, for it to work out. */
export function incidentRequestOf(values: IncidentFormValues): Partial<IncidentRequest> {
  const change = values.change.trim();
  return {
    title: values.title, description: values.description, affected: values.affected,
    ...(values.urgency ? { urgency: Number(values.urgency) } : {}),
    ...(values.impact ? { impact: Number(values.impact) } : {}),
    ...(change ? { change } : {}),
  };
}

const fields: readonly IncidentField[] = ['title', 'description', 'affected', 'urgency', 'impact', 'change'];

/**
 * A refused incident's reasons by field: invalid fields as the API names them,
 * and an unknown CI or change (404 with its ids) beside the field that holds it.
 */
export function incidentFieldErrors(error: unknown, values: IncidentFormValues): FieldErrors<IncidentField> {
  if (error instanceof ApiError && error.status === 404 && error.problem?.ids?.length) {
    const out: FieldErrors<IncidentField> = {};
    for (const id of error.problem.ids) {
      const field = values.affected.includes(id) ? 'affected' : id === values.change.trim() ? 'change' : 'form';
      (out[field] ??= []).push(field === 'form' ? error.message : `${id} does not exist`);
    }
    return out;
  }
  const out = problemsByField<IncidentField>(error, (path) => {
    const head = headOf(path);
    return (fields as readonly string[]).includes(head) ? (head as IncidentField) : 'form';
  });
  if (out.urgency?.includes('required')) out.urgency = out.urgency.map((m) => (m === 'required' ? 'choose one: 1 if it hurts now' : m));
  return out;
}
