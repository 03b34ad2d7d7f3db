import type { Command } from 'commander';
import { changeIdSchema, changeStates, type ChangeRecord, type ChangeState } from '../../schema/changes.ts';
import { limits } from '../../schema/limits.ts';
import type { ChangeCalendar } from '../../schema/calendar.ts';
import { changeCalendar } from '../changes/changeCalendar.ts';
import { changeStats } from '../changes/changeStats.ts';
import { registerChangeWriteCommands } from './changeWriteCommands.ts';
import { formatStats } from './formatStats.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';

/** `trellis change list|show|calendar`: change records read from the store, for people and (with --json) scripts. */
export function registerChangeCommands(program: Command, withStore: <T>(work: (store: GraphStore) => Promise<T>) => Promise<T>, print: (value: unknown) => void): void {
  const change = program.command('change').description('change records: request, move, decide, review, list, show, the change calendar and the measures');
  change.command('list')
    .description('list changes, newest first')
    .option('--state <state>', `only changes in this state (${changeStates.join(', ')})`)
    .option('--target <id>', 'only changes that target this CI')
    .option('--json', 'print as JSON')
    .action(async (options: { state?: string; target?: string; json?: boolean }) => {
      if (options.state !== undefined && !changeStates.includes(options.state as ChangeState)) {
        throw new InvalidError([{ field: 'state', message: `"${options.state}" is not a change state (${changeStates.join(', ')})` }]);
      }
      const states = options.state ? [options.state as ChangeState] : undefined;
      const changes = (await withStore((store) => store.listChanges({ states, target: options.target, limit: limits.pageSizeMax }))).map((stored) => stored.change);
      print(options.json ? changes : changes.length ? changes.map(changeLine).join('\n') : 'no change matches');
    });
  change.command('show')
    .description('show a change: what it asks, its assessment, decisions and moves')
    .argument('<id>', 'CHG-<n>')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      parseOrThrow(changeIdSchema, id, 'change id');
      const [stored, incidents] = await withStore(async (store) => [await store.findChange(id), await store.listIncidents({ change: id, limit: limits.pageSizeMax })] as const);
      if (!stored) throw new NotFoundError(`no change has the id ${id}`, [id]);
      const followed = incidents.map(({ incident }) => `${incident.id} P${incident.priority} ${incident.state}, opened ${incident.openedAt}: ${incident.title}${incident.change === id ? ' (linked)' : ' (possibly caused by it)'}`);
      print(options.json ? stored.change : [formatChange(stored.change), ...(followed.length ? ['', 'incidents:', ...followed.map((line) => `  ${line}`)] : [])].join('\n'));
    });
  change.command('stats')
    .description('change success and failure rates, emergency share, lead time and time to restore over a period')
    .option('--from <time>', 'start (ISO time; default 30 days before --to)')
    .option('--to <time>', 'end (ISO time; default now)')
    .option('--service <id>', 'only changes and incidents that impact this service')
    .option('--team <id>', 'only changes and incidents that concern this team')
    .option('--json', 'print as JSON')
    .action(async (options: { from?: string; to?: string; service?: string; team?: string; json?: boolean }) => {
      const to = instantOf(options.to ?? new Date().toISOString(), 'to');
      const from = instantOf(options.from ?? new Date(Date.parse(to) - 30 * 86_400_000).toISOString(), 'from');
      const stats = await withStore((store) => changeStats(store, { from, to, service: options.service, team: options.team }));
      print(options.json ? stats : formatStats(stats));
    });
  registerChangeWriteCommands(change, withStore, (stored, json) => print(json ? stored.change : formatChange(stored.change)));
  change.command('calendar')
    .description('the schedule: changes with their conflicts and collisions, freezes, maintenance windows')
    .option('--from <time>', 'start (ISO time; default now)')
    .option('--to <time>', 'end (ISO time; default 14 days after --from)')
    .option('--json', 'print as JSON')
    .action(async (options: { from?: string; to?: string; json?: boolean }) => {
      const from = instantOf(options.from ?? new Date().toISOString(), 'from');
      const to = instantOf(options.to ?? new Date(Date.parse(from) + 14 * 86_400_000).toISOString(), 'to');
      const calendar = await withStore((store) => changeCalendar(store, from, to));
      print(options.json ? calendar : formatCalendar(calendar));
    });
}

function instantOf(text: string, field: string): string {
  if (Number.isNaN(Date.parse(text))) throw new InvalidError([{ field, message: `"${text}" is not an ISO time` }]);
  return new Date(text).toISOString();
}

function changeLine(change: ChangeRecord): string {
  const risk = change.assessment ? ` risk ${change.assessment.risk.class.replace('_', ' ')}` : '';
  return `${change.id.padEnd(8)} ${change.state.padEnd(12)} ${change.type.padEnd(9)} ${change.window.start} → ${change.window.end}${risk}  ${change.title}`;
}

function formatChange(change: ChangeRecord): string {
  const lines = [
    `${change.id}  ${change.title}`,
    `${change.type} change, ${change.state}; requested by ${change.requester} at ${change.createdAt}`,
    `window: ${change.window.start} → ${change.window.end} (${change.window.timeZone})`,
    `targets: ${change.targets.map((t) => `${t.id} (${t.effect})`).join(', ')}`,
    `rollback plan: ${change.rollbackPlan.trim() ? `${change.rollbackTested ? 'tested' : 'not tested'}` : 'none'}`,
  ];
  const { assessment } = change;
  if (assessment) {
    lines.push('', `assessed ${assessment.at}: risk ${assessment.risk.class.replace('_', ' ')} (${assessment.risk.score})`);
    for (const factor of assessment.risk.factors) lines.push(`  ${factor.name.padEnd(20)} ${String(factor.points).padStart(5)} of ${factor.weight}  ${factor.explanation}`);
    lines.push(`services: ${assessment.impact.services.map((s) => `${s.name} ${s.state.replace('_', ' ')}`).join(', ') || 'none impacted'}`);
    if (assessment.conflicts.length) lines.push(`conflicts with: ${assessment.conflicts.join(', ')}`);
    if (assessment.collisions.length) lines.push(`collides with: ${assessment.collisions.join(', ')}`);
    lines.push(`approvers: ${[...assessment.approvers.map((a) => `team ${a.team} (for ${a.services.join(', ')})`), 'a change manager'].join('; ')}`);
  }
  for (const approval of change.approvals ?? []) lines.push(`${approval.decision} by ${approval.by}${approval.team ? ` for team ${approval.team}` : ''}${approval.override ? ' (override)' : ''}: ${approval.comment}`);
  if (change.transitions.length) lines.push('', 'moves:', ...change.transitions.map((t) => `  ${t.at}  ${t.from} → ${t.to} by ${t.by}${t.comment ? `: ${t.comment}` : ''}`));
  if (change.review) lines.push('', `review by ${change.review.by}: ${change.review.findings}${change.review.followUp ? `; follow-up: ${change.review.followUp}` : ''}`);
  return lines.join('\n');
}

function formatCalendar(calendar: ChangeCalendar): string {
  const lines = [`${calendar.from} → ${calendar.to}`];
  for (const freeze of calendar.freezes) lines.push(`FREEZE   ${freeze.start} → ${freeze.end}  ${freeze.name}${freeze.services ? ` (${freeze.services.join(', ')})` : ' (everything)'}`);
  for (const change of calendar.changes) {
    const notes = [...change.collisions.map((id) => `collides with ${id}`), ...change.conflicts.map((id) => `conflicts with ${id}`)];
    lines.push(`${change.id.padEnd(8)} ${change.window.start} → ${change.window.end}  ${change.state}${change.risk ? `, risk ${change.risk.replace('_', ' ')}` : ''}  ${change.title}${notes.length ? `  [${notes.join('; ')}]` : ''}`);
  }
  for (const window of calendar.maintenance) if (window.opens.length) lines.push(`maintenance ${window.service} (${window.name}): ${window.opens.map((o) => o.start).join(', ')}`);
  if (calendar.changes.length === 0) lines.push('no change in this span');
  if (calendar.truncated) lines.push(`(only the first ${calendar.changes.length} changes are shown)`);
  return lines.join('\n');
}
