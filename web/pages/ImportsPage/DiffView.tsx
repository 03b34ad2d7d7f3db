import { Link } from 'react-router';
import type { CoverageGap, ImportWarning, ReconcileDiff } from '../../../schema/imports.ts';
import { ciPath } from '../../paths.ts';

const shown = 100;

/** What a run changes: created, updated with attribute changes, withdrawn, newly stale; warnings and gaps. */
export function DiffView({ diff, warnings, gaps, applied }: { diff: ReconcileDiff; warnings: ImportWarning[]; gaps: CoverageGap[]; applied: boolean }) {
  return (
    <div className="grid-2">
      <IdList title="Created" ids={diff.created.filter(isCI)} linked={applied} />
      <div>
        <h3>Updated ({diff.updated.length})</h3>
        <ul className="changes" style={{ maxHeight: 240, overflow: 'auto' }}>
          {diff.updated.slice(0, shown).map((u) => (
            <li key={u.id}><Link to={ciPath(u.id)}>{u.id}</Link>
              <ul className="changes" style={{ paddingLeft: 12 }}>{u.changes.slice(0, 10).map((c) => <li key={c.attribute}>{c.attribute}: {c.before !== undefined && <del>{text(c.before)}</del>} {c.after !== undefined ? <ins>→ {text(c.after)}</ins> : <span className="muted">(removed)</span>}</li>)}</ul>
            </li>
          ))}
        </ul>
      </div>
      <IdList title="Relationships created" ids={diff.created.filter((id) => !isCI(id))} linked={false} />
      <IdList title="Withdrawn" ids={diff.withdrawn} linked={false} />
      <IdList title="Newly stale" ids={diff.stale} linked />
      {warnings.length > 0 && <Messages title="Warnings" items={warnings.map((w) => `${w.code}${w.place ? ` at ${w.place}` : ''}: ${w.message}`)} />}
      {gaps.length > 0 && <Messages title="Gaps (scopes not read: nothing in them is withdrawn)" items={gaps.map((g) => `${g.scope}: ${g.reason}`)} />}
    </div>
  );
}

/** Ids, linked to their CI pages when those exist (not before a dry run is applied, not once withdrawn). */
function IdList({ title, ids, linked }: { title: string; ids: string[]; linked: boolean }) {
  return (
    <div>
      <h3>{title} ({ids.length})</h3>
      {ids.length === 0 ? <p className="muted">None.</p> : (
        <ul className="changes" style={{ maxHeight: 240, overflow: 'auto' }}>
          {ids.slice(0, shown).map((id) => <li key={id}>{!linked || id.includes(' ') ? <span className="mono">{id}</span> : <Link to={ciPath(id)}>{id}</Link>}</li>)}
          {ids.length > shown && <li className="muted">and {ids.length - shown} more</li>}
        </ul>
      )}
    </div>
  );
}

function Messages({ title, items }: { title: string; items: string[] }) {
  return <div><h3>{title} ({items.length})</h3><ul className="changes" style={{ maxHeight: 200, overflow: 'auto', fontFamily: 'inherit' }}>{items.slice(0, shown).map((m, i) => <li key={i}>{m}</li>)}</ul></div>;
}

const text = (value: unknown) => {
  const t = typeof value === 'string' ? value : JSON.stringify(value);
  return t.length > 80 ? `${t.slice(0, 77)}…` : t;
};

/** Diff subjects are CI ids or relationship keys (`from TYPE to`); CI ids never hold a space. */
const isCI = (subject: string) => !subject.includes(' ');
