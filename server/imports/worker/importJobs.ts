import type { RetireOutcome } from '../../../schema/imports.ts';
import { importEstate, type ImportEstateResult } from '../../estate/importEstate.ts';
import { checkJsonDepth, parseJsonText } from '../../input/jsonText.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { importText, type TextImport, type TextImportRequest } from '../importText.ts';
import { retireStale, type RetireOptions } from '../retireStale.ts';

/**
 * The long writes the API hands to the import worker, as plain data that
 * crosses threads: a source file, an estate file, or retiring stale CIs.
 */
export type ImportJob =
  | { kind: 'source'; request: Omit<TextImportRequest, 'json' | 'onProgress'>; isJson: boolean }
  | { kind: 'estate'; text: string; isJson: boolean; file: string; actor: string; origin?: TextImportRequest['origin'] }
  | { kind: 'retire'; options: RetireOptions };

/** What each kind of job answers. */
export type ImportJobResult<J extends ImportJob> = J extends { kind: 'source' } ? TextImport : J extends { kind: 'estate' } ? ImportEstateResult : RetireOutcome;

/** Runs one job against a store: the same use cases as the CLI, parsing included. */
export async function runImportJob<J extends ImportJob>(store: GraphStore, job: J): Promise<ImportJobResult<J>> {
  switch (job.kind) {
    case 'source': {
      const json = job.isJson ? parseJsonText(job.request.text, 'body') : undefined;
      return (await importText(store, { ...job.request, json })) as ImportJobResult<J>;
    }
    case 'estate':
      // The estate parser reads JSON as YAML; the depth is checked first all the same.
      if (job.isJson) checkJsonDepth(job.text, 'body');
      return (await importEstate(store, job)) as ImportJobResult<J>;
    case 'retire':
      return (await retireStale(store, job.options)) as ImportJobResult<J>;
  }
}
