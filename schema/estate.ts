import { z } from 'zod';
import type { WriteOutcome } from './history.ts';
import { configItemInputSchema, type ConfigItem } from './configItem.ts';
import { relationshipInputSchema, type Relationship } from './relationships.ts';

/** An estate file (estate-format.md, version 1) after validation. */
export interface EstateFile {
  version: 1;
  /** Provenance of everything in the file; defaults to the file name. */
  source?: string;
  cis: ConfigItem[];
  relationships: Relationship[];
}

/** zod schema of an estate file; unknown top-level keys are errors (they are usually typos). */
export const estateFileSchema = z.strictObject({
  version: z.literal(1),
  source: z.string().min(1).max(200).optional(),
  cis: z.array(configItemInputSchema).default([]),
  relationships: z.array(relationshipInputSchema).default([]),
});

/** What importing an estate file did, as POST /api/v1/estate answers. */
export interface EstateImportSummary {
  file: string;
  source: string;
  /** CIs and relationships in the file. */
  cis: number;
  relationships: number;
  /** What the write changed (created, changed, withdrawn) or found as stored (unchanged). */
  created: number;
  changed: number;
  withdrawn: number;
  unchanged: number;
}

/**
 * True when a text looks like an estate file (`version: 1` with `cis:`), in
 * YAML or JSON, without parsing it: for a client choosing where to send a file.
 */
export function looksLikeEstateFile(text: string): boolean {
  const head = text.slice(0, 200_000);
  return /^\s*\{/.test(head) ? /"version"\s*:\s*1\b/.test(head) && /"cis"\s*:\s*\[/.test(head) : /^version:\s*1\s*$/m.test(head) && /^cis:\s*$/m.test(head);
}

/** What an estate import did: the summary, and the write's details. */
export interface ImportEstateResult extends WriteOutcome, EstateImportSummary {}
