import type { ChangeTemplate } from '../../schema/changeTemplates.ts';
import { changeRequestSchema, type ChangeRequest } from '../../schema/changes.ts';
import type { ConfigItem } from '../../schema/configItem.ts';
import type { AuditContext } from '../audit/auditDraft.ts';
import { InvalidError, NotFoundError } from '../errors.ts';
import type { StoredChange } from '../store/ChangeLedger.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';
import { requireTargetsWithin } from './standardChange.ts';

/**
 * Records a change as a draft requested by the caller, once `checkRequest`
 * finds nothing wrong with it.
 */
export async function requestChange(store: GraphStore, input: unknown, by: AuditContext, now = new Date()): Promise<StoredChange> {
  const request = parseOrThrow(changeRequestSchema, input, 'change request');
  await checkRequest(store, request, now);
  const at = now.toISOString();
  return store.createChange(
    { ...request, state: 'draft', requester: by.actor, createdAt: at, updatedAt: at, transitions: [] },
    { ...by, action: 'change.create', summary: `${request.type} change "${request.title}" on ${request.targets.length} CI(s)` },
  );
}

/**
 * What a request (new or revised) must satisfy beyond its shape: a window
 * still to come, targets that are CIs of the graph (a change to something
 * Trellis does not know cannot be assessed), and, for a standard change, a
 * recorded template that allows those targets and effects.
 */
export async function checkRequest(store: GraphStore, request: ChangeRequest, now: Date, id?: string): Promise<void> {
  if (Date.parse(request.window.end) <= now.getTime()) {
    throw new InvalidError([{ entry: 'body', field: 'window.end', message: `the window ended at ${request.window.end}: a change is planned for a window still to come` }]);
  }
  const cis = await requireTargets(store, request);
  if (request.template !== undefined) requireTargetsWithin({ id, targets: request.targets }, await requireTemplate(store, request.template), cis);
}

/** The CIs a request targets, by id; NotFoundError naming those that are not CIs of the graph. */
export async function requireTargets(store: GraphStore, request: Pick<ChangeRequest, 'targets'>): Promise<Map<string, ConfigItem>> {
  const ids = [...new Set(request.targets.map((target) => target.id))];
  const found = new Map((await store.findCIs(ids)).map((ci) => [ci.id, ci]));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw new NotFoundError(`a change can only target CIs of the graph; no CI has the id ${missing.map((id) => `"${id}"`).join(', ')}`, missing);
  return found;
}

/** A recorded standard-change template; NotFoundError naming it when there is none. */
export async function requireTemplate(store: GraphStore, id: string): Promise<ChangeTemplate> {
  const template = (await store.listChangeTemplates()).find((t) => t.id === id);
  if (!template) throw new NotFoundError(`no standard-change template has the id "${id}": see GET /api/v1/change-templates`, [id]);
  return template;
}
