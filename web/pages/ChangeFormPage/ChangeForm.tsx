import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { changeTypes, type ChangeType } from '../../../schema/changes.ts';
import { FormField as LabelledField, type FieldProps } from '../../components/FormField.tsx';
import { ErrorPanel } from '../../components/QueryState.tsx';
import { TargetPicker } from '../../components/TargetPicker.tsx';
import { fieldErrors, requestOf, type ChangeFormValues, type FormField } from '../../changes/changeForm.ts';
import { typeLabels } from '../../changes/changeText.ts';
import { useSaveChange, useTemplates } from '../../hooks/useChanges.ts';

const typeHints: Record<ChangeType, string> = {
  normal: 'assessed, then approved by the owners of critical services it reaches and a change manager',
  emergency: 'to restore service: one change manager approves; reviewed afterwards',
  standard: 'pre-approved by a template, if it stays within it',
};

/** The change request's fields, labelled, with the server's reasons shown beside the field each names. */
export function ChangeForm({ initial, id, etag, fromImpact, disabled }: { initial: ChangeFormValues; id?: string; etag?: string | undefined; fromImpact?: boolean; disabled: boolean }) {
  const [values, setValues] = useState(initial);
  const save = useSaveChange(id, etag);
  const templates = useTemplates();
  const navigate = useNavigate();
  const errors = save.isError ? fieldErrors(save.error) : {};
  const formRef = useRef<HTMLFormElement>(null);
  // A refused request moves focus to the first field it names (or to the message), so the reason is read out where it is fixed.
  useEffect(() => {
    if (save.isError) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form-alert')?.focus();
  }, [save.isError, save.error]);
  const set = <K extends keyof ChangeFormValues>(key: K, value: ChangeFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const submit = () => save.mutate(requestOf(values), { onSuccess: (answer) => void navigate(`/changes/${answer.body.id}`) });
  const field = (name: FormField, label: string, input: (props: FieldProps) => ReactNode, hint?: string) => (
    <Field name={name} label={label} hint={hint} errors={errors[name]}>{input}</Field>
  );
  return (
    <form ref={formRef} className="panel change-form" onSubmit={(e) => { e.preventDefault(); submit(); }} noValidate aria-label={id ? `Edit ${id}` : 'New change'}>
      <div className="body stack">
        {errors.form && <div className="form-alert" tabIndex={-1}><ErrorPanel error={save.error} title={id ? 'The change was not saved' : 'The change was not requested'} /></div>}
        {!errors.form && save.isError && <p className="field-error" role="alert">The change was not saved: see the fields marked below.</p>}
        {fromImpact && <p className="muted">Targets and effects come from the impact view: change them here if needed.</p>}
        {field('title', 'Title', (p) => <input type="text" {...p} value={values.title} onChange={(e) => set('title', e.target.value)} maxLength={200} />)}
        <div className="form-row">
          {field('type', 'Type', (p) => (
            <select {...p} value={values.type} onChange={(e) => set('type', e.target.value as ChangeType)}>
              {changeTypes.map((t) => <option key={t} value={t}>{typeLabels[t]}</option>)}
            </select>
          ), typeHints[values.type])}
          {values.type === 'standard' && field('template', 'Template', (p) => (
            <select {...p} value={values.template} onChange={(e) => set('template', e.target.value)}>
              <option value="">Choose a template…</option>
              {(templates.data?.items ?? []).map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          ), templates.data?.items.length === 0 ? 'No template is recorded: a change manager records them.' : undefined)}
        </div>
        <div className="form-field">
          <TargetPicker label="Targets" effects targets={values.targets} onChange={(targets) => set('targets', targets)} />
          {errors.targets && <p className="field-error" id="change-targets-error">{errors.targets.join('; ')}</p>}
        </div>
        <div className="form-row">
          {field('start', 'Window start (UTC)', (p) => <input type="datetime-local" {...p} value={values.start} onChange={(e) => set('start', e.target.value)} />)}
          {field('end', 'Window end (UTC)', (p) => <input type="datetime-local" {...p} value={values.end} onChange={(e) => set('end', e.target.value)} />)}
        </div>
        {field('description', 'Why: what the change does and why it is needed', (p) => <textarea rows={3} {...p} value={values.description} onChange={(e) => set('description', e.target.value)} />)}
        {field('implementationPlan', 'Implementation plan', (p) => <textarea rows={3} {...p} value={values.implementationPlan} onChange={(e) => set('implementationPlan', e.target.value)} />)}
        {field('rollbackPlan', 'Rollback plan', (p) => <textarea rows={3} {...p} value={values.rollbackPlan} onChange={(e) => set('rollbackPlan', e.target.value)} />, 'How it is undone if it goes wrong; a missing plan raises the risk.')}
        <label className="check"><input type="checkbox" checked={values.rollbackTested} onChange={(e) => set('rollbackTested', e.target.checked)} /> The rollback itself was tested</label>
        {field('testEvidence', 'Test evidence', (p) => <textarea rows={2} {...p} value={values.testEvidence} onChange={(e) => set('testEvidence', e.target.value)} />)}
        <div className="button-row">
          <button type="submit" className="primary" disabled={disabled || save.isPending} aria-describedby={disabled ? 'change-unavailable' : undefined}>{id ? 'Save the request' : 'Request the change'}</button>
          {save.isPending && <span role="status">Saving…</span>}
        </div>
      </div>
    </form>
  );
}

/** A field of the change form: the shared labelled field, its input's id `change-<name>`. */
function Field({ name, label, hint, errors, children }: { name: string; label: string; hint?: string | undefined; errors?: string[] | undefined; children: (props: FieldProps) => ReactNode }) {
  return <LabelledField id={`change-${name}`} label={label} hint={hint} errors={errors}>{children}</LabelledField>;
}
