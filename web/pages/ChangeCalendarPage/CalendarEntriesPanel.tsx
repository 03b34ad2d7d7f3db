import { useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { Freeze, MaintenanceWindow } from '../../../schema/calendar.ts';
import { ErrorPanel, QueryState } from '../../components/QueryState.tsx';
import { blankFreeze, blankMaintenance, describeOpening, freezeFormOf, maintenanceFormOf } from '../../changes/calendarEntryForm.ts';
import { formatWindow } from '../../changes/changeText.ts';
import { useCalendarEntryWrite, useFreezes, useMaintenanceWindows } from '../../hooks/useCalendarEntries.ts';
import { useAccess } from '../../hooks/useSession.ts';
import { FreezeForm, MaintenanceForm } from './EntryForms.tsx';

type Editing = { kind: 'maintenance'; entry?: MaintenanceWindow } | { kind: 'freeze'; entry?: Freeze };

/**
 * The calendar's own records: maintenance windows and freezes, listed for
 * everyone; added, edited and removed by change managers (`approve`). After a
 * save or a removal the calendar above is read again.
 */
export function CalendarEntriesPanel({ from }: { from: string }) {
  const whyNot = useAccess().whyNot('approve');
  const windows = useMaintenanceWindows();
  const freezes = useFreezes();
  const [editing, setEditing] = useState<Editing | undefined>();
  const [said, setSaid] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const done = (message: string) => {
    setEditing(undefined);
    setSaid(message);
    heading.current?.focus();
  };
  const edit = (next: Editing) => {
    setSaid('');
    setEditing(next);
  };
  const canKeep = !whyNot;
  return (
    <section className="panel" aria-labelledby="entries-title">
      <header>
        <h2 id="entries-title" ref={heading} tabIndex={-1}>Maintenance windows and freezes</h2>
        {canKeep && !editing && (
          <div className="button-row">
            <button type="button" onClick={() => edit({ kind: 'maintenance' })}>Add a maintenance window</button>
            <button type="button" onClick={() => edit({ kind: 'freeze' })}>Add a freeze</button>
          </div>
        )}
      </header>
      <div className="body stack">
        <p className="hint">A change outside its services’ maintenance windows, or inside a freeze, is riskier: its assessment says so.</p>
        {whyNot && <p className="muted" role="note">Read-only: {whyNot}</p>}
        <p role="status" className={said ? 'saved' : 'visually-hidden'}>{said}</p>
        {editing?.kind === 'maintenance' && <MaintenanceForm key={editing.entry?.id ?? 'new'} initial={editing.entry ? maintenanceFormOf(editing.entry) : blankMaintenance()} editing={Boolean(editing.entry)} onDone={done} onCancel={() => done('')} />}
        {editing?.kind === 'freeze' && <FreezeForm key={editing.entry?.id ?? 'new'} initial={editing.entry ? freezeFormOf(editing.entry) : blankFreeze(from)} editing={Boolean(editing.entry)} onDone={done} onCancel={() => done('')} />}
        <h3>Maintenance windows</h3>
        <QueryState query={windows} what="maintenance windows">
          {({ items }) => (items.length === 0 ? <p className="muted">None is kept: every change counts as outside a maintenance window.</p> : (
            <EntryTable kind="maintenance" caption="Maintenance windows" columns={['Name', 'Service', 'Opens']} canKeep={canKeep} onEdit={(entry) => edit({ kind: 'maintenance', entry })} onRemoved={done}
              rows={items.map((w) => ({ id: w.id, name: w.name, cells: [<Link key="s" className="mono" to={`/ci/${encodeURIComponent(w.service)}`}>{w.service}</Link>, describeOpening(w)], entry: w }))} />
          ))}
        </QueryState>
        <h3>Freezes</h3>
        <QueryState query={freezes} what="freezes">
          {({ items }) => (items.length === 0 ? <p className="muted">None is kept.</p> : (
            <EntryTable kind="freeze" caption="Freezes" columns={['Name', 'When', 'Freezes']} canKeep={canKeep} onEdit={(entry) => edit({ kind: 'freeze', entry })} onRemoved={done}
              rows={items.map((f) => ({ id: f.id, name: f.name, cells: [formatWindow(f), f.services?.length ? <span key="s" className="mono">{f.services.join(', ')}</span> : 'everything'], entry: f }))} />
          ))}
        </QueryState>
      </div>
    </section>
  );
}

interface EntryRow<E> {
  id: string;
  name: string;
  cells: ReactNode[];
  entry: E;
}

/** One kind of record as a table; change managers get Edit and Remove on each row. */
function EntryTable<E>({ kind, caption, columns, rows, canKeep, onEdit, onRemoved }: { kind: 'maintenance' | 'freeze'; caption: string; columns: string[]; rows: EntryRow<E>[]; canKeep: boolean; onEdit: (entry: E) => void; onRemoved: (message: string) => void }) {
  const remove = useCalendarEntryWrite(kind);
  // Removing asks once more on the row itself, focus on "Keep it" (the harmless answer): a slip must not lift a freeze.
  const [confirming, setConfirming] = useState<string | undefined>();
  const [kept, setKept] = useState<string | undefined>();
  const noun = kind === 'freeze' ? 'freeze' : 'maintenance window';
  return (
    <>
      {remove.isError && <ErrorPanel error={remove.error} title={`The ${noun} was not removed`} />}
      <table className="data">
        <caption className="visually-hidden">{caption}</caption>
        <thead><tr>{columns.map((c) => <th key={c}>{c}</th>)}{canKeep && <th style={{ width: 180 }}><span className="visually-hidden">Actions</span></th>}</tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.name} <span className="muted mono">{row.id}</span></td>
              {row.cells.map((cell, i) => <td key={i}>{cell}</td>)}
              {canKeep && (
                <td className="nowrap">
                  {confirming === row.id ? (
                    <div key="confirm" className="button-row" role="group" aria-label={`Remove ${row.name}?`}>
                      <button type="button" className="small danger" disabled={remove.isPending}
                        onClick={() => remove.mutate({ remove: row.id }, { onSuccess: () => onRemoved(`Removed ${noun} “${row.name}”.`) })}>Remove it</button>
                      <button type="button" className="small" autoFocus onClick={() => { setConfirming(undefined); setKept(row.id); }}>Keep it</button>
                    </div>
                  ) : (
                    <div key="actions" className="button-row">
                      <button type="button" className="small" aria-label={`Edit ${row.name}`} onClick={() => onEdit(row.entry)}>Edit</button>
                      <button type="button" className="small" aria-label={`Remove ${row.name}`} autoFocus={kept === row.id} onClick={() => { setKept(undefined); setConfirming(row.id); }}>Remove</button>
                    </div>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
