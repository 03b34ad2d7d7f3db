import type { CIPage } from '../../../schema/explorer.ts';
import { provenanceAttributes } from '../../../schema/imports.ts';
import { formatTime } from '../../components/RunsTable.tsx';

/** Attributes with the source that supplies each, and when each source last confirmed the CI. */
export function AttributesPanel({ page }: { page: CIPage }) {
  const { ci, sources } = page;
  const entries = Object.entries(ci.attributes).filter(([name]) => name !== provenanceAttributes.sources && name !== provenanceAttributes.staleSince);
  const suppliers = (name: string, value: unknown) => sources.filter((s) => name in s.attributes && JSON.stringify(s.attributes[name]) === JSON.stringify(value)).map((s) => s.scope);
  return (
    <section className="panel" aria-labelledby="attributes-title">
      <header><h2 id="attributes-title">Attributes</h2><span className="muted">last written by {ci.meta.source}, {formatTime(ci.meta.updatedAt)}</span></header>
      <div className="body">
        {entries.length === 0 ? <p className="muted">No attributes beyond its name and type.</p> : (
          <table className="data">
            <thead><tr><th>Attribute</th><th>Value</th><th>Supplied by</th></tr></thead>
            <tbody>
              {entries.map(([name, value]) => {
                const from = suppliers(name, value);
                return (
                  <tr key={name}>
                    <td className="mono">{name}</td>
                    <td><Value value={value} /></td>
                    <td className="muted">{from.length ? from.join(', ') : <span title="no import asserts it: written by an estate file or the API">{ci.meta.source}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <h3 style={{ marginTop: 16, marginBottom: 6 }}>Sources</h3>
        {sources.length === 0 ? <p className="muted">No importer asserts this CI: it was written from an estate file or the API.</p> : (
          <table className="data">
            <thead><tr><th>Scope</th><th>Last confirmed</th></tr></thead>
            <tbody>{sources.map((s) => <tr key={s.scope}><td className="mono">{s.scope}</td><td>{s.confirmedAt ? formatTime(s.confirmedAt) : <span className="muted">not recorded</span>}</td></tr>)}</tbody>
          </table>
        )}
      </div>
    </section>
  );
}

/** A value as text: scalars as they are, structures as compact JSON. */
function Value({ value }: { value: unknown }) {
  if (value === null || typeof value !== 'object') return <span>{String(value)}</span>;
  return <code style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(value, null, 1).slice(0, 2000)}</code>;
}
