import type { ChangeRecord } from '../../schema/changes.ts';
import type { IncidentRecord } from '../../schema/incidents.ts';
import type { ChangeMeasures } from '../../schema/measures.ts';
import { changesOf } from '../store/IncidentLedger.ts';
import { implementedAtOf } from '../incidents/correlateIncident.ts';

/** A period as UTC instants [from, to). */
export interface Period {
  from: string;
  to: string;
}

/**
 * The measures of the changes and incidents given, over `period`: changes
 * count when their work ended in it, incidents when they opened (and, for
 * time to restore, were resolved) in it. Pure: the caller chooses the scope.
 */
export function measureChanges(changes: readonly ChangeRecord[], incidents: readonly IncidentRecord[], period: Period): ChangeMeasures {
  const within = (at: string | undefined) => at !== undefined && at >= period.from && at < period.to;
  const ended = changes.filter((change) => within(implementedAtOf(change)));
  const outcome = (change: ChangeRecord) => change.transitions.find((t) => t.from === 'in_progress')!.to;
  const blamed = new Set(incidents.flatMap(changesOf));
  const implemented = ended.filter((c) => outcome(c) === 'implemented');
  const failed = ended.filter((c) => outcome(c) === 'failed').length;
  const rolledBack = ended.filter((c) => outcome(c) === 'rolled_back').length;
  const followedByIncident = implemented.filter((c) => blamed.has(c.id)).length;
  const leadTimes = ended.flatMap((change) => {
    const submitted = change.transitions.find((t) => t.to === 'submitted')?.at;
    return submitted ? [hoursBetween(submitted, implementedAtOf(change)!)] : [];
  });
  const resolved = incidents.filter((incident) => within(incident.resolvedAt));
  return {
    changes: ended.length, implemented: implemented.length, failed, rolledBack, followedByIncident,
    emergency: ended.filter((c) => c.type === 'emergency').length,
    successRate: ratio(implemented.length, ended.length),
    failureRate: ratio(failed + rolledBack + followedByIncident, ended.length),
    emergencyShare: ratio(ended.filter((c) => c.type === 'emergency').length, ended.length),
    meanLeadTimeHours: mean(leadTimes),
    incidentsOpened: incidents.filter((incident) => within(incident.openedAt)).length,
    incidentsResolved: resolved.length,
    meanTimeToRestoreHours: mean(resolved.map((incident) => hoursBetween(incident.openedAt, incident.resolvedAt!))),
  };
}

/** Whether a change concerns a service (it is a target or was assessed as impacted) or a team (notified by its assessment). */
export function changeConcerns(change: ChangeRecord, scope: { service?: string; team?: string }): boolean {
  if (scope.service && !change.targets.some((t) => t.id === scope.service) && !change.assessment?.impact.services.some((s) => s.id === scope.service)) return false;
  return !scope.team || (change.assessment?.impact.notify.some((t) => t.id === scope.team) ?? false);
}

/** Whether an incident concerns a service (affected or impacted) or a team (of those services). */
export function incidentConcerns(incident: IncidentRecord, scope: { service?: string; team?: string }): boolean {
  if (scope.service && !incident.affected.includes(scope.service) && !incident.services.includes(scope.service)) return false;
  return !scope.team || incident.teams.includes(scope.team);
}

function hoursBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 3_600_000;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.round((values.reduce((sum, v) => sum + v, 0) / values.length) * 10) / 10;
}
