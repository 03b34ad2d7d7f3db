import type { CIType } from '../../schema/ciTypes.ts';
import type { ChangeState } from '../../schema/changes.ts';
import { riskClasses, type RiskClass } from '../../schema/changeRisk.ts';
import { riskLabels, stateLabels } from '../changes/changeText.ts';
import { statePalette, typeStyle, type ImpactState } from '../graph/graphStyle.ts';

/** A CI's type as a small label. */
export function TypeBadge({ type }: { type: CIType }) {
  return <span className="badge type">{typeStyle[type]?.label ?? type}</span>;
}

/** An impact state: its colour, its shape and its name, so colour is never alone. */
export function StateBadge({ state }: { state: ImpactState }) {
  const s = statePalette[state];
  return (
    <span className="badge state" style={{ background: s.badge, color: s.text }}>
      <StateShape state={state} stroke={s.text} />
      {s.label}
    </span>
  );
}

/** The shape a state has on the map, as a small SVG (legend and badges). */
export function StateShape({ state, stroke = '#1c2330', fill = 'none' }: { state: ImpactState; stroke?: string; fill?: string }) {
  const points = { down: '4,1 8,1 11,4 11,8 8,11 4,11 1,8 1,4', degraded: '1,2 11,2 6,11', at_risk: '6,1 11,6 6,11 1,6' }[state];
  return (
    <svg viewBox="0 0 12 12" aria-hidden="true">
      <polygon points={points} fill={fill} stroke={stroke} strokeWidth="1.4" />
    </svg>
  );
}

/** Criticality 1-4 (1 most critical); nothing when unknown. */
export function CriticalityBadge({ criticality }: { criticality?: number | undefined }) {
  if (!criticality) return null;
  return <span className={`badge crit-${criticality}`} title={`criticality ${criticality} (1 is most critical)`}>Tier {criticality}</span>;
}

/** Flags a CI no source asserts any more. */
export function StaleBadge({ since }: { since?: string | undefined }) {
  if (!since) return null;
  return <span className="badge stale" title={`no source has asserted it since ${since}`}>Stale since {since.slice(0, 10)}</span>;
}

/** A change's risk class as its assessment gave it: a word and a bar of one to four steps, so colour is never alone. */
export function RiskBadge({ risk, score }: { risk: RiskClass | undefined; score?: number | undefined }) {
  if (!risk) return <span className="badge">Not assessed</span>;
  const steps = riskClasses.indexOf(risk) + 1;
  return (
    <span className={`badge risk-${risk}`} title={score === undefined ? undefined : `risk score ${score} of 100`}>
      <span className="risk-steps" aria-hidden="true">{'▮'.repeat(steps)}{'▯'.repeat(4 - steps)}</span>
      {riskLabels[risk]}{score === undefined ? '' : ` (${score})`}
    </span>
  );
}

/** Where a change is in its lifecycle. */
export function ChangeStateBadge({ state }: { state: ChangeState }) {
  return <span className={`badge change-${state}`}>{stateLabels[state]}</span>;
}
