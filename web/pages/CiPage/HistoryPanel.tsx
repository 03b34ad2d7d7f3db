import type { HistoryEntry } from '../../../schema/history.ts';
import { relationshipWording } from '../../../schema/relationships.ts';
import { formatTime } from '../../components/RunsTable.tsx';

/** The history timeline: who, from which source, and what changed (old and new values). */
export function HistoryPanel({ history }: { history: HistoryEntry[] }) {
  return (
    <section className="panel" aria-labelledby="history-title">
      <header><h2 id="history-title">History</h2><span className="muted">newest first</span></header>
      <div className="body">
        {history.length === 0 ? <p className="muted">No history recorded.</p> : (
          <ol className="timeline">
            {history.map((entry) => (
              <li key={entry.seq}>
                <div><div>{formatTime(entry.at)}</div><div className="muted">{entry.actor}</div></div>
                <div>
                  <div><strong>{describe(entry)}</strong> <span className="muted">from {entry.source}</span></div>
                  <Changes entry={entry} />
                </div>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

function describe(entry: HistoryEntry): string {
  if (entry.entity === 'ci') return `CI ${entry.operation}`;
  const r = entry.after ?? entry.before;
  return r ? `Relationship ${entry.operation}: ${r.from} ${relationshipWording[r.type].forward} ${r.to}` : `Relationship ${entry.operation}`;
}

/** Attribute-level differences of a CI entry; nothing for relationships and creations. */
function Changes({ entry }: { entry: HistoryEntry }) {
  if (entry.entity !== 'ci' || !entry.before || !entry.after) return null;
  const before: Record<string, unknown> = { name: entry.before.name, type: entry.before.type, ...entry.before.attributes };
  const after: Record<string, unknown> = { name: entry.after.name, type: entry.after.type, ...entry.after.attributes };
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((n) => JSON.stringify(before[n]) !== JSON.stringify(after[n]));
  if (names.length === 0) return null;
  return (
    <ul className="changes">
      {names.slice(0, 20).map((name) => (
        <li key={name}>{name}: {name in before && <del>{short(before[name])}</del>} {name in after ? <ins>→ {short(after[name])}</ins> : <span className="muted">(removed)</span>}</li>
      ))}
    </ul>
  );
}

const short = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};
