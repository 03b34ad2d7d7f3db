import { z } from 'zod';
import type { Problem, ProblemDocument } from '../problems.ts';
import { mirror } from './mirror.ts';

/**
 * The error body of every API route: an RFC 9457 problem document
 * (`application/problem+json`), as server/http/problemJson.ts sends it.
 */

export const problemSchema = mirror<Problem>()(
  z
    .object({
      file: z.string().optional().meta({ description: 'The file (or request) the input came from.' }),
      entry: z.string().optional().meta({ description: 'The entry within it, e.g. `cis[3] (svc-checkout)`.' }),
      field: z.string().optional().meta({ description: 'The field within the entry, e.g. `sla.availabilityPercent`.' }),
      message: z.string(),
    })
    .meta({ id: 'Problem', description: 'One precise reason why input was refused: where it is and what is wrong.' }),
);

/** ProblemDocument with the `limit` that problemJson.ts adds for limit_exceeded (the interface does not declare it). */
export type SentProblemDocument = ProblemDocument & { limit?: number };

export const problemDocumentSchema = mirror<SentProblemDocument>()(
  z
    .object({
      type: z.string().meta({ description: 'A URI reference naming the kind of problem: `/problems/<code>`.' }),
      title: z.string().meta({ description: 'The code, for people: `Not found`.' }),
      status: z.int().meta({ description: 'The HTTP status code.' }),
      code: z.string().meta({ description: 'Stable code clients branch on: `invalid`, `not_found`, `limit_exceeded`, `conflict`, `unavailable`...' }),
      detail: z.string().meta({ description: 'What went wrong, for people.' }),
      problems: z.array(problemSchema).optional().meta({ description: 'For `invalid`: each precise reason.' }),
      ids: z.array(z.string()).optional().meta({ description: 'For `not_found`: the ids that do not exist.' }),
      limit: z.int().optional().meta({ description: 'For `limit_exceeded`: the limit, where it is one of Trellis\'s own.' }),
    })
    .meta({ id: 'ProblemDocument', description: 'An RFC 9457 problem document (`application/problem+json`) with a stable `code`.' }),
);
