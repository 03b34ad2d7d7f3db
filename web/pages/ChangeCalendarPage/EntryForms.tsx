import { useEffect, useRef, useState, type ReactNode } from 'react';
import { weekdays } from '../../../schema/calendar.ts';
import { FormField } from '../../components/FormField.tsx';
import { ErrorPanel } from '../../components/QueryState.tsx';
import { TargetPicker } from '../../components/TargetPicker.tsx';
import {
  entryFieldErrors, entryIdFrom, freezeBodyOf, maintenanceBodyOf, type EntryField, type FreezeFormValues, type MaintenanceFormValues,
} from '../../changes/calendarEntryForm.ts';
import { useCalendarEntryWrite } from '../../hooks/useCalendarEntries.ts';

const dayNames: Record<(typeof weekdays)[number], string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
const timeZones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

interface EntryFormProps<V> {
  initial: V;
  /** True when it replaces a kept record: its id stays. */
  editing: boolean;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** Adds or replaces a maintenance window: the weekdays it opens on, its local start, its length and time zone. */
export function MaintenanceForm({ initial, editing, onDone, onCancel }: EntryFormProps<MaintenanceFormValues>) {
  const [values, setValues] = useState(initial);
  const write = useCalendarEntryWrite('maintenance');
  const set = <K extends keyof MaintenanceFormValues>(key: K, value: MaintenanceFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const errors = write.isError ? entryFieldErrors(write.error) : {};
  const save = () => write.mutate({ body: maintenanceBodyOf(values) }, { onSuccess: () => onDone(`Saved maintenance window “${values.name}”.`) });
  return (
    <EntryFormFrame title={editing ? `Edit maintenance window ${initial.id}` : 'New maintenance window'} write={write} errors={errors} onSave={save} onCancel={onCancel}>
      <NameAndId values={values} editing={editing} errors={errors} prefix="mw" onChange={(name, id) => setValues((v) => ({ ...v, name, id }))} />
      <div className="form-field">
        <TargetPicker label="Service" placeholder="Choose the service…" targets={values.service ? [{ id: values.service, effect: 'down' }] : []} onChange={(targets) => set('service', targets.at(-1)?.id ?? '')} />
        <p className="hint">The service (or any CI) it is for: changes to what it holds are less risky inside it.</p>
        {errors.service && <p className="field-error focus-on-error" tabIndex={-1}>{errors.service.join('; ')}</p>}
      </div>
      <fieldset className="plain form-field" aria-describedby={errors.days ? 'mw-days-error' : undefined}>
        <legend className="label">Days it opens on</legend>
        <div className="button-row">
          {weekdays.map((d) => (
            <label key={d} className="check"><input type="checkbox" checked={values.days.includes(d)} onChange={(e) => set('days', e.target.checked ? [...values.days, d] : values.days.filter((x) => x !== d))} /> {dayNames[d]}</label>
          ))}
        </div>
        {errors.days && <p className="field-error focus-on-error" id="mw-days-error" tabIndex={-1}>{errors.days.join('; ')}</p>}
      </fieldset>
      <div className="form-row">
        <FormField id="mw-start" label="Opens at (local time)" errors={errors.start}>{(p) => <input type="time" {...p} value={values.start} onChange={(e) => set('start', e.target.value)} />}</FormField>
        <FormField id="mw-durationMinutes" label="Open for (minutes)" errors={errors.durationMinutes}>{(p) => <input type="number" min={1} max={1440} {...p} value={values.durationMinutes} onChange={(e) => set('durationMinutes', e.target.value)} />}</FormField>
        <FormField id="mw-timeZone" label="Time zone (IANA)" errors={errors.timeZone} hint="Such as Europe/Paris: the window follows its daylight saving.">
          {(p) => <><input type="text" {...p} list="mw-time-zones" value={values.timeZone} onChange={(e) => set('timeZone', e.target.value)} /><datalist id="mw-time-zones">{timeZones.map((z) => <option key={z} value={z} />)}</datalist></>}
        </FormField>
      </div>
    </EntryFormFrame>
  );
}

/** Adds or replaces a freeze: its span in UTC and the services it freezes (none: everything). */
export function FreezeForm({ initial, editing, onDone, onCancel }: EntryFormProps<FreezeFormValues>) {
  const [values, setValues] = useState(initial);
  const write = useCalendarEntryWrite('freeze');
  const set = <K extends keyof FreezeFormValues>(key: K, value: FreezeFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const errors = write.isError ? entryFieldErrors(write.error) : {};
  const save = () => write.mutate({ body: freezeBodyOf(values) }, { onSuccess: () => onDone(`Saved freeze “${values.name}”.`) });
  return (
    <EntryFormFrame title={editing ? `Edit freeze ${initial.id}` : 'New freeze'} write={write} errors={errors} onSave={save} onCancel={onCancel}>
      <NameAndId values={values} editing={editing} errors={errors} prefix="fz" onChange={(name, id) => setValues((v) => ({ ...v, name, id }))} />
      <div className="form-row">
        <FormField id="fz-start" label="Starts (UTC)" errors={errors.start}>{(p) => <input type="datetime-local" {...p} value={values.start} onChange={(e) => set('start', e.target.value)} />}</FormField>
        <FormField id="fz-end" label="Ends (UTC)" errors={errors.end}>{(p) => <input type="datetime-local" {...p} value={values.end} onChange={(e) => set('end', e.target.value)} />}</FormField>
      </div>
      <div className="form-field">
        <TargetPicker label="Services" placeholder="Add a service to freeze…" targets={values.services.map((id) => ({ id, effect: 'down' as const }))} onChange={(targets) => set('services', targets.map((t) => t.id))} />
        <p className="hint">{values.services.length ? 'Only these are frozen.' : 'None chosen: everything is frozen.'}</p>
        {errors.services && <p className="field-error focus-on-error" tabIndex={-1}>{errors.services.join('; ')}</p>}
      </div>
    </EntryFormFrame>
  );
}

/** The name, and the id made from it until the person types one (kept when editing: it is the record's key). */
function NameAndId({ values, editing, errors, prefix, onChange }: { values: { id: string; name: string }; editing: boolean; errors: Partial<Record<EntryField | 'form', string[]>>; prefix: string; onChange: (name: string, id: string) => void }) {
  const [ownId, setOwnId] = useState(editing);
  return (
    <div className="form-row">
      <FormField id={`${prefix}-name`} label="Name" errors={errors.name}>
        {(p) => <input type="text" {...p} value={values.name} maxLength={200} onChange={(e) => onChange(e.target.value, ownId ? values.id : entryIdFrom(e.target.value))} />}
      </FormField>
      <FormField id={`${prefix}-id`} label="Id" errors={errors.id} hint={editing ? 'The record’s key: it stays.' : 'Lowercase letters, digits and "-"; made from the name unless you type one.'}>
        {(p) => <input type="text" className="mono" {...p} value={values.id} readOnly={editing} onChange={(e) => { setOwnId(true); onChange(values.name, e.target.value); }} />}
      </FormField>
    </div>
  );
}

/** The frame both forms share: a labelled form, the refusal in the server's words, Save and Cancel; focus moves to what was refused. */
function EntryFormFrame({ title, write, errors, onSave, onCancel, children }: { title: string; write: { isError: boolean; isPending: boolean; error: unknown }; errors: Partial<Record<EntryField | 'form', string[]>>; onSave: () => void; onCancel: () => void; children: ReactNode }) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => ref.current?.querySelector<HTMLElement>('input')?.focus(), []);
  useEffect(() => {
    if (write.isError) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"], .focus-on-error, .form-alert')?.focus();
  }, [write.isError, write.error]);
  return (
    <form ref={ref} className="entry-form stack" aria-label={title} noValidate onSubmit={(e) => { e.preventDefault(); onSave(); }}>
      <h3>{title}</h3>
      {errors.form && <div className="form-alert" tabIndex={-1}><ErrorPanel error={write.error} title="Not saved" /></div>}
      {!errors.form && write.isError && <p className="field-error" role="alert">Not saved: see the fields marked below.</p>}
      {children}
      <div className="button-row">
        <button type="submit" className="primary" disabled={write.isPending}>Save</button>
        <button type="button" onClick={onCancel}>Cancel</button>
        {write.isPending && <span role="status">Saving…</span>}
      </div>
    </form>
  );
}
