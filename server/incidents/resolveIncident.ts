import { incidentResolutionSchema } from '../../schema/incidents.ts';
import type { AuditContext } from '../audit/auditDraft.ts';
import { ConflictError, InvalidError, NotFoundError } from '../errors.ts';
import type { StoredIncident } from '../store/IncidentLedger.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';

/**
 * Resolves an open incident (service restored), if it is still at
 * `expectedVersion` (undefined: whatever version it is at). When it was
 * restored is what the time-to-restore measure reads.
 */
export async function resolveIncident(store: GraphStore, id: string, input: unknown, expectedVersion: number | undefined, by: AuditContext, now = new Date()): Promise<StoredIncident> {
  const request = parseOrThrow(incidentResolutionSchema, input, 'resolution');
  const current = await store.findIncident(id);
  if (!current) throw new NotFoundError(`no incident has the id ${id}`, [id]);
  const { incident } = current;
  if (incident.state === 'resolved') throw new ConflictError(`${id} was resolved at ${incident.resolvedAt} by ${incident.resolvedBy}`);
  const resolvedAt = request.resolvedAt ? new Date(request.resolvedAt).toISOString() : now.toISOString();
  if (Date.parse(resolvedAt) > now.getTime()) throw new InvalidError([{ entry: 'body', field: 'resolvedAt', message: `${request.resolvedAt} is in the future` }]);
  if (Date.parse(resolvedAt) < Date.parse(incident.openedAt)) throw new InvalidError([{ entry: 'body', field: 'resolvedAt', message: `${id} opened at ${incident.openedAt}: it cannot be resolved before` }]);
  const resolved = { ...incident, state: 'resolved' as const, resolvedAt, resolvedBy: by.actor, resolution: request.resolution, updatedAt: now.toISOString() };
  const hours = ((Date.parse(resolvedAt) - Date.parse(incident.openedAt)) / 3_600_000).toFixed(1);
  return store.saveIncident(resolved, expectedVersion ?? current.version, { ...by, action: 'incident.resolve', target: id, summary: `restored after ${hours} h: ${request.resolution.slice(0, 200)}` });
}
