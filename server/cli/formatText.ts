import type { StoredCI } from '../../schema/configItem.ts';
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
