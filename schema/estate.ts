import { z } from 'zod';
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
