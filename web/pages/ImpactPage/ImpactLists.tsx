import { Link } from 'react-router';
import type { ImpactReport, TeamToNotify } from '../../../schema/impact.ts';
import { CriticalityBadge, StateBadge } from '../../components/Badges.tsx';
import { download, fileNameOf } from '../../components/download.ts';
import { Tabs } from '../../components/Tabs.tsx';
import { toCsv, type CsvColumn } from '../../graph/csv.ts';
import { ciPath } from '../../paths.ts';

/** Rows shown in a list; the CSV always holds every row. */
const shownRows = 200;

/** The lists a change manager sends on: impacted services, teams to notify, suppliers, contracts; each as CSV. */
export function ImpactLists({ report, name, onSelect }: { report: ImpactReport; name: string; onSelect: (id: string) => void }) {
  const save = <R,>(what: string, columns: CsvColumn<R>[], rows: readonly R[]) => download(new Blob([`\uFEFF${toCsv(columns, rows)}`], { type: 'text/csv;charset=utf-8' }), `${fileNameOf(`${name}-${what}`)}.csv`);
  return (
    <section aria-label="Impacted services, teams, suppliers and contracts">
      <Tabs label="Impact lists" tabs={[
        { id: 'services', title: `Services (${report.services.length})`, content: () => (
          <>
            <CsvButton what="services" onClick={() => save('services', serviceColumns, report.services)} />
            <div className="table-scroll">
              <table className="data">
                <thead><tr><th>Service</th><th>State</th><th>Tier</th></tr></thead>
                <tbody>{report.services.slice(0, shownRows).map((s) => (
                  <tr key={s.id} className="clickable" onClick={() => onSelect(s.id)}>
                    <td><button type="button" className="link" onClick={() => onSelect(s.id)}>{s.name}</button></td><td><StateBadge state={s.state} /></td><td><CriticalityBadge criticality={s.criticality} /></td>
                  </tr>
                ))}</tbody>
              </table>
            </div>
            <More total={report.services.length} />
          </>
        ) },
        { id: 'teams', title: `Teams (${report.notify.length})`, content: () => (
          <>
            <CsvButton what="teams" onClick={() => save('teams', teamColumns, report.notify)} />
            <div className="table-scroll">
              <table className="data">
                <thead><tr><th>Team</th><th>On call</th><th>Because of</th></tr></thead>
                <tbody>{report.notify.slice(0, shownRows).map((t) => (
                  <tr key={t.id}><td><Link to={ciPath(t.id)}>{t.name}</Link></td><td>{onCallText(t) || <span className="muted">not recorded</span>}</td><td className="muted">{t.because.slice(0, 3).map((b) => b.ci).join(', ')}{t.because.length > 3 ? ` +${t.because.length - 3}` : ''}</td></tr>
                ))}</tbody>
              </table>
            </div>
            <More total={report.notify.length} />
          </>
        ) },
        { id: 'suppliers', title: `Suppliers (${report.suppliers.length})`, content: () => (
          <>
            <CsvButton what="suppliers" onClick={() => save('suppliers', supplierColumns, report.suppliers)} />
            <div className="table-scroll">
              <table className="data">
                <thead><tr><th>Supplier</th><th>Contracts</th></tr></thead>
                <tbody>{report.suppliers.slice(0, shownRows).map((s) => <tr key={s.id}><td><Link to={ciPath(s.id)}>{s.name}</Link></td><td className="muted">{s.contracts.join(', ') || '–'}</td></tr>)}</tbody>
              </table>
            </div>
          </>
        ) },
        { id: 'contracts', title: `Contracts (${report.contracts.length})`, content: () => (
          <>
            <CsvButton what="contracts" onClick={() => save('contracts', contractColumns, report.contracts)} />
            <div className="table-scroll">
              <table className="data">
                <thead><tr><th>Contract</th><th>Ends</th><th>Covers</th></tr></thead>
                <tbody>{report.contracts.slice(0, shownRows).map((c) => <tr key={c.id}><td><Link to={ciPath(c.id)}>{c.name}</Link></td><td>{c.end ?? '–'}</td><td className="muted">{c.covers.length}</td></tr>)}</tbody>
              </table>
            </div>
          </>
        ) },
      ]} />
    </section>
  );
}

function CsvButton({ what, onClick }: { what: string; onClick: () => void }) {
  return <div className="button-row" style={{ justifyContent: 'flex-end', marginBottom: 6 }}><button type="button" className="small" onClick={onClick}>Export {what} as CSV</button></div>;
}

function More({ total }: { total: number }) {
  return total > shownRows ? <p className="muted" style={{ fontSize: 12.5 }}>{shownRows} of {total.toLocaleString('en')} shown; the CSV has them all.</p> : null;
}

/** The on-call contact of a team as one line (the report carries it as the team recorded it). */
function onCallText(team: TeamToNotify): string {
  const onCall = team.onCall as { schedule?: string; contact?: { name?: string; phone?: string; email?: string } } | undefined;
  const c = onCall?.contact;
  return [c?.name, c?.phone, c?.email].filter(Boolean).join(' · ');
}

const serviceColumns: CsvColumn<ImpactReport['services'][number]>[] = [
  { header: 'id', value: (s) => s.id },
  { header: 'name', value: (s) => s.name },
  { header: 'state', value: (s) => s.state },
  { header: 'criticality', value: (s) => s.criticality },
  { header: 'depth', value: (s) => s.depth },
  { header: 'explanation', value: (s) => s.path.join(' > ') },
];
const teamColumns: CsvColumn<TeamToNotify>[] = [
  { header: 'id', value: (t) => t.id },
  { header: 'name', value: (t) => t.name },
  { header: 'on call', value: onCallText },
  { header: 'because of', value: (t) => t.because.map((b) => `${b.relationship} ${b.ci}`).join('; ') },
];
const supplierColumns: CsvColumn<ImpactReport['suppliers'][number]>[] = [
  { header: 'id', value: (s) => s.id },
  { header: 'name', value: (s) => s.name },
  { header: 'contracts', value: (s) => s.contracts.join('; ') },
  { header: 'supports', value: (s) => s.supports.join('; ') },
];
const contractColumns: CsvColumn<ImpactReport['contracts'][number]>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'name', value: (c) => c.name },
  { header: 'kind', value: (c) => c.kind },
  { header: 'end', value: (c) => c.end },
  { header: 'covers', value: (c) => c.covers.join('; ') },
  { header: 'suppliers', value: (c) => c.suppliers.join('; ') },
];
