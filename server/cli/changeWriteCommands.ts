import type { Command } from 'commander';
import { parseJsonDocument } from '../../importers/shared/parseJsonDocument.ts';
import { readInputFile } from '../../importers/shared/readInputFile.ts';
import { changeIdSchema, type ChangeState } from '../../schema/changes.ts';
import type { AssessmentSettings } from '../changes/assessChange.ts';
import { decideOnChange } from '../changes/decideOnChange.ts';
import { requestChange } from '../changes/requestChange.ts';
import { reviewChange } from '../changes/reviewChange.ts';
import { transitionChange } from '../changes/transitionChange.ts';
import { loadConfig } from '../config.ts';
import type { StoredChange } from '../store/ChangeLedger.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';
import { cliActor, cliOrigin } from './accessCommands.ts';

/** Largest change request file the CLI reads. */
const requestFileMaxBytes = 1024 * 1024;

/**
 * `trellis change request|move|decide|review`: the writes of the change
 * lifecycle from the shell, through the same use cases as the API. The CLI
 * works on the store directly, so it decides as a change manager (or for the
 * team named); nobody decides on a change they requested or revised all the same.
 */
export function registerChangeWriteCommands(change: Command, withStore: <T>(work: (store: GraphStore) => Promise<T>) => Promise<T>, show: (stored: StoredChange, json?: boolean) => void): void {
  const settings = (): AssessmentSettings => {
    const config = loadConfig();
    return { analysis: config.analysis, riskWeights: config.riskWeights };
  };
  const by = (actor: string) => ({ actor: cliActor(actor), ...cliOrigin() });
  const actorOption = (command: Command) => command.option('--actor <name>', 'who does it, for the change and the audit trail', process.env.USER ?? 'cli').option('--json', 'print as JSON');

  actorOption(change.command('request')
    .description('request a change from a JSON file (the body of POST /api/v1/changes); it is recorded as a draft')
    .argument('<file>', 'the change request as JSON'))
    .action(async (file: string, options: { actor: string; json?: boolean }) => {
      const body = parseJsonDocument(await readInputFile(file, requestFileMaxBytes), file, 'a change request');
      show(await withStore((store) => requestChange(store, body, by(options.actor))), options.json);
    });
  actorOption(change.command('move')
    .description('move a change along its lifecycle (submitting assesses it at once)')
    .argument('<id>', 'CHG-<n>')
    .requiredOption('--to <state>', 'the state to move to')
    .option('--comment <text>', 'why, or what happened', ''))
    .action(async (id: string, options: { to: string; comment: string; actor: string; json?: boolean }) => {
      parseOrThrow(changeIdSchema, id, 'change id');
      show(await withStore((store) => transitionChange(store, id, { to: options.to as ChangeState, comment: options.comment }, undefined, by(options.actor), settings())), options.json);
    });
  actorOption(change.command('decide')
    .description('approve or reject an assessed change, as a change manager or for a team')
    .argument('<id>', 'CHG-<n>')
    .requiredOption('--decision <approved|rejected>', 'the decision')
    .requiredOption('--comment <text>', 'why (every decision carries one)')
    .option('--team <id>', 'the team you decide for (absent: as a change manager)')
    .option('--override', 'as a change manager, approve without the missing team approvals (the comment says why)'))
    .action(async (id: string, options: { decision: string; comment: string; team?: string; override?: boolean; actor: string; json?: boolean }) => {
      parseOrThrow(changeIdSchema, id, 'change id');
      const decision = { decision: options.decision, comment: options.comment, override: options.override ?? false, ...(options.team ? { team: options.team } : {}) };
      const decider = { ...by(options.actor), teams: options.team ? [options.team] : [], mayApprove: true };
      show(await withStore((store) => decideOnChange(store, id, decision, undefined, decider)), options.json);
    });
  actorOption(change.command('review')
    .description('write the post-implementation review of a change that was carried out')
    .argument('<id>', 'CHG-<n>')
    .requiredOption('--findings <text>', 'what happened and why')
    .option('--follow-up <text>', 'what is done so that it does not happen again', ''))
    .action(async (id: string, options: { findings: string; followUp: string; actor: string; json?: boolean }) => {
      parseOrThrow(changeIdSchema, id, 'change id');
      show(await withStore((store) => reviewChange(store, id, { findings: options.findings, followUp: options.followUp }, undefined, by(options.actor))), options.json);
    });
}
