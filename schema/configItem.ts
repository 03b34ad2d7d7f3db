import { z } from 'zod';
import { attributesSchema, type Attributes } from './attributes.ts';
import { ciAttributeSchemas, ciTypeSchema, type CIType } from './ciTypes.ts';
import { ciIdSchema } from './identifiers.ts';
import { limits } from './limits.ts';
import { loneSurrogateProblem } from './text.ts';

/**
 * A configuration item: one node of the graph. Known attributes are validated
 * by its type's schema; unknown ones are kept under `attributes` as given.
 */
export interface ConfigItem {
  id: string;
  type: CIType;
  name: string;
  attributes: Attributes;
}

/** Bookkeeping the store keeps beside each CI; never part of an estate file. */
export interface CIMetadata {
  createdAt: string;
  updatedAt: string;
  /** The source (file, importer, API client) of the last write. */
  source: string;
}

/** A CI as read back from a store. */
export interface StoredCI extends ConfigItem {
  meta: CIMetadata;
}

const baseSchema = z.object({
  id: ciIdSchema,
  type: ciTypeSchema,
  name: z.string().trim().min(1).max(limits.nameMaxLength).superRefine((name, ctx) => {
    const problem = loneSurrogateProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: `the name ${problem}` });
  }),
});

/**
 * Parses a CI written flat, as in an estate file (`{id, type, name, ...attributes}`),
 * or with an explicit `attributes` object; both give the canonical `ConfigItem`.
 */
export const configItemInputSchema = z.looseObject(baseSchema.shape).transform((input, ctx) => {
  const { id, type, name, attributes: nested, ...flat } = input;
  if (nested !== undefined && (typeof nested !== 'object' || nested === null || Array.isArray(nested))) {
    ctx.addIssue({ code: 'custom', path: ['attributes'], message: 'attributes must be an object' });
    return z.NEVER;
  }
  for (const key of Object.keys(nested ?? {})) {
    if (Object.hasOwn(baseSchema.shape, key) || key === 'attributes') ctx.addIssue({ code: 'custom', path: ['attributes', key], message: `"${key}" is reserved` });
  }
  // Already nested (as stores and importers pass it): the caller's map, not a copy held beside it.
  const merged = nested !== undefined && Object.keys(flat).length === 0 ? (nested as Record<string, unknown>) : { ...flat, ...(nested as object | undefined) };
  const safe = attributesSchema.safeParse(merged);
  const typed = ciAttributeSchemas[type].safeParse(merged);
  for (const result of [safe, typed]) {
    if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: issue.message });
  }
  if (!safe.success || !typed.success) return z.NEVER;
  const item: ConfigItem = { id, type, name, attributes: safe.data };
  return item;
});

/** Flattens a CI to the estate-file form: `{id, type, name, ...attributes}`. */
export function toEstateEntry(item: ConfigItem): Record<string, unknown> {
  return { id: item.id, type: item.type, name: item.name, ...item.attributes };
}
