import type { ChangeRecord, ChangeTarget, ChangeType } from '../../schema/changes.ts';
import { problemsByField, type FieldErrors } from '../forms/problemsByField.ts';
import type { ChangeRequestInput } from '../api/changes.ts';

/** The change form's fields as the person types them (windows as `datetime-local` values in UTC). */
export interface ChangeFormValues {
  title: string;
  description: string;
  type: ChangeType;
  template: string;
  targets: ChangeTarget[];
  start: string;
  end: string;
  timeZone: string;
  implementationPlan: string;
  rollbackPlan: string;
  testEvidence: string;
  rollbackTested: boolean;
}

/** A blank form, with the given targets (from an impact) and a one-hour window starting at the next full hour a day ahead. */
export function blankForm(targets: ChangeTarget[], now = new Date()): ChangeFormValues {
  const start = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000 + 86_400_000);
  const end = new Date(start.getTime() + 3_600_000);
  return {
    title: '', description: '', type: 'normal', template: '', targets, start: toLocalInput(start.toISOString()), end: toLocalInput(end.toISOString()),
    timeZone: 'UTC', implementationPlan: '', rollbackPlan: '', testEvidence: '', rollbackTested: false,
  };
}

/** The form holding a change's request, for revising it. */
export function formOf(change: ChangeRecord): ChangeFormValues {
  return {
    title: change.title, description: change.description, type: change.type, template: change.template ?? '', targets: change.targets,
    start: toLocalInput(change.window.start), end: toLocalInput(change.window.end), timeZone: change.window.timeZone,
    implementationPlan: change.implementationPlan, rollbackPlan: change.rollbackPlan, testEvidence: change.testEvidence, rollbackTested: change.rollbackTested,
  };
}

/** The request the form sends; an unreadable time is sent as typed, for the server to name. */
export function requestOf(values: ChangeFormValues): ChangeRequestInput {
  return {
    title: values.title, description: values.description, type: values.type, targets: values.targets,
    window: { start: fromLocalInput(values.start), end: fromLocalInput(values.end), timeZone: values.timeZone },
    implementationPlan: values.implementationPlan, rollbackPlan: values.rollbackPlan, testEvidence: values.testEvidence, rollbackTested: values.rollbackTested,
    ...(values.type === 'standard' && values.template ? { template: values.template } : {}),
  };
}

/** An ISO instant as a `datetime-local` value in UTC (`2037-03-10T22:00`). */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 16);
}

/** A `datetime-local` value read as UTC, as an ISO instant. */
export function fromLocalInput(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00Z` : value;
}

/** The form's fields an error can point to. */
export type FormField = 'title' | 'description' | 'type' | 'template' | 'targets' | 'start' | 'end' | 'implementationPlan' | 'rollbackPlan' | 'testEvidence';

/** A refused request's reasons, by the field each names; reasons naming no field (or an unknown one) under `form`. */
export function fieldErrors(error: unknown): FieldErrors<FormField> {
  return problemsByField(error, fieldOf);
}

function fieldOf(path: string | undefined): FormField | 'form' {
  if (!path) return 'form';
  if (path === 'window.start') return 'start';
  if (path === 'window.end' || path === 'window') return 'end';
  const head = path.split(/[.[]/)[0]!;
  const known: FormField[] = ['title', 'description', 'type', 'template', 'targets', 'implementationPlan', 'rollbackPlan', 'testEvidence'];
  return (known as string[]).includes(head) ? (head as FormField) : 'form';
}
