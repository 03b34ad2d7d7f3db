import { parseEstateFile } from '../../importers/estate/parseEstateFile.ts';
import type { ImportEstateResult } from '../../schema/estate.ts';
import type { Problem } from '../../schema/problems.ts';
import { InvalidError } from '../errors.ts';
import { auditDraft } from '../audit/auditDraft.ts';
import type { GraphStore, RequestOrigin } from '../store/GraphStore.ts';

export type { ImportEstateResult };

/**
 * Imports one estate file as one all-or-nothing batch. References to CIs outside
 * the file must exist in the store; any problem rejects the whole file.
 */
export async function importEstate(
  store: GraphStore,
  input: { text: string; file: string; actor: string; origin?: RequestOrigin },
): Promise<ImportEstateResult> {
  const parsed = parseEstateFile(input.text, input.file);
  if (!parsed.ok) throw new InvalidError(parsed.problems);
  const { estate, externalReferences } = parsed;
  const known = new Map((await store.findCIs([...new Set(externalReferences.map((r) => r.id))])).map((ci) => [ci.id, ci.type]));
  const problems: Problem[] = [];
  for (const reference of externalReferences) {
    const type = known.get(reference.id);
    if (!type) {
      problems.push({ file: input.file, entry: reference.entry, field: reference.field, message: `CI "${reference.id}" exists neither in this file nor in the store` });
    } else if (reference.mustBeGroup && type !== 'RedundancyGroup') {
      problems.push({ file: input.file, entry: reference.entry, field: reference.field, message: `HAS_MEMBER must start at a RedundancyGroup, not a ${type}` });
    }
  }
  if (problems.length) throw new InvalidError(problems);
  const result = await store
    .applyBatch({ upsertCIs: estate.cis, upsertRelationships: estate.relationships, audit: auditDraft(input.actor, input.origin, 'estate.import', input.file) }, { actor: input.actor, source: estate.source }, { bulk: true })
    .catch((error: unknown) => {
      // Rules only the store can check (e.g. re-typing a group that has members) still name the file.
      throw error instanceof InvalidError ? new InvalidError(error.problems.map((p) => ({ file: input.file, ...p }))) : error;
    });
  return { ...result, file: input.file, source: estate.source, cis: estate.cis.length, relationships: estate.relationships.length };
}
