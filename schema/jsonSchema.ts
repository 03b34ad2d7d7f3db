import { z } from 'zod';
import { ciAttributeSchemas, ciTypes } from './ciTypes.ts';
import { ciIdSchema } from './identifiers.ts';
import { limits } from './limits.ts';
import { relationshipTypeSchema, strengthSchema } from './relationships.ts';

/**
 * JSON Schema documents of the estate file and of each CI type, generated from
 * the zod schemas (the source of truth) for editors, other tools and reviewers.
 * `npm run schema:json` writes them to schema/json/; a test keeps them current.
 */

/** The flat form of one CI type as written in an estate file. */
function flatCISchema(type: (typeof ciTypes)[number]) {
  return z
    .looseObject({
      id: ciIdSchema,
      type: z.literal(type),
      name: z.string().min(1).max(limits.nameMaxLength),
      ...ciAttributeSchemas[type].shape,
    })
    .meta({ title: type });
}

const flatRelationshipSchema = z
  .looseObject({ from: ciIdSchema, type: relationshipTypeSchema, to: ciIdSchema, strength: strengthSchema.optional() })
  .meta({ title: 'Relationship', description: 'from TYPE to; strength only on DEPENDS_ON (hard by default); further fields are attributes' });

const estateDocumentSchema = z
  .strictObject({
    version: z.literal(1),
    source: z.string().min(1).max(200).optional(),
    cis: z.array(z.discriminatedUnion('type', ciTypes.map(flatCISchema) as never)).optional(),
    relationships: z.array(flatRelationshipSchema).optional(),
  })
  .meta({ title: 'Trellis estate file, version 1' });

/** Every JSON Schema document, by file name. */
export function jsonSchemaDocuments(): Record<string, unknown> {
  const toJson = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  const documents: Record<string, unknown> = { 'estate.schema.json': toJson(estateDocumentSchema) };
  for (const type of ciTypes) documents[`${type}.schema.json`] = toJson(flatCISchema(type));
  documents['Relationship.schema.json'] = toJson(flatRelationshipSchema);
  return documents;
}
