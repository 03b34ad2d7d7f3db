import { z } from 'zod';
import { mirror } from './mirror.ts';

/** Response bodies of `GET /healthz` and `GET /readyz` (server/http/routes/healthRoutes.ts). */

/** What `/healthz` answers. */
export interface Liveness {
  status: 'ok';
}

/** What `/readyz` answers: the store's kind and counts. */
export type Readiness = { status: 'ready'; store: 'embedded' | 'neo4j'; cis: number; relationships: number };

export const livenessSchema = mirror<Liveness>()(
  z.object({ status: z.literal('ok') }).meta({ id: 'Liveness', description: 'The process answers.' }),
);

export const readinessSchema = mirror<Readiness>()(
  z
    .object({
      status: z.literal('ready'),
      store: z.enum(['embedded', 'neo4j']).meta({ description: 'Which store the server uses.' }),
      cis: z.int().meta({ description: 'CIs in the store.' }),
      relationships: z.int().meta({ description: 'Relationships in the store.' }),
    })
    .meta({ id: 'Readiness', description: 'The store answers: which one, and how much it holds.' }),
);
