import type { Command } from 'commander';
import { parseJsonDocument } from '../../importers/shared/parseJsonDocument.ts';
import { readInputFile } from '../../importers/shared/readInputFile.ts';
import { calendarEntrySchema, type CalendarEntry } from '../../schema/calendar.ts';
import { changeTemplateSchema, type ChangeTemplate } from '../../schema/changeTemplates.ts';
import { NotFoundError } from '../errors.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';
import { cliActor, cliOrigin } from './accessCommands.ts';

/** Largest record file the CLI reads. */
const recordFileMaxBytes = 1024 * 1024;

/**
 * `trellis calendar list|save|delete` (maintenance windows and freezes) and
 * `trellis template list|save|delete` (standard-change templates): what change
 * managers keep, from JSON files shaped as the API's bodies.
 */
export function registerCalendarCommands(program: Command, withStore: <T>(work: (store: GraphStore) => Promise<T>) => Promise<T>, print: (value: unknown) => void): void {
  const actor = (name: string) => ({ actor: cliActor(name), ...cliOrigin() });
  const calendar = program.command('calendar').description('maintenance windows and freezes: list, save from a JSON file, delete');
  calendar.command('list').description('every maintenance window and freeze').option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const entries = await withStore((store) => store.listCalendarEntries());
      print(options.json ? entries : entries.map(entryLine).join('\n') || 'no maintenance window or freeze');
    });
  calendar.command('save').description('create or replace a maintenance window or freeze (its "kind" says which)').argument('<file>', 'the entry as JSON')
    .option('--actor <name>', 'who saves it, for the audit trail', process.env.USER ?? 'cli')
    .action(async (file: string, options: { actor: string }) => {
      const entry = parseOrThrow(calendarEntrySchema, parseJsonDocument(await readInputFile(file, recordFileMaxBytes), file, 'a calendar entry'), 'calendar entry') as CalendarEntry;
      await withStore((store) => store.saveCalendarEntry(entry, { ...actor(options.actor), action: 'calendar.save', target: `calendar:${entry.id}`, summary: entry.name }));
      print(`saved ${entryLine(entry)}`);
    });
  calendar.command('delete').description('remove a maintenance window or freeze').argument('<id>')
    .option('--actor <name>', 'who removes it, for the audit trail', process.env.USER ?? 'cli')
    .action(async (id: string, options: { actor: string }) => {
      const removed = await withStore((store) => store.deleteCalendarEntry(id, { ...actor(options.actor), action: 'calendar.delete', target: `calendar:${id}` }));
      if (!removed) throw new NotFoundError(`no maintenance window or freeze has the id "${id}"`, [id]);
      print(`removed ${id}`);
    });

  const template = program.command('template').description('standard-change templates: list, save from a JSON file, delete');
  template.command('list').description('every standard-change template').option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const templates = await withStore((store) => store.listChangeTemplates());
      print(options.json ? templates : templates.map(templateLine).join('\n') || 'no template');
    });
  template.command('save').description('create or replace a standard-change template').argument('<file>', 'the template as JSON')
    .option('--actor <name>', 'who saves it, for the audit trail', process.env.USER ?? 'cli')
    .action(async (file: string, options: { actor: string }) => {
      const saved = parseOrThrow(changeTemplateSchema, parseJsonDocument(await readInputFile(file, recordFileMaxBytes), file, 'a change template'), 'change template');
      await withStore((store) => store.saveChangeTemplate(saved, { ...actor(options.actor), action: 'template.save', target: `template:${saved.id}`, summary: saved.name }));
      print(`saved ${templateLine(saved)}`);
    });
  template.command('delete').description('remove a standard-change template (changes it approved stay approved)').argument('<id>')
    .option('--actor <name>', 'who removes it, for the audit trail', process.env.USER ?? 'cli')
    .action(async (id: string, options: { actor: string }) => {
      const removed = await withStore((store) => store.deleteChangeTemplate(id, { ...actor(options.actor), action: 'template.delete', target: `template:${id}` }));
      if (!removed) throw new NotFoundError(`no standard-change template has the id "${id}"`, [id]);
      print(`removed ${id}`);
    });
}

function entryLine(entry: CalendarEntry): string {
  return entry.kind === 'freeze'
    ? `${entry.id.padEnd(24)} freeze       ${entry.start} → ${entry.end}  ${entry.name}${entry.services ? ` (${entry.services.join(', ')})` : ' (everything)'}`
    : `${entry.id.padEnd(24)} maintenance  ${entry.days.join(',')} ${entry.start} for ${entry.durationMinutes} min (${entry.timeZone})  ${entry.name} of ${entry.service}`;
}

function templateLine(template: ChangeTemplate): string {
  const scope = [...(template.targets ?? []), ...(template.ciTypes ?? []).map((type) => `any ${type}${template.kinds ? ` (${template.kinds.join(', ')})` : ''}`)].join(', ');
  return `${template.id.padEnd(24)} up to ${template.maxRisk.replace('_', ' ')} risk, ${template.effects.join(' or ')}: ${scope}  ${template.name}`;
}
