import type { ChangeMeasures } from '../../../schema/measures.ts';

/** A rate 0..1 as a thin bar; "no data" when nothing was measured. */
export function RateBar({ rate, tone, label }: { rate: number | null; tone: 'ok' | 'bad' | 'warn'; label: string }) {
  if (rate === null) return <div className="rate-bar empty-bar" role="img" aria-label={`${label}: nothing measured`} />;
  return <div className={`rate-bar ${tone}`} role="img" aria-label={`${label}: ${Math.round(rate * 100)}%`}><span style={{ width: `${rate * 100}%` }} /></div>;
}

const segments = [
  { key: 'ok', label: 'implemented, no incident', glyph: '✓' },
  { key: 'incident', label: 'implemented, then an incident', glyph: '!' },
  { key: 'failed', label: 'failed', glyph: '✕' },
  { key: 'rolled', label: 'rolled back', glyph: '↺' },
] as const;

/** How the changes ended, as one stacked bar with a legend of counts (each segment has a glyph as well as a colour). */
export function OutcomeBar({ measures: m, compact }: { measures: ChangeMeasures; compact?: boolean }) {
  const counts = { ok: Math.max(0, m.implemented - m.followedByIncident), incident: m.followedByIncident, failed: m.failed, rolled: m.rolledBack };
  const total = m.changes;
  const text = segments.map((s) => `${counts[s.key]} ${s.label}`).join(', ');
  return (
    <div className={`outcome${compact ? ' compact' : ''}`}>
      <div className="outcome-bar" role="img" aria-label={total ? `Outcomes: ${text}` : 'No change ended'}>
        {total > 0 && segments.map((s) => counts[s.key] > 0 && <span key={s.key} className={`seg ${s.key}`} style={{ width: `${(counts[s.key] / total) * 100}%` }}>{s.glyph}</span>)}
      </div>
      {!compact && <ul className="outcome-legend">{segments.map((s) => <li key={s.key}><span className={`swatch ${s.key}`} aria-hidden="true">{s.glyph}</span>{counts[s.key]} {s.label}</li>)}</ul>}
    </div>
  );
}
