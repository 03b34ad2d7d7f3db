import { changeRequestSchema, type ChangeRequest } from '../../schema/changes.ts';
import type { AuditContext } from '../audit/auditDraft.ts';
import { NotFoundError } from '../errors.ts';
import type { StoredChange } from '../store/ChangeLedger.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';

/**
 * Records a change as a draft requested by the caller. Every target must be a
 * CI of the graph (NotFoundError naming those that are not): a change to
 * something Trellis does not know cannot be assessed.
 */
export async function requestChange(store: GraphStore, input: unknown, by: AuditContext, now = new Date()): Promise<StoredChange> {
  const request = parseOrThrow(changeRequestSchema, input, 'change request');
  await requireTargets(store, request);
  const at = now.toISOString();
  return store.createChange(
    { ...request, state: 'draft', requester: by.actor, createdAt: at, updatedAt: at, transitions: [] },
    { ...by, action: 'change.create', summary: `${request.type} change "${request.title}" on ${request.targets.length} CI(s)` },
  );
}

/** NotFoundError naming the targets that are not CIs of the graph. */
export async function requireTargets(store: GraphStore, request: ChangeRequest): Promise<void> {
  const ids = [...new Set(request.targets.map((target) => target.id))];
  const found = new Set((await store.findCIs(ids)).map((ci) => ci.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw new NotFoundError(`a change can only target CIs of the graph; no CI has the id ${missing.map((id) => `"${id}"`).join(', ')}`, missing);
}
