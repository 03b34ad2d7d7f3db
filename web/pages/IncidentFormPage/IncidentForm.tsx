import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { FormField } from '../../components/FormField.tsx';
import { ErrorPanel } from '../../components/QueryState.tsx';
import { TargetPicker } from '../../components/TargetPicker.tsx';
import { incidentFieldErrors, incidentRequestOf, type IncidentField, type IncidentFormValues } from '../../incidents/incidentForm.ts';
import { useOpenIncident } from '../../hooks/useIncidents.ts';

const urgencies = [
  { value: '1', label: '1 high: it hurts now' },
  { value: '2', label: '2 medium: it will hurt soon' },
  { value: '3', label: '3 low: it can wait' },
] as const;
const impacts = [
  { value: '', label: 'From the services it takes down' },
  { value: '1', label: '1 high: much of the business' },
  { value: '2', label: '2 medium: a part of it' },
  { value: '3', label: '3 low: few people' },
] as const;

/** The incident's fields, labelled, with the server's reasons beside the field each names; opened, it shows the incident's page. */
export function IncidentForm({ initial, fromUpstream, disabled }: { initial: IncidentFormValues; fromUpstream: boolean; disabled: boolean }) {
  const [values, setValues] = useState(initial);
  const open = useOpenIncident();
  const navigate = useNavigate();
  const errors = open.isError ? incidentFieldErrors(open.error, values) : {};
  const formRef = useRef<HTMLFormElement>(null);
  // A refused request moves focus to the first field it names (or to the message), so the reason is read out where it is fixed.
  useEffect(() => {
    if (open.isError) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .focus-on-error, .form-alert')?.focus();
  }, [open.isError, open.error]);
  const set = <K extends keyof IncidentFormValues>(key: K, value: IncidentFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const submit = () => open.mutate(incidentRequestOf(values), { onSuccess: (answer) => void navigate(`/incidents/${answer.body.id}`) });
  const id = (name: IncidentField) => `incident-${name}`;
  return (
    <form ref={formRef} className="panel change-form" onSubmit={(e) => { e.preventDefault(); submit(); }} noValidate aria-label="New incident">
      <div className="body stack">
        {errors.form && <div className="form-alert" tabIndex={-1}><ErrorPanel error={open.error} title="The incident was not opened" /></div>}
        {!errors.form && open.isError && <p className="field-error" role="alert">The incident was not opened: see the fields marked below.</p>}
        <FormField id={id('title')} label="Title: what fails, as users see it" errors={errors.title}>
          {(p) => <input type="text" {...p} value={values.title} onChange={(e) => set('title', e.target.value)} maxLength={200} />}
        </FormField>
        <div className="form-field">
          <TargetPicker label="Affected" targets={values.affected.map((ci) => ({ id: ci, effect: 'down' as const }))} onChange={(targets) => set('affected', targets.map((t) => t.id))} />
          <p className="hint" id="incident-affected-hint">{fromUpstream ? 'The failing CIs of the upstream view: change them here if needed.' : 'The CIs that fail or misbehave: search and add them.'}</p>
          {errors.affected && <p className="field-error focus-on-error" id={`${id('affected')}-error`} tabIndex={-1}>{errors.affected.join('; ')}</p>}
        </div>
        <div className="form-row">
          <FormField id={id('urgency')} label="Urgency" errors={errors.urgency} hint="How soon it hurts the business. With impact it gives the priority (P1 critical to P5 planning).">
            {(p) => (
              <select {...p} value={values.urgency} onChange={(e) => set('urgency', e.target.value as IncidentFormValues['urgency'])}>
                <option value="">Choose the urgency…</option>
                {urgencies.map((u) => <option key={u.value} value={u.value}>{u.label}</option>)}
              </select>
            )}
          </FormField>
          <FormField id={id('impact')} label="Impact (optional)" errors={errors.impact} hint="How much of the business is hit. Left out, Trellis takes it from the services the affected CIs take down or degrade (the most critical of them).">
            {(p) => (
              <select {...p} value={values.impact} onChange={(e) => set('impact', e.target.value as IncidentFormValues['impact'])}>
                {impacts.map((i) => <option key={i.value} value={i.value}>{i.label}</option>)}
              </select>
            )}
          </FormField>
        </div>
        <FormField id={id('description')} label="Description: symptoms, since when, what was tried" errors={errors.description}>
          {(p) => <textarea rows={4} {...p} value={values.description} onChange={(e) => set('description', e.target.value)} />}
        </FormField>
        <FormField id={id('change')} label="Linked change (optional)" errors={errors.change} hint="A change that caused it, or the emergency change that fixes it, such as CHG-12. Changes implemented shortly before on what it affects are suspected anyway.">
          {(p) => <input type="text" {...p} value={values.change} onChange={(e) => set('change', e.target.value)} placeholder="CHG-…" className="mono" style={{ maxWidth: 200 }} />}
        </FormField>
        <div className="button-row">
          <button type="submit" className="primary" disabled={disabled || open.isPending} aria-describedby={disabled ? 'incident-unavailable' : undefined}>Open the incident</button>
          {open.isPending && <span role="status">Opening…</span>}
        </div>
      </div>
    </form>
  );
}
