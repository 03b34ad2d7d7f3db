import type { Command } from 'commander';
import { incidentIdSchema, incidentStates, type IncidentRecord, type IncidentState } from '../../schema/incidents.ts';
import { limits } from '../../schema/limits.ts';
import { loadConfig } from '../config.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import { openIncident } from '../incidents/openIncident.ts';
import { resolveIncident } from '../incidents/resolveIncident.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';
import { cliActor, cliOrigin } from './accessCommands.ts';

/** `trellis incident open|list|show|resolve`: light incident records, for responders and (with --json) scripts. */
export function registerIncidentCommands(program: Command, withStore: <T>(work: (store: GraphStore) => Promise<T>) => Promise<T>, print: (value: unknown) => void): void {
  const incident = program.command('incident').description('incidents: open one on failing CIs, list, show, resolve');
  incident.command('open')
    .description('open an incident: its services, priority and the changes that may have caused it are worked out')
    .requiredOption('--title <text>', 'what is failing, in a line')
    .requiredOption('--affected <ids>', 'the failing CIs, comma-separated')
    .requiredOption('--urgency <1-3>', 'how soon it hurts: 1 high, 2 medium, 3 low')
    .option('--impact <1-3>', 'how much is hit: 1 high, 2 medium, 3 low (default: from the services the affected CIs take down)')
    .option('--change <id>', 'a change it is linked to')
    .option('--opened-at <time>', 'when it started (ISO time; default now)')
    .option('--actor <name>', 'who opens it, for the audit trail', process.env.USER ?? 'cli')
    .option('--json', 'print as JSON')
    .action(async (options: { title: string; affected: string; urgency: string; impact?: string; change?: string; openedAt?: string; actor: string; json?: boolean }) => {
      const request = {
        title: options.title, affected: options.affected.split(',').map((id) => id.trim()).filter(Boolean), urgency: levelOf(options.urgency, 'urgency'),
        ...(options.impact ? { impact: levelOf(options.impact, 'impact') } : {}), ...(options.change ? { change: options.change } : {}), ...(options.openedAt ? { openedAt: options.openedAt } : {}),
      };
      const config = loadConfig();
      const { incident: opened } = await withStore((store) => openIncident(store, request, { actor: cliActor(options.actor), ...cliOrigin() }, { analysis: config.analysis, correlationHours: config.correlationHours }));
      print(options.json ? opened : formatIncident(opened));
    });
  incident.command('list')
    .description('list incidents, newest first')
    .option('--state <state>', `only incidents in this state (${incidentStates.join(', ')})`)
    .option('--affected <id>', 'only incidents on this CI')
    .option('--change <id>', 'only incidents linked to this change or that suspect it')
    .option('--json', 'print as JSON')
    .action(async (options: { state?: string; affected?: string; change?: string; json?: boolean }) => {
      if (options.state !== undefined && !incidentStates.includes(options.state as IncidentState)) {
        throw new InvalidError([{ field: 'state', message: `"${options.state}" is not an incident state (${incidentStates.join(', ')})` }]);
      }
      const query = { states: options.state ? [options.state as IncidentState] : undefined, affected: options.affected, change: options.change, limit: limits.pageSizeMax };
      const incidents = (await withStore((store) => store.listIncidents(query))).map((stored) => stored.incident);
      print(options.json ? incidents : incidents.length ? incidents.map(incidentLine).join('\n') : 'no incident matches');
    });
  incident.command('show')
    .description('show an incident with its services and suspected changes')
    .argument('<id>', 'INC-<n>')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      parseOrThrow(incidentIdSchema, id, 'incident id');
      const stored = await withStore((store) => store.findIncident(id));
      if (!stored) throw new NotFoundError(`no incident has the id ${id}`, [id]);
      print(options.json ? stored.incident : formatIncident(stored.incident));
    });
  incident.command('resolve')
    .description('resolve an open incident: service restored')
    .argument('<id>', 'INC-<n>')
    .requiredOption('--resolution <text>', 'how service was restored')
    .option('--resolved-at <time>', 'when service was restored (ISO time; default now)')
    .option('--actor <name>', 'who resolves it, for the audit trail', process.env.USER ?? 'cli')
    .option('--json', 'print as JSON')
    .action(async (id: string, options: { resolution: string; resolvedAt?: string; actor: string; json?: boolean }) => {
      parseOrThrow(incidentIdSchema, id, 'incident id');
      const body = { resolution: options.resolution, ...(options.resolvedAt ? { resolvedAt: options.resolvedAt } : {}) };
      const { incident: resolved } = await withStore((store) => resolveIncident(store, id, body, undefined, { actor: cliActor(options.actor), ...cliOrigin() }));
      print(options.json ? resolved : formatIncident(resolved));
    });
}

function levelOf(text: string, field: string): number {
  if (!/^[123]$/.test(text)) throw new InvalidError([{ field, message: `"${text}" is not 1, 2 or 3` }]);
  return Number(text);
}

function incidentLine(incident: IncidentRecord): string {
  const suspects = incident.suspectedChanges.length ? `  possibly caused by ${incident.suspectedChanges.map((s) => s.change).join(', ')}` : '';
  return `${incident.id.padEnd(8)} P${incident.priority} ${incident.state.padEnd(9)} ${incident.openedAt}  ${incident.title}${suspects}`;
}

/** An incident for people: priority, what it hits, and what may have caused it. */
export function formatIncident(incident: IncidentRecord): string {
  const lines = [
    `${incident.id}  ${incident.title}`,
    `P${incident.priority} (impact ${incident.impact}, urgency ${incident.urgency}), ${incident.state}; opened ${incident.openedAt} by ${incident.openedBy}`,
    `affected: ${incident.affected.join(', ')}`,
    `services: ${incident.services.join(', ') || 'none taken down or degraded'}`,
  ];
  if (incident.change) lines.push(`linked change: ${incident.change}`);
  for (const suspect of incident.suspectedChanges) lines.push(`possibly caused by ${suspect.change} (implemented ${suspect.implementedAt}; its impact holds ${suspect.via.join(', ')})`);
  if (incident.resolvedAt) lines.push(`resolved ${incident.resolvedAt} by ${incident.resolvedBy}: ${incident.resolution}`);
  return lines.join('\n');
}
