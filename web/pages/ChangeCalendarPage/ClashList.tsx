import { Link } from 'react-router';
import type { CalendarClash } from '../../changes/calendarGrid.ts';
import { formatWindow } from '../../changes/changeText.ts';

const meaning = {
  conflict: 'their windows overlap and they touch the same CIs (a target or a CI either impacts): one may undo or block the other.',
  collision: 'their windows overlap and, done together, they make a service worse than either does alone (for example both members of a redundancy group down at once).',
};

/** Every conflict and collision in the span, each explained in a sentence, so the marks on the grid are never the only telling. */
export function ClashList({ clashes }: { clashes: CalendarClash[] }) {
  if (clashes.length === 0) return null;
  const count = (kind: CalendarClash['kind']) => clashes.filter((c) => c.kind === kind).length;
  const counted = [[count('conflict'), 'conflict'], [count('collision'), 'collision']] as const;
  const heading = counted.filter(([n]) => n > 0).map(([n, word]) => `${n} ${word}${n === 1 ? '' : 's'}`).join(' and ');
  return (
    <section className="message warn" aria-labelledby="clashes-title">
      <div>
        <h2 className="title" id="clashes-title">{heading} in these weeks</h2>
        <ul className="clash-list">
          {clashes.map((clash) => (
            <li key={`${clash.kind}-${clash.a.id}-${clash.b}`}>
              <strong>{clash.kind === 'conflict' ? '⚠ Conflict' : '✸ Collision'}:</strong>{' '}
              <Link to={`/changes/${clash.a.id}`}>{clash.a.id}</Link> ({formatWindow(clash.a.window)}) and <Link to={`/changes/${clash.b}`}>{clash.b}</Link>: {meaning[clash.kind]}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
