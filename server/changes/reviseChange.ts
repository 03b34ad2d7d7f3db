import { changeRequestSchema } from '../../schema/changes.ts';
import { NotFoundError } from '../errors.ts';
import type { StoredChange } from '../store/ChangeLedger.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';
import { editChange } from './changeLifecycle.ts';
import { requireTargets, type ChangeAuditContext } from './requestChange.ts';

/**
 * Replaces what a change asks for, if it is still at `expectedVersion` (the
 * version its editor read; undefined: whatever version it is at). An assessed, approved or scheduled change goes
 * back to assessment (changeLifecycle.editChange).
 */
export async function reviseChange(store: GraphStore, id: string, input: unknown, expectedVersion: number | undefined, by: ChangeAuditContext, now = new Date()): Promise<StoredChange> {
  const request = parseOrThrow(changeRequestSchema, input, 'change request');
  const current = await store.findChange(id);
  if (!current) throw new NotFoundError(`no change has the id ${id}`, [id]);
  await requireTargets(store, request);
  const edited = editChange(current.change, request, { by: by.actor, at: now.toISOString(), comment: '' });
  const back = edited.state !== current.change.state ? `; back from ${current.change.state} to ${edited.state}` : '';
  return store.saveChange(edited, expectedVersion ?? current.version, { ...by, action: 'change.edit', target: id, summary: `edited${back}` });
}
