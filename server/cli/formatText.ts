import type { StoredCI } from '../../schema/configItem.ts';
import type { ImportRun } from '../../schema/imports.ts';
import type { PlanProposal } from '../../schema/proposals.ts';
import type { ImportOutcome, RetireOutcome } from '../../schema/imports.ts';
import { formatProblem } from '../../schema/problems.ts';
import type { Relationship } from '../../schema/relationships.ts';
import type { CIDetail } from '../catalog/getCI.ts';
import type { ImportEstateResult } from '../estate/importEstate.ts';
import { InvalidError, TrellisError } from '../errors.ts';
import type { Page } from '../store/GraphStore.ts';

/** Human-readable renderings of CLI results; `--json` bypasses these. */

/** One CI with its attributes and relationships. */
export function formatCIDetail({ ci, outgoing, incoming }: CIDetail): string {
  const lines = [`${ci.id}  ${ci.type}  ${ci.name}`];
  for (const [key, value] of Object.entries(ci.attributes)) lines.push(`  ${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`);
  lines.push(`  (source ${ci.meta.source}, updated ${ci.meta.updatedAt})`);
  if (outgoing.length) lines.push('', 'Relationships:', ...outgoing.map((r) => `  ${describe(r)} → ${r.to}`));
  if (incoming.length) lines.push('', 'Referenced by:', ...incoming.map((r) => `  ${r.from} ${describe(r)} →`));
  return lines.join('\n');
}

/** A page of search results as an aligned table. */
export function formatSearchPage(page: Page<StoredCI>, offset: number): string {
  if (page.total === 0) return 'No CI matches.';
  const width = Math.max(...page.items.map((ci) => ci.id.length), 2);
  const rows = page.items.map((ci) => `${ci.id.padEnd(width)}  ${ci.type.padEnd(15)}  ${ci.name}`);
  const shown = page.items.length ? `${offset + 1}-${offset + page.items.length}` : 'none';
  return [...rows, '', `${shown} of ${page.total} matching CIs`].join('\n');
}

/** The outcome of an estate import. */
export function formatImportResult(result: ImportEstateResult): string {
  return `Imported ${result.file} (source ${result.source}): ${result.cis} CIs, ${result.relationships} relationships; `
    + `${result.created} created, ${result.changed} changed, ${result.unchanged} unchanged.`;
}

/** An error for stderr: domain errors with their problems, anything else by message. */
export function formatError(error: unknown): string {
  if (error instanceof InvalidError) {
    return [`error: ${error.problems.length} problem(s); nothing was written:`, ...error.problems.map((p) => `  ${formatProblem(p)}`)].join('\n');
  }
  if (error instanceof TrellisError) return `error: ${error.message}`;
  return `error: ${(error as Error).message ?? String(error)}`;
}

function describe(r: Relationship): string {
  return r.strength === 'soft' ? `${r.type} (soft)` : r.type;
}

const listedPerSection = 20;

/** A reconciliation run for a person: counts, then what changed, then warnings. */
export function formatImportOutcome(outcome: ImportOutcome): string {
  const { run, diff } = outcome;
  const c = run.counts;
  const lines = [
    `${run.status === 'dry-run' ? 'Dry run (nothing written)' : 'Imported'} ${run.input} as ${run.scopes.join(', ') || run.source}: `
      + `${c.items} items, ${c.relationships} relationships; ${c.created} created, ${c.updated} updated, ${c.withdrawn} withdrawn, ${c.stale} newly stale, ${c.unchanged} unchanged.`,
  ];
  const section = (mark: string, entries: string[]) => {
    for (const entry of entries.slice(0, listedPerSection)) lines.push(`  ${mark} ${entry}`);
    if (entries.length > listedPerSection) lines.push(`  ${mark} ... and ${entries.length - listedPerSection} more (--json lists all)`);
  };
  section('+', diff.created);
  section('~', diff.updated.map((u) => `${u.id}: ${u.changes.map((ch) => `${ch.attribute} ${short(ch.before)} -> ${short(ch.after)}`).join(', ')}`));
  section('-', diff.withdrawn);
  section('!', diff.stale.map((id) => `${id} (stale: no source asserts it any more)`));
  for (const gap of run.gaps) lines.push(`  gap: ${gap.scope} not read (${gap.reason}); nothing withdrawn there`);
  if (run.warnings.length) lines.push(`${run.warnings.length} warning(s):`);
  for (const w of run.warnings.slice(0, listedPerSection)) lines.push(`  ${w.code}: ${[w.file, w.place, w.message].filter(Boolean).join(': ')}`);
  if (run.warnings.length > listedPerSection) lines.push(`  ... and ${run.warnings.length - listedPerSection} more (--json lists all)`);
  return lines.join('\n');
}

/** Import runs, newest first, one line each. */
export function formatImportRuns(runs: ImportRun[]): string {
  if (!runs.length) return 'No import runs yet.';
  return runs.map((r) => {
    const c = r.counts;
    const outcome = r.status === 'failed' ? `FAILED: ${r.errors[0] ?? ''}` : `${c.created} created, ${c.updated} updated, ${c.withdrawn} withdrawn, ${c.stale} stale, ${c.unchanged} unchanged`;
    return `${r.startedAt}  ${r.source.padEnd(10)} ${r.input}  by ${r.actor}  ${(r.durationMs / 1000).toFixed(1)} s  ${outcome}${r.warnings.length ? `  (${r.warnings.length} warnings)` : ''}${r.gaps.length ? `  (${r.gaps.length} gaps)` : ''}`;
  }).join('\n');
}

function short(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A plan read into a proposal: what would happen to which resource, nothing applied. */
export function formatProposal(proposal: PlanProposal): string {
  const counts = new Map<string, number>();
  for (const c of proposal.changes) counts.set(c.action, (counts.get(c.action) ?? 0) + 1);
  const lines = [
    `Proposal ${proposal.id} from ${proposal.file}${proposal.terraformVersion ? ` (Terraform ${proposal.terraformVersion})` : ''}: `
      + `${[...counts].map(([action, n]) => `${n} ${action}`).join(', ') || 'no changes'}${proposal.drift ? `; ${proposal.drift} resource(s) drifted outside Terraform` : ''}. The graph is unchanged.`,
  ];
  for (const c of proposal.changes.filter((change) => change.action !== 'no-op' && change.action !== 'read').slice(0, listedPerSection)) {
    const detail = [
      c.replaceOrder && `${c.replaceOrder}`,
      c.previousAddress && `from ${c.previousAddress}`,
      c.reason,
      c.changedAttributes?.length && `changes ${c.changedAttributes.join(', ')}`,
      c.ciId ? `CI ${c.ciId}` : c.action !== 'create' ? 'no CI known yet' : undefined,
    ].filter(Boolean).join('; ');
    lines.push(`  ${c.action.padEnd(7)} ${c.address}${detail ? `  (${detail})` : ''}`);
  }
  for (const w of proposal.warnings) lines.push(`  ${w.code}: ${[w.place, w.message].filter(Boolean).join(': ')}`);
  return lines.join('\n');
}

/** What retire-stale removed. */
export function formatRetireOutcome(outcome: RetireOutcome): string {
  const verb = outcome.dryRun ? 'Would remove' : 'Removed';
  const lines = [`${verb} ${outcome.cis.length} CI(s) and ${outcome.relationships.length} relationship(s) stale for more than ${outcome.graceDays} day(s).`];
  for (const id of outcome.cis.slice(0, listedPerSection)) lines.push(`  - ${id}`);
  for (const key of outcome.relationships.slice(0, listedPerSection)) lines.push(`  - ${key}`);
  return lines.join('\n');
}
