import { basename } from 'node:path';
import type { PlanProposal } from '../../schema/proposals.ts';
import { importEstate, type ImportEstateResult } from '../estate/importEstate.ts';
import { InvalidError } from '../errors.ts';
import type { Precedence } from '../reconcile/precedence.ts';
import type { GraphStore, RequestOrigin } from '../store/GraphStore.ts';
import { detectImport, snapshotOf, type ImportKind, type SourceOptions } from './importSources.ts';
import { importPlan } from './importPlan.ts';
import { sourceFileMaxBytes, sourceFileTooLargeHint } from './sourceFileLimit.ts';
import type { ImportOutcome } from '../../schema/imports.ts';
import { recordFailedRun, runImport, type ImportRequest } from './runImport.ts';

/** What importing one file did, by the kind of file. */
export type TextImport =
  | { kind: 'estate'; result: ImportEstateResult }
  | { kind: 'terraform-plan'; proposal: PlanProposal }
  | { kind: Exclude<ImportKind, 'estate' | 'terraform-plan'>; outcome: ImportOutcome };

export interface TextImportRequest {
  text: string;
  /** The file's path or name: messages name it, file-scoped sources take their scope from it. */
  file: string;
  /** The kind, when the caller knows it; detected from the content otherwise. */
  kind?: ImportKind;
  /** The text already parsed as JSON, when the caller has it (an HTTP JSON body, kind detection). */
  json?: unknown;
  actor: string;
  /** The request that asked for the import, for its audit entry. */
  origin?: RequestOrigin;
  /** Refuse estate files, saying where they go instead (the API imports them elsewhere). */
  estateElsewhere?: string;
  dryRun?: boolean;
  precedence?: Precedence;
  source?: SourceOptions;
  onProgress?: ImportRequest['onProgress'];
}

/**
 * Imports one file's content, whatever its kind (the CLI and the HTTP API both
 * come here): estate files are applied whole, plans become proposals, sources
 * are reconciled. A source file that cannot be read still leaves a failed run on
 * record, so `trellis imports` shows the attempt.
 */
export async function importText(store: GraphStore, request: TextImportRequest): Promise<TextImport> {
  const started = new Date();
  const detected: { kind: ImportKind; json?: unknown } = request.kind ? { kind: request.kind, json: request.json } : detectImport(request.text, request.file, request.json);
  const { kind } = detected;
  if (kind === 'estate' && request.estateElsewhere) throw new InvalidError([{ entry: 'query', field: 'kind', message: request.estateElsewhere }]);
  if ((kind === 'estate' || kind === 'terraform-plan') && request.dryRun) {
    const why = kind === 'estate' ? 'estate files are applied whole' : 'a plan never changes the graph';
    throw new InvalidError([{ field: 'dryRun', message: `${why}; a dry run is for source imports` }]);
  }
  if (kind === 'estate') return { kind, result: await importEstate(store, { text: request.text, file: basename(request.file), actor: request.actor, origin: request.origin }) };
  refuseTooLarge(kind, request);
  if (kind === 'terraform-plan') return { kind, proposal: await importPlan(store, { text: request.text, file: request.file, actor: request.actor, origin: request.origin }) };
  let snapshot;
  try {
    snapshot = snapshotOf(kind, request.text, request.file, { ...request.source, json: detected.json });
  } catch (error) {
    if (!request.dryRun) await recordFailedRun(store, { source: kind, input: request.file, actor: request.actor, origin: request.origin }, error, started);
    throw error;
  }
  // For a 100 MB state the parsed document is several times the text's size: the import must not keep it.
  detected.json = undefined;
  const outcome = await runImport(store, { snapshot, input: request.file, actor: request.actor, origin: request.origin, dryRun: request.dryRun, precedence: request.precedence, onProgress: request.onProgress });
  return { kind, outcome };
}

/**
 * A file may be read before its kind is known; once it is, the file must fit
 * that kind's heap bound (see sourceFileLimit.ts), or nothing is done with it.
 */
function refuseTooLarge(kind: ImportKind, request: TextImportRequest): void {
  const maxBytes = sourceFileMaxBytes(kind);
  // A character takes a byte of heap or more, whatever the file's encoding: the text's length is what to compare.
  if (request.text.length <= maxBytes) return;
  const bytes = Buffer.byteLength(request.text);
  throw new InvalidError([{ file: request.file, message: `${bytes} bytes, over the limit of ${maxBytes} bytes: ${sourceFileTooLargeHint(maxBytes, kind)}` }]);
}
