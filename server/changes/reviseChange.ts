import { changeRequestSchema } from '../../schema/changes.ts';
import { NotFoundError } from '../errors.ts';
import type { StoredChange } from '../store/ChangeLedger.ts';
import type { GraphStore } from '../store/GraphStore.ts';
import { parseOrThrow } from '../validation.ts';
import { assessSubmitted, type AssessmentSettings } from './assessChange.ts';
import { editChange } from './changeLifecycle.ts';
import { checkRequest } from './requestChange.ts';
import type { AuditContext } from '../audit/auditDraft.ts';

/**
 * Replaces what a change asks for, if it is still at `expectedVersion` (the
 * version its editor read; undefined: whatever version it is at). An assessed, approved or scheduled change goes
 * back to assessment (changeLifecycle.editChange) and is assessed again at once.
 */
export async function reviseChange(
  store: GraphStore, id: string, input: unknown, expectedVersion: number | undefined, by: AuditContext, settings: AssessmentSettings, now = new Date(),
): Promise<StoredChange> {
  const request = parseOrThrow(changeRequestSchema, input, 'change request');
  const current = await store.findChange(id);
  if (!current) throw new NotFoundError(`no change has the id ${id}`, [id]);
  await checkRequest(store, request, now, id);
  let edited = editChange(current.change, request, { by: by.actor, at: now.toISOString(), comment: '' });
  let summary = 'edited';
  if (edited.state === 'submitted') {
    // Back to assessment, and assessed again at once, as on submit.
    const assessed = await assessSubmitted(store, edited, settings, now);
    edited = assessed.change;
    summary += `; back from ${current.change.state} to assessment; ${assessed.summary}`;
  }
  return store.saveChange(edited, expectedVersion ?? current.version, { ...by, action: 'change.edit', target: id, summary });
}
