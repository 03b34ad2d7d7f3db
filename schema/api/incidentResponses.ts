import { z } from 'zod';
import { incidentStates, type IncidentRecord } from '../incidents.ts';
import type { ChangeMeasures } from '../measures.ts';
import { mirror } from './mirror.ts';

/** Response bodies of incidents (`/api/v1/incidents`) and of the change measures (`/api/v1/changes/stats`). */

const isoTime = () => z.iso.datetime({ offset: true });

export const incidentRecordSchema = mirror<IncidentRecord>()(
  z.object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    affected: z.array(z.string()),
    impact: z.int().min(1).max(3),
    urgency: z.int().min(1).max(3),
    priority: z.int().min(1).max(5).meta({ description: 'From impact and urgency: 1 critical, 2 high, 3 medium, 4 low, 5 planning.' }),
    state: z.enum(incidentStates),
    openedAt: isoTime(),
    openedBy: z.string(),
    resolvedAt: isoTime().optional(),
    resolvedBy: z.string().optional(),
    resolution: z.string().optional(),
    services: z.array(z.string()).meta({ description: 'Services the affected CIs took down or degraded when it opened.' }),
    teams: z.array(z.string()).meta({ description: 'The teams of those services.' }),
    change: z.string().optional().meta({ description: 'The change its responder linked it to.' }),
    suspectedChanges: z.array(z.object({ change: z.string(), implementedAt: isoTime(), via: z.array(z.string()) }))
      .meta({ description: 'Changes implemented shortly before it opened whose impact set holds an affected CI: possibly its cause.' }),
    updatedAt: isoTime(),
  }).meta({ id: 'Incident' }),
);

export const incidentListSchema = z.object({
  items: z.array(incidentRecordSchema),
  nextCursor: z.string().optional(),
}).meta({ id: 'IncidentList', description: 'One page of incidents, newest first.' });

const rate = z.number().min(0).max(1).nullable();
const hours = z.number().nullable();
export const changeMeasuresSchema = mirror<ChangeMeasures>()(
  z.object({
    changes: z.int(), implemented: z.int(), failed: z.int(), rolledBack: z.int(), followedByIncident: z.int(), emergency: z.int(),
    successRate: rate, failureRate: rate, emergencyShare: rate, meanLeadTimeHours: hours,
    incidentsOpened: z.int(), incidentsResolved: z.int(), meanTimeToRestoreHours: hours,
  }).meta({ id: 'ChangeMeasures', description: 'Change success and failure rates, emergency share, lead time and time to restore over a period; null where nothing was measured.' }),
);

const scoped = z.object({ id: z.string(), measures: changeMeasuresSchema });
export const changeStatsSchema = z.object({
  from: isoTime(), to: isoTime(), service: z.string().optional(), team: z.string().optional(),
  measures: changeMeasuresSchema,
  byService: z.array(scoped).meta({ description: 'The services with most changes (20 at most).' }),
  byTeam: z.array(scoped).meta({ description: 'The teams with most changes (20 at most).' }),
  truncated: z.boolean(),
}).meta({ id: 'ChangeStats' });
