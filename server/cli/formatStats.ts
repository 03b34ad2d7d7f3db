import type { ChangeMeasures } from '../../schema/measures.ts';
import type { ChangeStats } from '../changes/changeStats.ts';

/** The change measures for people: the scope's figures, then a line per service and team. */
export function formatStats(stats: ChangeStats): string {
  const scope = stats.service ? `service ${stats.service}` : stats.team ? `team ${stats.team}` : 'all changes';
  const m = stats.measures;
  const lines = [
    `${scope}, ${stats.from} → ${stats.to}${stats.truncated ? ' (more records than one reading takes: figures cover the newest)' : ''}`,
    `changes ended: ${m.changes} (implemented ${m.implemented}, failed ${m.failed}, rolled back ${m.rolledBack}; ${m.followedByIncident} implemented then followed by an incident)`,
    `success rate ${percent(m.successRate)}, failure rate ${percent(m.failureRate)}, emergency share ${percent(m.emergencyShare)}, mean lead time ${hours(m.meanLeadTimeHours)}`,
    `incidents opened ${m.incidentsOpened}, resolved ${m.incidentsResolved}, mean time to restore ${hours(m.meanTimeToRestoreHours)}`,
  ];
  for (const [title, rows] of [['by service', stats.byService], ['by team', stats.byTeam]] as const) {
    if (rows.length) lines.push('', `${title}:`, ...rows.map((row) => `  ${row.id.padEnd(28)} ${line(row.measures)}`));
  }
  return lines.join('\n');
}

function line(m: ChangeMeasures): string {
  return `${String(m.changes).padStart(3)} ${plural(m.changes, 'change')}, failure ${percent(m.failureRate).padStart(4)}, ${m.incidentsOpened} ${plural(m.incidentsOpened, 'incident')}, restore ${hours(m.meanTimeToRestoreHours)}`;
}

function percent(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`;
}

function hours(value: number | null): string {
  return value === null ? '–' : `${value} h`;
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}
