import { z } from 'zod';
import { changeEffects } from '../changes.ts';
import { planVerdicts, thresholdStates, type PlanImpactReport } from '../planGate.ts';
import { impactedServiceSchema, impactReportSchema } from './analysisResponses.ts';
import { changeRecordSchema } from './changeResponses.ts';
import { importWarningSchema } from './importResponses.ts';
import { mirror } from './mirror.ts';

/** Response body of the Terraform plan gate (`POST /api/v1/plan-impact`, `GET /api/v1/proposals/{id}/impact`). */

const count = () => z.int();

export const planImpactReportSchema = mirror<PlanImpactReport>()(
  z.object({
    file: z.string().meta({ description: 'The plan\'s name (the `name` parameter, or the proposal\'s file).' }),
    proposal: z.string().optional().meta({ description: 'The stored proposal assessed, when it came from one.' }),
    at: z.iso.datetime().meta({ description: 'The instant a covering change\'s window had to hold.' }),
    actions: z.object({ create: count(), update: count(), delete: count(), replace: count(), 'no-op': count(), read: count(), move: count() })
      .meta({ description: 'How many resource changes of each action the plan has.' }),
    changes: z.array(z.object({
      address: z.string(),
      previousAddress: z.string().optional().meta({ description: 'Where a moved resource was: the CI is looked for there first.' }),
      action: z.enum(['create', 'update', 'delete', 'replace', 'no-op', 'read', 'move']),
      ciId: z.string().optional().meta({ description: 'The CI it touches; absent when the resource is no CI of the graph.' }),
      effect: z.enum(changeEffects).meta({ description: 'delete and replace: down; update: degraded.' }),
    })).meta({ description: 'The deletions, replacements and updates; creations, no-ops, reads and moves affect nothing that exists.' }),
    targets: z.array(z.object({ id: z.string(), effect: z.enum(changeEffects) })).meta({ description: 'The CIs they touch, each once with its worst effect.' }),
    unknown: z.array(z.string()).meta({ description: 'Addresses of changes with an effect on a resource that is no CI of the graph: not assessed.' }),
    impact: impactReportSchema,
    threshold: z.object({ state: z.enum(thresholdStates), criticality: z.int().optional() }).optional().meta({ description: 'The `failOn` threshold, parsed.' }),
    reached: z.array(impactedServiceSchema).meta({ description: 'Impacted services that reach the threshold.' }),
    coveredBy: z.string().optional().meta({ description: 'An approved, scheduled or in-progress change whose window holds `at` and whose targets include every target at least as severely.' }),
    verdict: z.enum(planVerdicts).meta({ description: '`clear`: no threshold, or nothing reaches it; `covered`: reached, and `coveredBy` covers it; `blocked`: reached and not covered (the CLI exits 6).' }),
    warnings: z.array(importWarningSchema).meta({ description: 'Resource changes of the plan that could not be read: not assessed.' }),
    change: changeRecordSchema.optional().meta({ description: 'The draft change requested from the plan (`createChange=true`), unless one covered it already.' }),
  }).meta({ id: 'PlanImpactReport', description: 'The Terraform plan gate: what applying a plan touches, its impact, and whether it may go ahead.' }),
);
