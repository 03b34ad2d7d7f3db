import { Link, useSearchParams } from 'react-router';
import { ciTypes, type CIType } from '../../../schema/ciTypes.ts';
import { limits } from '../../../schema/limits.ts';
import { TypeBadge } from '../../components/Badges.tsx';
import { Empty, QueryState } from '../../components/QueryState.tsx';
import { typeStyle } from '../../graph/graphStyle.ts';
import { useCISearch } from '../../hooks/useCIs.ts';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { ciPath } from '../../paths.ts';

const pageSize = limits.pageSizeDefault;

/** All matches of a search, paged, filterable by type; the query lives in the URL. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const text = params.get('q') ?? '';
  const type = ciTypes.includes(params.get('type') as CIType) ? (params.get('type') as CIType) : undefined;
  const stale = params.get('stale') === 'true' ? true : undefined;
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const settled = useDebounced(text, 200);
  const search = useCISearch({ text: settled, type, stale, limit: pageSize, offset: page * pageSize });
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  return (
    <div className="page">
      <div className="page-header"><h1>Search</h1></div>
      <div className="button-row">
        <label className="field">Text<input type="search" value={text} onChange={(e) => update({ q: e.target.value, page: undefined })} placeholder="id or name" /></label>
        <label className="field">Type
          <select value={type ?? ''} onChange={(e) => update({ type: e.target.value || undefined, page: undefined })}>
            <option value="">Any type</option>
            {ciTypes.map((t) => <option key={t} value={t}>{typeStyle[t].label}</option>)}
          </select>
        </label>
        <label className="field" style={{ flexDirection: 'row', alignItems: 'center', gap: 6, marginTop: 16 }}>
          <input type="checkbox" checked={Boolean(stale)} onChange={(e) => update({ stale: e.target.checked ? 'true' : undefined, page: undefined })} />Stale only
        </label>
      </div>
      <section className="panel" aria-label="Results">
        <QueryState query={search} what="results">
          {(data) => data.items.length === 0 ? <Empty>No CI matches. Try part of the id or the name.</Empty> : (
            <>
              <table className="data">
                <thead><tr><th>Name</th><th>Id</th><th>Type</th><th>Last written by</th></tr></thead>
                <tbody>
                  {data.items.map((ci) => (
                    <tr key={ci.id}><td><Link to={ciPath(ci.id)}>{ci.name}</Link></td><td className="mono muted">{ci.id}</td><td><TypeBadge type={ci.type} /></td><td className="muted">{ci.meta.source}</td></tr>
                  ))}
                </tbody>
              </table>
              <div className="button-row" style={{ padding: 12, justifyContent: 'space-between' }}>
                <span className="muted">{page * pageSize + 1}–{page * pageSize + data.items.length} of {data.total.toLocaleString('en')}</span>
                <span className="button-row">
                  <button type="button" disabled={page === 0} onClick={() => update({ page: String(page - 1) })}>Previous</button>
                  <button type="button" disabled={(page + 1) * pageSize >= data.total} onClick={() => update({ page: String(page + 1) })}>Next</button>
                </span>
              </div>
            </>
          )}
        </QueryState>
      </section>
    </div>
  );
}
