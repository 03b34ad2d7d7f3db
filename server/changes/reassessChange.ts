import { ConflictError, NotFoundError } from '../errors.ts';
import type { StoredChange } from '../store/ChangeLedger.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { assessChange, type AssessmentSettings } from './assessChange.ts';
import type { AuditContext } from '../audit/auditDraft.ts';

/**
 * Assesses an assessed change again against the graph and the changes as they
 * are now, if it is still at `expectedVersion`. An approved or scheduled
 * change is not re-assessed under its approval: revising it sends it back to
 * assessment, which assesses it again and asks for a new decision.
 */
export async function reassessChange(store: GraphStore, id: string, expectedVersion: number | undefined, by: AuditContext, settings: AssessmentSettings, now = new Date()): Promise<StoredChange> {
  const current = await store.findChange(id);
  if (!current) throw new NotFoundError(`no change has the id ${id}`, [id]);
  const { change } = current;
  if (change.state !== 'assessed') {
    const hint = ['approved', 'scheduled'].includes(change.state) ? ': revise it to send it back to assessment and a new decision' : '';
    throw new ConflictError(`${id} is ${change.state}: only an assessed change is assessed again${hint}`);
  }
  const assessment = await assessChange(store, change, settings, now);
  const { risk } = assessment;
  const before = change.assessment?.risk;
  const summary = `assessed again: risk ${risk.class} (${risk.score})${before ? `, was ${before.class} (${before.score})` : ''}`;
  // Decisions were made on the old assessment: they are asked again on this one.
  const { approvals, ...rest } = change;
  const cleared = approvals?.length ? '; its decisions are cleared' : '';
  return store.saveChange({ ...rest, assessment, updatedAt: now.toISOString() }, expectedVersion ?? current.version, { ...by, action: 'change.assess', target: id, summary: summary + cleared });
}
