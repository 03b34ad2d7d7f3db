import { z } from 'zod';
import { ciTypeSchema } from '../ciTypes.ts';
import { configItemInputSchema } from '../configItem.ts';
import { ciIdSchema } from '../identifiers.ts';
import { limits } from '../limits.ts';
import { relationshipInputSchema, relationshipTypeSchema, relationshipTypes } from '../relationships.ts';
import { estateExportSchema } from './importResponses.ts';

/**
 * How the OpenAPI document describes request bodies and headers whose parsing
 * schema cannot say all it checks: a transform, a refinement, a check made
 * further in (the catalog, the estate import). The routes keep parsing with
 * their own schemas; the document shows the schema registered here for them,
 * which states every rule JSON Schema can state, so that a request the document
 * calls valid is one the server takes (the fuzzing test holds the two to that).
 * Rules JSON Schema cannot state are in the descriptions: `to` differs from
 * `from`, nesting of at most 8 levels, attributes of at most 64 KiB.
 */
const requestDocuments = new WeakMap<z.ZodType, z.ZodType>();

/** Documents `parsing` as `documented` wherever it describes a request. */
export function documentRequestAs<T extends z.ZodType>(parsing: T, documented: z.ZodType): T {
  requestDocuments.set(parsing, documented);
  return parsing;
}

/** The schema the document shows for a request part parsed by `schema`. */
export function requestDocumentOf<T extends z.ZodType | undefined>(schema: T): T {
  return (schema && (requestDocuments.get(schema) as T | undefined)) ?? schema;
}

/** Keys that would reach an object's prototype, refused at any depth (schema/identifiers.ts hostileKeys). */
const notHostile = '(?!(?:__proto__|constructor|prototype)$)';

/** A top-level attribute name: safe for store properties and search keys (schema/identifiers.ts). */
const attributeNameJsonSchema = {
  type: 'string',
  pattern: `^${notHostile}[A-Za-z_][A-Za-z0-9_.-]{0,99}$`,
  description: 'An attribute name: a letter or `_`, then up to 99 letters, digits, `_`, `.` or `-`; not `__proto__`, `constructor` or `prototype`.',
} as const;

/** A JSON value as attributes hold it: any JSON, with no object key that reaches a prototype. */
export const attributeValueSchema: z.ZodType = z
  .union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(z.lazy(() => attributeValueSchema)),
    z.record(z.string().regex(new RegExp(`^${notHostile}`)), z.lazy(() => attributeValueSchema)),
  ])
  .meta({
    id: 'AttributeValue',
    description: `Any JSON value nested at most ${limits.attributesMaxDepth} levels deep, whose objects have no key \`__proto__\`, \`constructor\` or \`prototype\`.`,
  });

const attributeMapRules = `Names as attribute names; values any JSON nested at most ${limits.attributesMaxDepth} levels; all of them together at most ${limits.attributesMaxBytes / 1024} KiB as JSON.`;

/** An attribute map: named attributes, each any JSON value. */
const attributeMapSchema = z
  .record(z.string(), attributeValueSchema)
  .meta({ id: 'AttributeMap', description: `Attributes by name. ${attributeMapRules}`, propertyNames: attributeNameJsonSchema });

/** A CI name: 1 to 500 characters once surrounding white space is trimmed (it is stored trimmed). */
const ciNameSchema = z.string().min(1).max(limits.nameMaxLength).regex(/\S/).meta({
  description: `The CI's name: 1 to ${limits.nameMaxLength} characters, not all white space; stored without surrounding white space.`,
});

const ciFields = { id: ciIdSchema, type: ciTypeSchema, name: ciNameSchema, attributes: attributeMapSchema.optional() };

/** A CI as clients write it (POST /cis, estate files): flat, with its attributes beside id, type and name, or under `attributes`. */
export const ciInputDocument = z
  .object(ciFields)
  .catchall(attributeValueSchema)
  .meta({
    id: 'CIInput',
    description: `A CI: id, type and name, and its attributes flat beside them or under \`attributes\` (or both). ${attributeMapRules} Attributes its type knows (see the estate format) must have their documented form.`,
    propertyNames: attributeNameJsonSchema,
  });

/** The body of PUT /cis/{id}: a CI whose id, if given, is the URL's. */
export const ciReplaceDocument = z
  .object({ ...ciFields, id: ciIdSchema.optional().meta({ description: 'If given, the id of the URL.' }) })
  .catchall(attributeValueSchema)
  .meta({ id: 'CIReplacement', description: 'A CI as in POST /api/v1/cis; its id comes from the URL.', propertyNames: attributeNameJsonSchema });

/** A JSON merge patch of a CI's flat form. */
export const ciPatchDocument = z
  .record(z.string(), attributeValueSchema)
  .meta({
    id: 'CIPatchInput',
    description: 'A JSON merge patch (RFC 7396) of the CI in its flat form (`{name, type, ...attributes}`): a field set to null is removed; `id` cannot change. The CI it makes must be valid as in POST /api/v1/cis.',
    propertyNames: attributeNameJsonSchema,
  });

const otherThanDependsOn = relationshipTypes.filter((type) => type !== 'DEPENDS_ON') as [string, ...string[]];
const relationshipRules = 'from and to differ; strength only on DEPENDS_ON (hard, the default, or soft).';

/** A relationship as clients write it: the key, strength (DEPENDS_ON only), and attributes flat or under `attributes`. */
export const relationshipInputDocument = z
  .union([
    z.object({ from: ciIdSchema, type: z.literal('DEPENDS_ON'), to: ciIdSchema, strength: z.enum(['hard', 'soft']).optional(), attributes: attributeMapSchema.optional() }).catchall(attributeValueSchema),
    z.object({ from: ciIdSchema, type: z.enum(otherThanDependsOn), to: ciIdSchema, strength: z.never().optional(), attributes: attributeMapSchema.optional() }).catchall(attributeValueSchema),
  ])
  .meta({ id: 'RelationshipInput', description: `A relationship: ${relationshipRules} ${attributeMapRules}`, propertyNames: attributeNameJsonSchema });

/** The body of PUT /relationships/{from}/{type}/{to}: strength and attributes; the key comes from the URL. */
export const relationshipReplaceDocument = z
  .object({
    from: ciIdSchema.optional().meta({ description: 'If given, the from of the URL.' }),
    type: relationshipTypeSchema.optional().meta({ description: 'If given, the type of the URL.' }),
    to: ciIdSchema.optional().meta({ description: 'If given, the to of the URL.' }),
    strength: z.enum(['hard', 'soft']).optional().meta({ description: 'Only when the URL\'s type is DEPENDS_ON.' }),
    attributes: attributeMapSchema.optional(),
  })
  .catchall(attributeValueSchema)
  .meta({ id: 'RelationshipReplacement', description: `Strength and attributes of the relationship the URL names: ${relationshipRules} ${attributeMapRules}`, propertyNames: attributeNameJsonSchema });

/** An estate file as POST /api/v1/estate reads it (schema/estate.ts): unknown top-level keys are refused. */
export const estateFileDocument = z
  .strictObject({
    version: z.literal(1),
    source: z.string().min(1).max(200).optional().meta({ description: 'Provenance of everything in the file; defaults to the file name.' }),
    cis: z.array(ciInputDocument).optional().meta({ description: 'The CIs, each as in POST /api/v1/cis (ids unique in the file).' }),
    relationships: z.array(relationshipInputDocument).optional().meta({ description: 'The relationships, each as in POST /api/v1/relationships; their ends are CIs of the file or of the store.' }),
  })
  .meta({ id: 'EstateFile', description: 'An estate file (version 1): all of it is imported, or none.' });

/** The If-Match header of writes, as the catalog reads it (server/catalog/preconditions.ts). */
export const ifMatchDocument = z.object({
  'if-match': z.string().regex(/^(\*|"[A-Za-z0-9_-]{1,100}")$/).optional().meta({
    description: 'The ETag of the version this write is based on (412 if it has changed since), or `*` to overwrite any version (for scripts that accept that risk). Required to replace or delete an existing resource (428 without).',
  }),
});

documentRequestAs(configItemInputSchema, ciInputDocument);
documentRequestAs(relationshipInputSchema, relationshipInputDocument);
documentRequestAs(estateExportSchema, estateFileDocument);
