import { approvalRequestSchema } from '../../schema/changes.ts';
import { NotFoundError } from '../errors.ts';
import type { StoredChange } from '../store/ChangeLedger.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';
import { recordDecision, type Decider } from './approvalRules.ts';
import type { AuditContext } from '../audit/auditDraft.ts';

/** Records an approval or rejection of an assessed change (approvalRules), if it is still at `expectedVersion`, audited. */
export async function decideOnChange(
  store: GraphStore, id: string, input: unknown, expectedVersion: number | undefined, by: AuditContext & Decider, now = new Date(),
): Promise<StoredChange> {
  const request = parseOrThrow(approvalRequestSchema, input, 'decision');
  const current = await store.findChange(id);
  if (!current) throw new NotFoundError(`no change has the id ${id}`, [id]);
  const decided = recordDecision(current.change, request, by, now.toISOString());
  const capacity = request.team ? `for team ${request.team}` : request.override ? 'as change manager, overriding' : 'as change manager';
  const outcome = decided.state !== current.change.state ? `; ${id} is ${decided.state}` : '';
  const { actor, clientAddress, requestId } = by;
  return store.saveChange(decided, expectedVersion ?? current.version, {
    actor, clientAddress, requestId, action: 'change.decide', target: id, summary: `${request.decision} ${capacity}: ${request.comment.slice(0, 200)}${outcome}`,
  });
}
