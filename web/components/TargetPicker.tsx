import type { ImpactEffect } from '../../schema/impact.ts';
import { SearchBox } from './SearchBox.tsx';

interface Target {
  id: string;
  effect: ImpactEffect;
}

interface TargetPickerProps {
  label: string;
  targets: Target[];
  /** Offer down / degraded per target (impact); upstream symptoms have no effect. */
  effects?: boolean;
  /** What the search box invites to add (default: a target, or a failing CI). */
  placeholder?: string;
  onChange: (targets: Target[]) => void;
}

/** The CIs an analysis starts from: chosen from search, each removable, with its effect where one applies. */
export function TargetPicker({ label, targets, effects, placeholder, onChange }: TargetPickerProps) {
  return (
    <div className="target-picker" role="group" aria-label={label}>
      <span className="field">{label}</span>
      <ul className="chips">
        {targets.map((target) => (
          <li key={target.id} className="chip">
            <span className="mono">{target.id}</span>
            {effects && (
              <select aria-label={`Effect on ${target.id}`} value={target.effect} onChange={(e) => onChange(targets.map((t) => (t.id === target.id ? { ...t, effect: e.target.value as ImpactEffect } : t)))}>
                <option value="down">down</option>
                <option value="degraded">degraded</option>
              </select>
            )}
            <button type="button" className="link" aria-label={`Remove ${target.id}`} onClick={() => onChange(targets.filter((t) => t.id !== target.id))}>✕</button>
          </li>
        ))}
      </ul>
      <SearchBox id={`add-${label.toLowerCase()}`} className="picker-search" placeholder={placeholder ?? `Add ${effects ? 'a target' : 'a failing CI'}…`}
        onChoose={(ci) => !targets.some((t) => t.id === ci.id) && onChange([...targets, { id: ci.id, effect: 'down' }])} />
    </div>
  );
}
