import { z } from 'zod';
import type { Attributes, JsonValue } from '../attributes.ts';
import { ciTypeSchema, type CIType } from '../ciTypes.ts';
import type { CIMetadata, ConfigItem, StoredCI } from '../configItem.ts';
import type { CIPage, ContractOfCI, RelatedCI, SourceViewOfCI, TeamOfCI } from '../explorer.ts';
import type { HistoryEntry } from '../history.ts';
import { relationshipTypeSchema, type Relationship, type RelationshipType } from '../relationships.ts';
import type { CIDetail } from '../explorer.ts';
import type { Page } from '../queries.ts';
import { mirror } from './mirror.ts';

/**
 * Response bodies of the catalog: CIs (`/api/v1/cis`), relationships
 * (`/api/v1/relationships`), a CI's history and its page.
 */

/** Any JSON value; attribute values are these. */
export const jsonValueSchema: z.ZodType<JsonValue> = mirror<JsonValue>()(
  z
    .lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]))
    .meta({ id: 'JsonValue', description: 'Any JSON value: string, number, boolean, null, array or object.' }),
);

export const attributeMapSchema = mirror<Attributes>()(
  z.record(z.string(), jsonValueSchema).meta({
    id: 'Attributes',
    description: 'Attributes by name: those the type knows (see the estate format) and any others, kept as given. Names starting `trellis.` are written by imports (`trellis.sources`, `trellis.staleSince`).',
  }),
);

export const ciTypeEnumSchema = mirror<CIType>()(ciTypeSchema.meta({ id: 'CIType', description: 'The type of a CI.' }));

export const relationshipTypeEnumSchema = mirror<RelationshipType>()(
  relationshipTypeSchema.meta({
    id: 'RelationshipType',
    description: 'The type of a relationship. DEPENDS_ON, RUNS_ON, PROVIDED_BY and HAS_MEMBER are reliance (they carry impact); the others are informational.',
  }),
);

const isoTime = () => z.iso.datetime();

export const configItemSchema = mirror<ConfigItem>()(
  z
    .object({
      id: z.string(),
      type: ciTypeEnumSchema,
      name: z.string(),
      attributes: attributeMapSchema,
    })
    .meta({ id: 'ConfigItem', description: 'A configuration item (CI): one node of the graph, without the store\'s bookkeeping.' }),
);

export const ciMetadataSchema = mirror<CIMetadata>()(
  z
    .object({
      createdAt: isoTime().meta({ description: 'When the CI was first written (ISO 8601, UTC).' }),
      updatedAt: isoTime().meta({ description: 'When the CI was last written (ISO 8601, UTC).' }),
      source: z.string().meta({ description: 'The source (estate file, importer scope, API client) of the last write.' }),
    })
    .meta({ id: 'CIMetadata', description: 'Bookkeeping the store keeps beside each CI; never part of an estate file.' }),
);

export const storedCISchema = mirror<StoredCI>()(
  z
    .object({
      id: z.string(),
      type: ciTypeEnumSchema,
      name: z.string(),
      attributes: attributeMapSchema,
      meta: ciMetadataSchema,
    })
    .meta({ id: 'StoredCI', description: 'A CI as stored, with when and from where it was last written.' }),
);

export const relationshipSchema = mirror<Relationship>()(
  z
    .object({
      from: z.string(),
      type: relationshipTypeEnumSchema,
      to: z.string(),
      strength: z.literal('soft').optional().meta({ description: 'Present (`soft`) only on a soft DEPENDS_ON; hard is the default and is not stored.' }),
      attributes: attributeMapSchema.optional(),
    })
    .meta({ id: 'Relationship', description: 'A typed, directed relationship `from TYPE to`, identified by the three.' }),
);

export const ciSearchPageSchema = mirror<Page<StoredCI>>()(
  z
    .object({
      items: z.array(storedCISchema),
      total: z.int().meta({ description: 'How many CIs match (at most `countUpTo` when the query set it).' }),
      totalCapped: z.literal(true).optional().meta({ description: 'Present (true) when counting stopped at `countUpTo`: at least `total` CIs match.' }),
    })
    .meta({ id: 'CISearchPage', description: 'One page of a CI search, sorted by id, with the number of matches.' }),
);

export const ciDetailSchema = mirror<CIDetail>()(
  z
    .object({
      ci: storedCISchema,
      outgoing: z.array(relationshipSchema).meta({ description: 'Relationships from this CI (what it relies on, who owns it...).' }),
      incoming: z.array(relationshipSchema).meta({ description: 'Relationships to this CI (what relies on it...).' }),
    })
    .meta({ id: 'CIDetail', description: 'A CI with the relationships that touch it, split by direction.' }),
);

export const relationshipListSchema = mirror<{ items: Relationship[] }>()(
  z
    .object({ items: z.array(relationshipSchema) })
    .meta({ id: 'RelationshipList', description: 'The relationships touching a CI (either end), sorted by from, type, to.' }),
);

const historyCommon = {
  seq: z.int().meta({ description: 'Position in the store\'s total order of writes (1, 2, 3...).' }),
  at: isoTime().meta({ description: 'Time of the write (ISO 8601, UTC).' }),
  batchId: z.string().meta({ description: 'The all-or-nothing write this entry belongs to.' }),
  actor: z.string().meta({ description: 'Who wrote it: a user, a service account or an importer.' }),
  source: z.string().meta({ description: 'Where the data came from: an estate file, an importer scope, an API client.' }),
  operation: z.enum(['created', 'changed', 'withdrawn']),
};

export const historyEntrySchema = mirror<HistoryEntry>()(
  z
    .discriminatedUnion('entity', [
      z.object({
        ...historyCommon,
        entity: z.literal('ci'),
        key: z.string().meta({ description: 'The CI id.' }),
        before: configItemSchema.optional(),
        after: configItemSchema.optional(),
      }),
      z.object({
        ...historyCommon,
        entity: z.literal('relationship'),
        key: z.string().meta({ description: 'The relationship as `from TYPE to`.' }),
        before: relationshipSchema.optional(),
        after: relationshipSchema.optional(),
      }),
    ])
    .meta({
      id: 'HistoryEntry',
      description: 'One entry of the append-only history: a CI or relationship as it was before and after one write (`before` absent when created, `after` absent when withdrawn).',
    }),
);

export const historyListSchema = mirror<{ items: HistoryEntry[] }>()(
  z
    .object({ items: z.array(historyEntrySchema) })
    .meta({ id: 'HistoryList', description: 'History entries about a CI and the relationships that touch it, in write order.' }),
);

export const relatedCISchema = mirror<RelatedCI>()(
  z
    .object({
      id: z.string(),
      type: ciTypeEnumSchema,
      name: z.string(),
      stale: z.boolean().meta({ description: 'True when no source asserts the CI any more (`trellis.staleSince` is set).' }),
    })
    .meta({ id: 'RelatedCI', description: 'A CI named beside another, so that the reader need not look it up.' }),
);

export const teamOfCISchema = mirror<TeamOfCI>()(
  z
    .object({
      relationship: z.enum(['OWNED_BY', 'SUPPORTED_BY']),
      team: storedCISchema,
    })
    .meta({ id: 'TeamOfCI', description: 'A team that owns or supports the CI, with its contacts in its attributes.' }),
);

export const contractOfCISchema = mirror<ContractOfCI>()(
  z
    .object({
      contract: storedCISchema,
      supplier: z.object({ id: z.string(), name: z.string() }).optional().meta({ description: 'The supplier the contract is agreed with, when the graph names one.' }),
    })
    .meta({ id: 'ContractOfCI', description: 'A contract covering the CI, with its supplier.' }),
);

export const sourceViewOfCISchema = mirror<SourceViewOfCI>()(
  z
    .object({
      scope: z.string().meta({ description: 'The import scope, e.g. `terraform:<lineage>`.' }),
      name: z.string(),
      attributes: z.record(z.string(), z.unknown()),
      confirmedAt: isoTime().optional().meta({ description: 'Start of the latest applied import run that covered the scope, when known.' }),
    })
    .meta({ id: 'SourceViewOfCI', description: 'What one import scope says about the CI, before merging with other sources.' }),
);

export const ciPageSchema = mirror<CIPage>()(
  z
    .object({
      ci: storedCISchema,
      outgoing: z.array(relationshipSchema).meta({ description: 'Relationships from this CI.' }),
      incoming: z.array(relationshipSchema).meta({ description: 'Relationships to this CI.' }),
      related: z.array(relatedCISchema).meta({ description: 'The CIs at the other end of those relationships.' }),
      teams: z.array(teamOfCISchema).meta({ description: 'Owners first, then supporters.' }),
      contracts: z.array(contractOfCISchema),
      sources: z.array(sourceViewOfCISchema).meta({ description: 'By scope.' }),
      history: z.array(historyEntrySchema).meta({ description: 'The latest history entries about the CI, newest first.' }),
    })
    .meta({ id: 'CIPage', description: 'Everything the explorer\'s page of a CI shows, in one answer.' }),
);
