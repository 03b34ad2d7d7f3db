import { z } from 'zod';
import { changeIdSchema } from './changes.ts';
import { ciIdSchema } from './identifiers.ts';
import { limits } from './limits.ts';
import { wellFormedText } from './text.ts';

/**
 * Incidents as light records (not a service desk): what failed, how badly and
 * how urgently, when it opened and was resolved, and the changes that may have
 * caused it. They feed the upstream ranking and the change measures.
 */

/** 1 is the highest: impact (how much of the business is hit) and urgency (how soon it hurts). */
const level = z.int().min(1).max(3);

export const incidentStates = ['open', 'resolved'] as const;
export type IncidentState = (typeof incidentStates)[number];

export const incidentRequestSchema = z.strictObject({
  title: wellFormedText(200).regex(/\S/, 'a title is required').transform((title) => title.trim()),
  description: wellFormedText(limits.changeTextMaxLength).default(''),
  affected: z.array(ciIdSchema).min(1).max(limits.impactTargetsMax).meta({ description: 'The CIs that fail or misbehave (the symptoms).' }),
  impact: level.optional().meta({ description: '1 high, 2 medium, 3 low. Absent: from the impact analysis (the best criticality among the services the affected CIs take down or degrade; 3 when none).' }),
  urgency: level.meta({ description: '1 high (hurts now), 2 medium, 3 low.' }),
  openedAt: z.iso.datetime({ offset: true }).optional().meta({ description: 'When it started; absent: now. It cannot lie in the future.' }),
  change: changeIdSchema.optional().meta({ description: 'A change the responder links it to (the one that caused it, or the emergency change that fixes it).' }),
});
export type IncidentRequest = z.output<typeof incidentRequestSchema>;

export const incidentResolutionSchema = z.strictObject({
  resolution: wellFormedText(limits.changeTextMaxLength).regex(/\S/, 'say how it was resolved'),
  resolvedAt: z.iso.datetime({ offset: true }).optional().meta({ description: 'When service was restored; absent: now. Not before it opened, not in the future.' }),
});
export type IncidentResolution = z.output<typeof incidentResolutionSchema>;

/** ITIL's priority matrix: impact and urgency 1-3 give priority 1 (critical) to 5 (planning). */
export function priorityOf(impact: number, urgency: number): number {
  return impact + urgency - 1;
}

/** A change implemented shortly before an incident opened on a CI of its impact: possibly its cause. */
export interface SuspectedChange {
  change: string;
  /** When the change ended (implemented, failed or rolled back). */
  implementedAt: string;
  /** The affected CIs that lie in the change's impact set. */
  via: string[];
}

export interface IncidentRecord {
  id: string;
  title: string;
  description: string;
  affected: string[];
  impact: number;
  urgency: number;
  priority: number;
  state: IncidentState;
  openedAt: string;
  openedBy: string;
  resolvedAt?: string;
  resolvedBy?: string;
  resolution?: string;
  /** The services the affected CIs take down or degrade, when it opened: the measures count it against them. */
  services: string[];
  /** The teams of those services (owners, operators, on call), when it opened. */
  teams: string[];
  change?: string;
  /** Changes flagged as possibly causing it (change-incident correlation), when it opened. */
  suspectedChanges: SuspectedChange[];
  updatedAt: string;
}

export const incidentIdSchema = z.string().regex(/^INC-[1-9][0-9]{0,9}$/, 'an incident id such as INC-7');
