import { z } from 'zod';
import {
  impactEffectSchema,
  type CandidateCause,
  type ImpactedCI,
  type ImpactedService,
  type ImpactReport,
  type InvolvedContract,
  type InvolvedSupplier,
  type RankingSignal,
  type TeamToNotify,
  type UpstreamDependency,
  type UpstreamReport,
} from '../impact.ts';
import { ciTypeEnumSchema } from './catalogResponses.ts';
import { mirror } from './mirror.ts';

/** Response bodies of the analyses: `POST /api/v1/impact` and `POST /api/v1/upstream`. */

const impactedFields = {
  id: z.string(),
  type: ciTypeEnumSchema,
  name: z.string(),
  state: z.enum(['down', 'degraded', 'at_risk']).meta({ description: 'How the change leaves the CI: `down`, `degraded`, or `at_risk` (a redundancy group with affected members but enough healthy ones, or a CI that relies on one).' }),
  depth: z.int().meta({ description: 'Reliance hops from the nearest target (0 for a target).' }),
  path: z.array(z.string()).meta({ description: 'The chain that explains the state: target first, this CI last; each CI relies on the one before it.' }),
};

export const impactedCISchema = mirror<ImpactedCI>()(
  z.object(impactedFields).meta({ id: 'ImpactedCI', description: 'A CI the change leaves not ok, with the chain that explains why.' }),
);

export const impactedServiceSchema = mirror<ImpactedService>()(
  z
    .object({
      ...impactedFields,
      criticality: z.int().optional().meta({ description: 'The service\'s criticality, 1 most critical; absent when unknown.' }),
    })
    .meta({ id: 'ImpactedService', description: 'An impacted service, with its criticality when known.' }),
);

export const teamToNotifySchema = mirror<TeamToNotify>()(
  z
    .object({
      id: z.string(),
      name: z.string(),
      because: z
        .array(z.object({ ci: z.string(), relationship: z.enum(['OWNED_BY', 'SUPPORTED_BY']) }))
        .meta({ description: 'The targets and impacted services the team owns or supports.' }),
      onCall: z.unknown().optional().meta({ description: 'The team\'s `onCall` attribute as stored (schedule and contact), when it has one.' }),
    })
    .meta({ id: 'TeamToNotify', description: 'A team that must be told of the change, and why.' }),
);

export const involvedContractSchema = mirror<InvolvedContract>()(
  z
    .object({
      id: z.string(),
      name: z.string(),
      kind: z.string().optional().meta({ description: 'The contract\'s `kind` attribute (underpinning, support, license, ola...).' }),
      end: z.string().optional().meta({ description: 'The contract\'s `end` attribute: the date it ends (YYYY-MM-DD).' }),
      covers: z.array(z.string()).meta({ description: 'Targets and impacted CIs the contract covers.' }),
      suppliers: z.array(z.string()).meta({ description: 'Suppliers the contract is agreed with.' }),
    })
    .meta({ id: 'InvolvedContract', description: 'A contract covering a target or an impacted CI.' }),
);

export const involvedSupplierSchema = mirror<InvolvedSupplier>()(
  z
    .object({
      id: z.string(),
      name: z.string(),
      contracts: z.array(z.string()).meta({ description: 'Involved contracts agreed with the supplier.' }),
      supports: z.array(z.string()).meta({ description: 'Targets and impacted services the supplier supports directly.' }),
    })
    .meta({ id: 'InvolvedSupplier', description: 'A supplier involved through a contract or by supporting an impacted CI.' }),
);

export const impactReportSchema = mirror<ImpactReport>()(
  z
    .object({
      targets: z.array(z.object({ id: z.string(), effect: impactEffectSchema })).meta({ description: 'The targets as requested, each with its effect.' }),
      impacted: z.array(impactedCISchema).meta({ description: 'Every CI that is not ok, nearest first, then by id.' }),
      services: z.array(impactedServiceSchema).meta({ description: 'The impacted services, worst state first, then most critical, then by id.' }),
      notify: z.array(teamToNotifySchema),
      suppliers: z.array(involvedSupplierSchema),
      contracts: z.array(involvedContractSchema),
      counts: z.object({ impacted: z.int(), down: z.int(), degraded: z.int(), at_risk: z.int(), services: z.int() }),
      truncated: z.boolean().meta({ description: 'True when the analysis stopped at its size limit (only with `onLimit: truncate`).' }),
    })
    .meta({ id: 'ImpactReport', description: 'What a change breaks, how badly, and who must know.' }),
);

export const upstreamDependencySchema = mirror<UpstreamDependency>()(
  z
    .object({
      id: z.string(),
      type: ciTypeEnumSchema,
      name: z.string(),
      depth: z.int().meta({ description: 'Reliance hops from the nearest symptomatic CI.' }),
      path: z.array(z.string()).meta({ description: 'Nearest symptomatic CI first, this CI last; each relies on the next.' }),
      reliedOnBy: z.array(z.string()).meta({ description: 'The symptomatic CIs that rely on it, transitively.' }),
    })
    .meta({ id: 'UpstreamDependency', description: 'A CI the symptomatic CIs rely on.' }),
);

export const candidateCauseSchema = mirror<CandidateCause>()(
  z
    .object({
      id: z.string(),
      name: z.string(),
      rank: z.int().meta({ description: '1 for the likeliest cause.' }),
      reasons: z.array(z.string()).meta({ description: 'Why it ranks where it does, for people.' }),
    })
    .meta({ id: 'CandidateCause', description: 'A ranked candidate cause of an incident.' }),
);

export const rankingSignalSchema = mirror<RankingSignal>()(
  z
    .enum(['shared_by_symptoms', 'recent_configuration_change', 'change_record', 'open_incident', 'distance'])
    .meta({ id: 'RankingSignal', description: 'A signal the ranking of candidate causes can use.' }),
);

export const upstreamReportSchema = mirror<UpstreamReport>()(
  z
    .object({
      symptoms: z.array(z.string()).meta({ description: 'The symptomatic CIs, each once.' }),
      dependencies: z.array(upstreamDependencySchema).meta({ description: 'Everything they rely on, nearest first, then by id.' }),
      candidates: z.array(candidateCauseSchema).meta({ description: 'The likeliest causes, best first.' }),
      signals: z.array(rankingSignalSchema).meta({ description: 'The signals the ranking used.' }),
      unavailableSignals: z.array(rankingSignalSchema).meta({ description: 'Signals the ranking would use but that have no data source yet.' }),
      since: z.iso.datetime().meta({ description: 'Start of the look-back window for recent changes (ISO 8601, UTC).' }),
      truncated: z.boolean().meta({ description: 'True when the analysis stopped at its size limit (only with `onLimit: truncate`).' }),
    })
    .meta({ id: 'UpstreamReport', description: 'What failing CIs rely on, and what most likely caused the failure.' }),
);
