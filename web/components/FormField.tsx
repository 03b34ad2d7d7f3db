import type { ReactNode } from 'react';

/** What a field's input receives: its id, and the hint and error it is described by. */
export interface FieldProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A labelled field with its hint and the server's reasons beside it, the input pointing to both (`id` names the input). */
export function FormField({ id, label, hint, errors, children }: { id: string; label: string; hint?: ReactNode; errors?: string[] | undefined; children: (props: FieldProps) => ReactNode }) {
  const described = [hint && `${id}-hint`, errors && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(errors ? { 'aria-invalid': true as const } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      {hint && <p className="hint" id={`${id}-hint`}>{hint}</p>}
      {errors && <p className="field-error" id={`${id}-error`}>{errors.join('; ')}</p>}
    </div>
  );
}
