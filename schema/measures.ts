import { z } from 'zod';
import { ciIdSchema } from './identifiers.ts';

/**
 * Change enablement measures (ITIL 4) over a period: how often changes succeed
 * or fail, how many were emergencies, how long they waited, and how long
 * incidents took to restore.
 */
export const measuresQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true }).meta({ description: 'Start of the period (ISO instant).' }),
  to: z.iso.datetime({ offset: true }).meta({ description: 'End of the period; at most 366 days after from.' }),
  service: ciIdSchema.optional().meta({ description: 'Only changes and incidents that impact this service.' }),
  team: ciIdSchema.optional().meta({ description: 'Only changes and incidents that concern this team.' }),
});
export type MeasuresQuery = z.output<typeof measuresQuerySchema>;

/** The measures of one scope (overall, a service or a team). */
export interface ChangeMeasures {
  /** Changes whose work ended in the period: implemented, failed or rolled back. */
  changes: number;
  implemented: number;
  failed: number;
  rolledBack: number;
  /** Implemented changes followed by an incident that suspects (or is linked to) them. */
  followedByIncident: number;
  emergency: number;
  /** Implemented over changes; null when there were none. */
  successRate: number | null;
  /** Failed, rolled back, or followed by an incident, over changes; null when there were none. */
  failureRate: number | null;
  /** Emergency changes over changes; null when there were none. */
  emergencyShare: number | null;
  /** Mean hours from submitted to the end of the work; null when none was submitted. */
  meanLeadTimeHours: number | null;
  /** Incidents opened in the period, and those resolved in it. */
  incidentsOpened: number;
  incidentsResolved: number;
  /** Mean hours from opened to resolved, over incidents resolved in the period; null when none was. */
  meanTimeToRestoreHours: number | null;
}
