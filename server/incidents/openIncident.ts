import { changeStates } from '../../schema/changes.ts';
import { incidentRequestSchema, priorityOf, type IncidentRecord } from '../../schema/incidents.ts';
import { limits } from '../../schema/limits.ts';
import type { AuditContext } from '../audit/auditDraft.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import { assessImpact, type AnalysisSettings } from '../impact/assessImpact.ts';
import type { StoredIncident } from '../store/IncidentLedger.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';
import { suspectChanges } from './correlateIncident.ts';

/** What opening an incident needs from the operator's configuration. */
export interface IncidentSettings {
  analysis: AnalysisSettings;
  /** Hours after a change is implemented in which an incident on its impact set is laid at its door. */
  correlationHours: number;
}

/** Changes that ended in these states were carried out, so they may have caused what followed. */
const carriedOut = changeStates.filter((state) => ['implemented', 'failed', 'rolled_back', 'closed'].includes(state));

/**
 * Opens an incident on CIs of the graph: the services their failure takes
 * down or degrade (and their teams) are kept with it, its impact is the best
 * criticality among those services unless the responder gives one, its
 * priority follows from impact and urgency, and the changes implemented
 * shortly before on its impact set are flagged as possible causes.
 */
export async function openIncident(store: GraphStore, input: unknown, by: AuditContext, settings: IncidentSettings, now = new Date()): Promise<StoredIncident> {
  const request = parseOrThrow(incidentRequestSchema, input, 'incident');
  const openedAt = request.openedAt ? new Date(request.openedAt).toISOString() : now.toISOString();
  if (Date.parse(openedAt) > now.getTime()) throw new InvalidError([{ entry: 'body', field: 'openedAt', message: `${request.openedAt} is in the future: an incident opens when it starts` }]);
  const affected = [...new Set(request.affected)];
  const found = new Set((await store.findCIs(affected)).map((ci) => ci.id));
  const missing = affected.filter((id) => !found.has(id));
  if (missing.length) throw new NotFoundError(`an incident is opened on CIs of the graph; no CI has the id ${missing.map((id) => `"${id}"`).join(', ')}`, missing);
  if (request.change && !(await store.findChange(request.change))) throw new NotFoundError(`no change has the id ${request.change}`, [request.change]);

  const impact = await assessImpact(store, { targets: affected.map((id) => ({ id, effect: 'down' as const })), onLimit: 'truncate' }, settings.analysis);
  const services = impact.services.filter((s) => s.state !== 'at_risk');
  const best = Math.min(...services.map((s) => s.criticality ?? 3), 3);
  const impactLevel = request.impact ?? Math.max(1, best);
  const lookBack = new Date(Date.parse(openedAt) - (settings.correlationHours * 3_600_000 + limits.changeWindowDaysMax * 86_400_000)).toISOString();
  const recent = await store.listChanges({ states: carriedOut, from: lookBack, limit: limits.pageSizeMax });
  const draft: Omit<IncidentRecord, 'id'> = {
    title: request.title, description: request.description, affected, impact: impactLevel, urgency: request.urgency, priority: priorityOf(impactLevel, request.urgency),
    state: 'open', openedAt, openedBy: by.actor, services: services.map((s) => s.id), teams: impact.notify.map((t) => t.id),
    ...(request.change ? { change: request.change } : {}),
    suspectedChanges: suspectChanges({ affected, openedAt }, recent.map((stored) => stored.change), settings.correlationHours),
    updatedAt: now.toISOString(),
  };
  const suspected = draft.suspectedChanges.length ? `; possibly caused by ${draft.suspectedChanges.map((s) => s.change).join(', ')}` : '';
  return store.createIncident(draft, { ...by, action: 'incident.open', summary: `P${draft.priority} "${draft.title}" on ${affected.length} CI(s)${suspected}` });
}
