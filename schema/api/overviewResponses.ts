import { z } from 'zod';
import type { EstateOverview } from '../explorer.ts';
import { ciTypeEnumSchema, relatedCISchema } from './catalogResponses.ts';
import { importRunSchema } from './importResponses.ts';
import { mirror } from './mirror.ts';

/** Response body of `GET /api/v1/overview`. */

export const estateOverviewSchema = mirror<EstateOverview>()(
  z
    .object({
      cis: z.int().meta({ description: 'CIs in the store.' }),
      relationships: z.int().meta({ description: 'Relationships in the store.' }),
      byType: z.partialRecord(ciTypeEnumSchema, z.int()).meta({ description: 'CIs of each type; types with none are left out.' }),
      tier1Services: z.array(relatedCISchema).meta({ description: 'Services of criticality 1 (the first of them, by id).' }),
      stale: z
        .object({ total: z.int(), items: z.array(relatedCISchema) })
        .meta({ description: 'How many CIs no source asserts any more, and the first of them, by id.' }),
      lastImports: z.array(importRunSchema).meta({ description: 'The latest import runs, newest first.' }),
      store: z.enum(['embedded', 'neo4j']).meta({ description: 'Which store holds the estate.' }),
    })
    .meta({ id: 'EstateOverview', description: 'The estate at a glance.' }),
);
