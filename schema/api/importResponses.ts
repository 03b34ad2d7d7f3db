import { z } from 'zod';
import type { Attributes } from '../attributes.ts';
import type { ConfigItem } from '../configItem.ts';
import type { EstateImportSummary, ImportEstateResult } from '../estate.ts';
import {
  sourceKinds,
  type AttributeChange,
  type CoverageGap,
  type ImportCounts,
  type ImportOutcome,
  type ImportRun,
  type ImportWarning,
  type ReconcileDiff,
  type RetireOutcome,
} from '../imports.ts';
import type { PlannedChange, PlanProposal } from '../proposals.ts';
import type { RelationshipKey } from '../relationships.ts';
import { ciTypeEnumSchema, jsonValueSchema, relationshipTypeEnumSchema } from './catalogResponses.ts';
import { mirror } from './mirror.ts';

/**
 * Response bodies of imports: runs and proposals (`/api/v1/imports`,
 * `/api/v1/proposals`) and the estate file as a whole (`/api/v1/estate`).
 */

export const importWarningSchema = mirror<ImportWarning>()(
  z
    .object({
      code: z.enum(['unmapped_type', 'dangling_reference', 'duplicate', 'dropped_secret', 'skipped', 'malformed', 'inferred']),
      file: z.string().optional(),
      place: z.string().optional().meta({ description: 'Where in the input, e.g. `resources[3] aws_lb.main`.' }),
      message: z.string(),
    })
    .meta({ id: 'ImportWarning', description: 'Something an import could not map or had to leave out, named precisely.' }),
);

export const coverageGapSchema = mirror<CoverageGap>()(
  z
    .object({ scope: z.string(), reason: z.string() })
    .meta({ id: 'CoverageGap', description: 'A scope the source should have covered but could not read: the run withdraws nothing from it.' }),
);

export const importCountsSchema = mirror<ImportCounts>()(
  z
    .object({
      items: z.int().meta({ description: 'CIs the source brought.' }),
      relationships: z.int().meta({ description: 'Relationships the source brought.' }),
      created: z.int(),
      updated: z.int(),
      withdrawn: z.int(),
      stale: z.int(),
      unchanged: z.int(),
    })
    .meta({ id: 'ImportCounts', description: 'Counts of what a run did (or, dry, would do).' }),
);

export const importRunSchema = mirror<ImportRun>()(
  z
    .object({
      id: z.string(),
      source: z.enum(sourceKinds),
      input: z.string().meta({ description: 'What was imported (file or endpoint), for people.' }),
      scopes: z.array(z.string()).meta({ description: 'Scopes the run covered completely.' }),
      gaps: z.array(coverageGapSchema),
      actor: z.string(),
      startedAt: z.iso.datetime().meta({ description: 'ISO 8601, UTC.' }),
      durationMs: z.int(),
      status: z.enum(['applied', 'dry-run', 'failed']),
      counts: importCountsSchema,
      warnings: z.array(importWarningSchema),
      errors: z.array(z.string()).meta({ description: 'Why a failed run failed.' }),
    })
    .meta({ id: 'ImportRun', description: 'The record of one import run.' }),
);

export const attributeChangeSchema = mirror<AttributeChange>()(
  z
    .object({
      attribute: z.string(),
      before: jsonValueSchema.optional().meta({ description: 'Absent when the attribute is new.' }),
      after: jsonValueSchema.optional().meta({ description: 'Absent when the attribute is removed.' }),
    })
    .meta({ id: 'AttributeChange', description: 'One attribute that an update changes.' }),
);

export const reconcileDiffSchema = mirror<ReconcileDiff>()(
  z
    .object({
      created: z.array(z.string()).meta({ description: 'CI ids and relationship keys (`from TYPE to`) created.' }),
      updated: z.array(z.object({ id: z.string(), changes: z.array(attributeChangeSchema) })),
      withdrawn: z.array(z.string()).meta({ description: 'CI ids and relationship keys this source asserted before in a covered scope and no longer does.' }),
      stale: z.array(z.string()).meta({ description: 'CI ids and relationship keys no source asserts any more, flagged stale by this run.' }),
      unchanged: z.int(),
    })
    .meta({ id: 'ReconcileDiff', description: 'What a run changes (or, dry, would change).' }),
);

export const importOutcomeSchema = mirror<ImportOutcome>()(
  z
    .object({ run: importRunSchema, diff: reconcileDiffSchema })
    .meta({ id: 'ImportOutcome', description: 'What an import run did (or, dry, would do): its record and its diff.' }),
);

export const retireOutcomeSchema = mirror<RetireOutcome>()(
  z
    .object({
      graceDays: z.number().meta({ description: 'Days a CI or relationship had to be stale to be retired.' }),
      cis: z.array(z.string()).meta({ description: 'Ids of the CIs retired (or, dry, that would be).' }),
      relationships: z.array(z.string()).meta({ description: 'Keys (`from TYPE to`) of the relationships retired (or, dry, that would be).' }),
      dryRun: z.boolean(),
    })
    .meta({ id: 'RetireOutcome', description: 'What retiring stale CIs and relationships removed (or, dry, would remove).' }),
);

export const plannedChangeSchema = mirror<PlannedChange>()(
  z
    .object({
      address: z.string(),
      previousAddress: z.string().optional().meta({ description: 'Where the resource was before a `moved` block.' }),
      type: z.string().meta({ description: 'The Terraform resource type.' }),
      mode: z.enum(['managed', 'data']),
      action: z.enum(['create', 'update', 'delete', 'replace', 'no-op', 'read', 'move']),
      replaceOrder: z.enum(['delete-first', 'create-first']).optional(),
      reason: z.string().optional().meta({ description: 'Terraform\'s action_reason, e.g. replace_because_tainted.' }),
      ciKey: z.string().optional().meta({ description: 'Identity key of the resource as it is (ARN, Azure id...), when the plan shows it.' }),
      ciId: z.string().optional().meta({ description: 'The CI this change touches, when Trellis knows it.' }),
      changedAttributes: z.array(z.string()).optional().meta({ description: 'Names (never values) of the top-level attributes an update changes.' }),
    })
    .meta({ id: 'PlannedChange', description: 'What a plan would do to one resource.' }),
);

export const planProposalSchema = mirror<PlanProposal>()(
  z
    .object({
      id: z.string(),
      file: z.string(),
      createdAt: z.iso.datetime().meta({ description: 'ISO 8601, UTC.' }),
      actor: z.string(),
      terraformVersion: z.string().optional(),
      formatVersion: z.string().optional(),
      changes: z.array(plannedChangeSchema),
      drift: z.int().meta({ description: 'How many resources the plan found changed outside Terraform.' }),
      warnings: z.array(importWarningSchema),
    })
    .meta({ id: 'PlanProposal', description: 'A proposed change read from a Terraform plan, kept beside the graph and never applied to it.' }),
);

export const importRunListSchema = mirror<{ items: ImportRun[] }>()(
  z.object({ items: z.array(importRunSchema) }).meta({ id: 'ImportRunList', description: 'Import runs, newest first.' }),
);

export const planProposalListSchema = mirror<{ items: PlanProposal[] }>()(
  z.object({ items: z.array(planProposalSchema) }).meta({ id: 'PlanProposalList', description: 'Proposals read from plans, newest first.' }),
);

/**
 * What `POST /api/v1/imports` answers: the proposal for a Terraform plan, the
 * run and its diff for any other source (estate files are refused there).
 */
export const importAnswerSchema = mirror<ImportOutcome | PlanProposal>()(
  z
    .union([importOutcomeSchema, planProposalSchema])
    .meta({ id: 'ImportAnswer', description: 'The proposal read from a Terraform plan, or the run and its diff for any other source.' }),
);

export const estateImportSummarySchema = mirror<EstateImportSummary>()(
  z
    .object({
      file: z.string(),
      source: z.string().meta({ description: 'The provenance recorded for everything in the file.' }),
      cis: z.int().meta({ description: 'CIs in the file.' }),
      relationships: z.int().meta({ description: 'Relationships in the file.' }),
      created: z.int(),
      changed: z.int(),
      withdrawn: z.int(),
      unchanged: z.int().meta({ description: 'CIs and relationships found as stored.' }),
    })
    .meta({ id: 'EstateImportSummary', description: 'What importing an estate file did.' }),
);

/** What `POST /api/v1/estate` answers: the summary and the batch's own fields. */
export const estateImportResultSchema = mirror<ImportEstateResult>()(
  estateImportSummarySchema
    .extend({
      batchId: z.string().meta({ description: 'The all-or-nothing write, as history entries name it.' }),
      firstSeq: z.int().optional().meta({ description: 'Sequence number of the first history entry written; absent when nothing changed.' }),
      lastSeq: z.int().optional().meta({ description: 'Sequence number of the last history entry written; absent when nothing changed.' }),
    })
    .meta({ id: 'EstateImportResult', description: 'What importing an estate file did, with the history entries it wrote.' }),
);

/** A CI as an estate file writes it: flat, its attributes beside id, type and name. */
export type EstateFileCI = Pick<ConfigItem, 'id' | 'type' | 'name'> & Attributes;
/** A relationship as an estate file writes it: flat, its attributes beside the key. */
export type EstateFileRelationship = RelationshipKey & { strength?: 'soft' } & Attributes;
/** The estate as `GET /api/v1/estate?format=json` writes it (server/estate/exportEstate.ts). */
export interface EstateExport {
  version: 1;
  cis: EstateFileCI[];
  relationships: EstateFileRelationship[];
}

export const estateExportSchema = mirror<EstateExport>()(
  z
    .object({
      version: z.literal(1),
      cis: z.array(z.object({ id: z.string(), type: ciTypeEnumSchema, name: z.string() }).catchall(jsonValueSchema)).meta({ description: 'CIs by id, each flat: id, type, name and its attributes.' }),
      relationships: z
        .array(z.object({ from: z.string(), type: relationshipTypeEnumSchema, to: z.string(), strength: z.literal('soft').optional() }).catchall(jsonValueSchema))
        .meta({ description: 'Relationships by from, type, to, each flat: the key, `strength: soft` on a soft DEPENDS_ON, and its attributes.' }),
    })
    .meta({ id: 'EstateExport', description: 'The whole estate as an estate file (version 1), in a canonical order: importing it into an empty store and exporting again gives the same document.' }),
);
