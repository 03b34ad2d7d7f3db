import { basename } from 'node:path';
import type { Command } from 'commander';
import { FileTooLargeError, readInputFile } from '../../importers/shared/readInputFile.ts';
import { parseTerraformPlan } from '../../importers/terraform/parseTerraformPlan.ts';
import { impactThresholdSchema } from '../../schema/planGate.ts';
import { gatePlan } from '../changes/gatePlan.ts';
import type { PlanWindow } from '../changes/planChangeRequest.ts';
import { loadConfig } from '../config.ts';
import { InvalidError } from '../errors.ts';
import { sourceFileMaxBytes } from '../imports/sourceFileLimit.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';
import { cliActor, cliOrigin } from './accessCommands.ts';
import { formatPlanImpact } from './formatPlanImpact.ts';

/** Exit code of a plan whose impact reaches --fail-on without a change that covers it (README "CLI"). */
export const planBlockedExitCode = 6;

interface PlanImpactOptions {
  failOn?: string;
  at?: string;
  createChange?: boolean;
  window?: string;
  title?: string;
  actor: string;
  json?: boolean;
}

/** `trellis plan-impact <plan.json>`: the Terraform plan gate, for a pipeline step before `terraform apply`. */
export function registerPlanImpactCommand(program: Command, withStore: <T>(work: (store: GraphStore) => Promise<T>) => Promise<T>, print: (value: unknown) => void): void {
  program.command('plan-impact')
    .description(`the Terraform plan gate: what applying a plan (\`terraform show -json\`) breaks; exit ${planBlockedExitCode} when it reaches --fail-on without an approved change covering it`)
    .argument('<plan>', 'the plan as JSON: terraform plan -out tfplan && terraform show -json tfplan > plan.json')
    .option('--fail-on <state[:criticality]>', 'e.g. down:2: fail when a service of criticality 1-2 goes down (states down, degraded, at_risk; criticality 1-4, none: any service)')
    .option('--at <time>', 'ISO time a covering change\'s window must hold (default: now)')
    .option('--create-change', 'request a draft normal change from the plan (unless an approved one covers it already)')
    .option('--window <start/end>', 'ISO times of the created change\'s window (default: the next whole hour, for an hour)')
    .option('--title <text>', 'title of the created change (default: Apply Terraform plan <file>)')
    .option('--actor <name>', 'who requests the change, recorded in the audit trail', process.env.USER ?? 'cli')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', `\nDeletions and replacements take a CI down, updates degrade it; creations, no-ops, reads and moves do not count.\nExit codes: 0 the plan may go ahead (nothing reaches --fail-on, or an approved, scheduled or in-progress change\nwhose window holds --at targets every CI at least as severely); ${planBlockedExitCode} it may not; 2 bad input (not a plan, a bad\n--fail-on); 5 store unavailable.`)
    .action(async (file: string, options: PlanImpactOptions) => {
      const threshold = options.failOn === undefined ? undefined : parseOrThrow(impactThresholdSchema, options.failOn, '--fail-on');
      const at = options.at === undefined ? undefined : instantOf(options.at, '--at');
      const window = options.window === undefined ? {} : windowOf(options.window);
      const plan = parseTerraformPlan(await readPlan(file), file);
      const createChange = options.createChange ? { by: { actor: cliActor(options.actor), ...cliOrigin() }, window, title: options.title } : undefined;
      const report = await withStore((store) => gatePlan(store, { plan: { file: basename(file), changes: plan.changes, warnings: plan.warnings }, threshold, at, createChange }, loadConfig().analysis));
      print(options.json ? report : formatPlanImpact(report));
      if (options.createChange && !report.change) console.error(`no change requested: ${report.coveredBy ? `${report.coveredBy} covers the plan already` : 'the plan deletes, replaces or updates no CI of the graph'}`);
      if (report.verdict === 'blocked') process.exitCode = planBlockedExitCode;
    });
}

async function readPlan(file: string): Promise<string> {
  try {
    return await readInputFile(file, sourceFileMaxBytes('terraform-plan'));
  } catch (error) {
    throw new InvalidError([{ file, message: error instanceof FileTooLargeError ? `${error.message}: plans are read whole` : (error as Error).message }]);
  }
}

function instantOf(text: string, field: string): Date {
  if (Number.isNaN(Date.parse(text))) throw new InvalidError([{ field, message: `"${text}" is not an ISO time` }]);
  return new Date(text);
}

/** `<start>/<end>`, ISO times with their offset; the change request checks the rest. */
function windowOf(text: string): PlanWindow {
  const [start, end, ...rest] = text.split('/');
  if (!start || !end || rest.length) throw new InvalidError([{ field: '--window', message: `"${text}" is not <start>/<end>, e.g. 2026-12-10T22:00:00Z/2026-12-10T23:00:00Z` }]);
  return { start, end };
}
