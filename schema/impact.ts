import { z } from 'zod';
import type { CIType } from './ciTypes.ts';
import { ciIdSchema } from './identifiers.ts';
import { limits } from './limits.ts';

/** What a change does to a target: takes it down (default) or degrades it. */
export const impactEffectSchema = z.enum(['down', 'degraded']);
export type ImpactEffect = z.infer<typeof impactEffectSchema>;

/** Bounds a caller may set on an analysis; `onLimit: truncate` asks for a bounded answer. */
const boundsShape = {
  maxCIs: z.number().int().min(1).max(limits.subgraphCIsMax).optional(),
  onLimit: z.enum(['error', 'truncate']).optional(),
};

/** `POST /api/v1/impact`: the CIs a change affects and how. */
export const impactRequestSchema = z
  .strictObject({
    targets: z
      .array(z.strictObject({ id: ciIdSchema, effect: impactEffectSchema.default('down') }))
      .min(1, 'give at least one target')
      .max(limits.impactTargetsMax, `at most ${limits.impactTargetsMax} targets`),
    ...boundsShape,
  })
  .refine((r) => r.maxCIs === undefined || r.maxCIs >= r.targets.length, { path: ['maxCIs'], message: 'must be at least the number of targets' });
export type ImpactRequest = z.input<typeof impactRequestSchema>;

/** A look-back window: a duration such as `24h`, `90m`, `7d`, or an ISO-8601 instant. */
const lookBackPattern = /^(\d+[smhdw]|\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?)$/;
export const lookBackSchema = z
  .string()
  .regex(lookBackPattern, 'use a duration like 24h, 90m, 7d, or an ISO-8601 time')
  // Shaped like a time but impossible (2024-13-45): one message, not two.
  .refine((s) => !lookBackPattern.test(s) || /^\d+[smhdw]$/.test(s) || !Number.isNaN(Date.parse(s)), 'not a valid time')
  .refine((s) => !/^\d+[smhdw]$/.test(s) || durationSeconds(s) <= limits.lookBackDaysMax * 86_400, `at most ${limits.lookBackDaysMax} days back`)
  .default(`${limits.lookBackHoursDefault}h`);

/** `POST /api/v1/upstream`: the symptomatic CIs of an incident. */
export const upstreamRequestSchema = z.strictObject({
  symptoms: z
    .array(ciIdSchema)
    .min(1, 'give at least one symptomatic CI')
    .max(limits.upstreamSymptomsMax, `at most ${limits.upstreamSymptomsMax} symptomatic CIs`),
  since: lookBackSchema,
  candidates: z.number().int().min(1).max(limits.pageSizeMax).default(limits.upstreamCandidatesDefault),
  ...boundsShape,
}).refine((r) => r.maxCIs === undefined || r.maxCIs >= r.symptoms.length, { path: ['maxCIs'], message: 'must be at least the number of symptomatic CIs' });
export type UpstreamRequest = z.input<typeof upstreamRequestSchema>;

/** The start of a look-back window, as an ISO time, relative to `now`. */
export function lookBackStart(since: string, now: Date): string {
  if (!/^\d+[smhdw]$/.test(since)) return new Date(since).toISOString();
  return new Date(now.getTime() - durationSeconds(since) * 1000).toISOString();
}

/** Seconds of a duration like `24h`, `90m`, `7d`. */
function durationSeconds(duration: string): number {
  const unit = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[duration.slice(-1) as 's' | 'm' | 'h' | 'd' | 'w'];
  return Number(duration.slice(0, -1)) * unit;
}

/** A CI that is not ok in an impact analysis, with the chain that explains why. */
export interface ImpactedCI {
  id: string;
  type: CIType;
  name: string;
  state: 'down' | 'degraded' | 'at_risk';
  depth: number;
  /** Target first, this CI last; each id relies on the one before it. */
  path: string[];
}

/** An impacted service, with its criticality (1 most critical) when known. */
export interface ImpactedService extends ImpactedCI {
  criticality?: number;
}

/** A team that must be told, and why. */
export interface TeamToNotify {
  id: string;
  name: string;
  /** The CIs it owns or supports that are targets or impacted services. */
  because: { ci: string; relationship: 'OWNED_BY' | 'SUPPORTED_BY' }[];
  onCall?: unknown;
}

/** A contract covering a target or an impacted CI. */
export interface InvolvedContract {
  id: string;
  name: string;
  kind?: string;
  end?: string;
  covers: string[];
  suppliers: string[];
}

/** A supplier involved through a contract or by supporting an impacted CI. */
export interface InvolvedSupplier {
  id: string;
  name: string;
  contracts: string[];
  supports: string[];
}

/** The answer to "if we do this, what breaks, how badly, and who must know?". */
export interface ImpactReport {
  targets: { id: string; effect: ImpactEffect }[];
  impacted: ImpactedCI[];
  services: ImpactedService[];
  notify: TeamToNotify[];
  suppliers: InvolvedSupplier[];
  contracts: InvolvedContract[];
  counts: { impacted: number; down: number; degraded: number; at_risk: number; services: number };
  /** True when the analysis stopped at its size limit (only with `onLimit: truncate`). */
  truncated: boolean;
}

/** A CI the symptomatic CIs rely on. */
export interface UpstreamDependency {
  id: string;
  type: CIType;
  name: string;
  depth: number;
  /** Nearest symptomatic CI first, this CI last; each id relies on the next. */
  path: string[];
  /** The symptomatic CIs that rely on it, transitively. */
  reliedOnBy: string[];
}

/** A ranked candidate cause. */
export interface CandidateCause {
  id: string;
  name: string;
  rank: number;
  reasons: string[];
}

/** Which ranking signals the analysis could use. */
export type RankingSignal = 'shared_by_symptoms' | 'recent_configuration_change' | 'change_record' | 'open_incident' | 'distance';

/** The answer to "this is failing: what does it rely on, and what most likely caused it?". */
export interface UpstreamReport {
  symptoms: string[];
  dependencies: UpstreamDependency[];
  candidates: CandidateCause[];
  signals: RankingSignal[];
  /** Signals the ranking would use but that have no data source yet. */
  unavailableSignals: RankingSignal[];
  since: string;
  truncated: boolean;
}
