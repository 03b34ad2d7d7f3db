import { z } from 'zod';
import type { JsonValue } from '../../schema/attributes.ts';
import { jsonValueSchema } from '../../schema/api/catalogResponses.ts';
import { toEstateEntry } from '../../schema/configItem.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import type { GraphStore, WriteContext } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';
import { replaceCI, type SavedCI } from './saveCI.ts';

/** A JSON merge patch (RFC 7396) of a CI in its flat form: a field set to null is removed; `id` cannot change. */
export const ciPatchSchema = z.record(z.string(), jsonValueSchema).meta({
  id: 'CIPatch',
  description: 'A JSON merge patch (RFC 7396) of the CI in its flat form (`{name, type, ...attributes}`): a field set to null is removed. `id` cannot change.',
});

/** Applies a merge patch to an existing CI, on the version `ifMatch` names (required). */
export async function patchCI(store: GraphStore, id: string, patch: unknown, ifMatch: string | undefined, context: WriteContext): Promise<SavedCI> {
  const changes = parseOrThrow(ciPatchSchema, patch, 'CI patch');
  if (Object.hasOwn(changes, 'id') && changes.id !== id) {
    throw new InvalidError([{ entry: 'CI patch', field: 'id', message: `a CI's id cannot change (the patch says "${String(changes.id)}", the URL "${id}")` }]);
  }
  const current = await store.findCI(id);
  if (!current) throw new NotFoundError(`CI "${id}" does not exist`, [id]);
  const merged = mergePatch(toEstateEntry(current) as Record<string, JsonValue>, changes);
  return replaceCI(store, { ...(merged as object), id }, ifMatch, context, 'ci.patch');
}

/** RFC 7396: objects merge key by key, null removes, anything else replaces. */
function mergePatch(target: JsonValue, patch: JsonValue): JsonValue {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const result: Record<string, JsonValue> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key] ?? null, value);
  }
  return result;
}
