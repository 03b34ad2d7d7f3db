import { z } from 'zod';
import { riskClasses, riskFactorNames, type RiskAssessment } from '../changeRisk.ts';
import { changeEffects, changeStates, changeTypes, type ChangeAssessment, type ChangeRecord, type ChangeSummary, type ChangeTransition } from '../changes.ts';
import { impactedServiceSchema, involvedContractSchema, involvedSupplierSchema, teamToNotifySchema } from './analysisResponses.ts';
import { mirror } from './mirror.ts';

/** Response bodies of change records (`/api/v1/changes`). */

const isoTime = () => z.iso.datetime({ offset: true });

export const changeTransitionSchema = mirror<ChangeTransition>()(
  z.object({
    from: z.enum(changeStates),
    to: z.enum(changeStates),
    by: z.string().meta({ description: 'Who moved it, as authentication proved it.' }),
    at: isoTime(),
    comment: z.string(),
  }).meta({ id: 'ChangeTransition', description: 'One move of a change along its lifecycle.' }),
);

export const riskAssessmentSchema = mirror<RiskAssessment>()(
  z.object({
    score: z.number().meta({ description: 'The weighted sum of the factors, out of 100 with the default weights.' }),
    class: z.enum(riskClasses),
    factors: z.array(z.object({
      name: z.enum(riskFactorNames),
      value: z.number().meta({ description: 'What the factor measured, from 0 (no risk) to 1.' }),
      weight: z.number(),
      points: z.number().meta({ description: 'value × weight.' }),
      explanation: z.string(),
    })),
  }).meta({ id: 'RiskAssessment', description: 'The risk of a change from explainable factors, each with its value, weight and reason.' }),
);

export const changeAssessmentSchema = mirror<ChangeAssessment>()(
  z.object({
    at: isoTime(),
    historySeq: z.int().meta({ description: 'The last history entry the assessment saw.' }),
    impact: z.object({
      services: z.array(impactedServiceSchema),
      notify: z.array(teamToNotifySchema),
      contracts: z.array(involvedContractSchema),
      suppliers: z.array(involvedSupplierSchema),
      counts: z.object({ impacted: z.int(), down: z.int(), degraded: z.int(), at_risk: z.int(), services: z.int() }),
      truncated: z.boolean(),
    }),
    impactedIds: z.array(z.string()),
    impactedIdsCapped: z.literal(true).optional(),
    conflicts: z.array(z.string()).meta({ description: 'Open changes with an overlapping window whose targets or impacted CIs meet this one\'s.' }),
    collisions: z.array(z.string()).meta({ description: 'Open changes with an overlapping window that, together with this one, make some service worse than either alone.' }),
    risk: riskAssessmentSchema,
    approvers: z.array(z.object({ team: z.string(), name: z.string(), services: z.array(z.string()) }))
      .meta({ description: 'Teams whose approval a normal change needs (owners of impacted services of criticality 1-2); a change manager\'s is needed too.' }),
  }).meta({ id: 'ChangeAssessment', description: 'The impact, conflicts, collisions and risk of a change when it was assessed.' }),
);

export const changeRecordSchema = mirror<ChangeRecord>()(
  z.object({
    id: z.string().meta({ description: 'CHG-<n>.' }),
    state: z.enum(changeStates),
    title: z.string(),
    description: z.string(),
    type: z.enum(changeTypes),
    targets: z.array(z.object({ id: z.string(), effect: z.enum(changeEffects) })),
    window: z.object({ start: isoTime(), end: isoTime(), timeZone: z.string() }),
    implementationPlan: z.string(),
    rollbackPlan: z.string(),
    testEvidence: z.string(),
    rollbackTested: z.boolean(),
    template: z.string().optional(),
    requester: z.string().meta({ description: 'Who asked for it, as authentication proved it.' }),
    revisedBy: z.array(z.string()).optional().meta({ description: 'Others who revised its plan; like the requester, they do not decide on it.' }),
    createdAt: isoTime(),
    updatedAt: isoTime(),
    transitions: z.array(changeTransitionSchema),
    assessment: changeAssessmentSchema.optional(),
    approvals: z.array(z.object({
      decision: z.enum(['approved', 'rejected']), team: z.string().optional(), override: z.literal(true).optional(), template: z.string().optional(), by: z.string(), at: isoTime(), comment: z.string(),
    })).optional().meta({ description: 'Decisions on its current assessment, oldest first.' }),
    review: z.object({ findings: z.string(), followUp: z.string(), by: z.string(), at: isoTime() }).optional()
      .meta({ description: 'The post-implementation review, required before a failed, rolled-back or emergency change is closed.' }),
  }).meta({ id: 'ChangeRecord', description: 'A change record: what is asked, by whom, and every move of its lifecycle.' }),
);

export const changeSummarySchema = mirror<ChangeSummary>()(
  changeRecordSchema.extend({
    assessment: z.object({
      at: isoTime(),
      risk: riskAssessmentSchema,
      conflicts: z.array(z.string()),
      collisions: z.array(z.string()),
      counts: z.object({ impacted: z.int(), down: z.int(), degraded: z.int(), at_risk: z.int(), services: z.int() }),
    }).optional().meta({ description: 'What its assessment found, in short: read the change for its impact snapshot and approvers.' }),
  }).meta({ id: 'ChangeSummary', description: 'A change record as lists show it: without the impact snapshot of its assessment.' }),
);

export const changeListSchema = z.object({
  items: z.array(changeSummarySchema),
  nextCursor: z.string().optional(),
}).meta({ id: 'ChangeList', description: 'One page of changes, newest first, as summaries (GET one for its whole assessment).' });
