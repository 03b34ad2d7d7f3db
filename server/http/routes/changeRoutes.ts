import { z } from 'zod';
import { changeAssessmentSchema, changeListSchema, changeRecordSchema } from '../../../schema/api/changeResponses.ts';
import { approvalRequestSchema, changeIdSchema, changeRequestSchema, changeReviewRequestSchema, changeStates, summaryOfChange } from '../../../schema/changes.ts';
import { ciIdSchema } from '../../../schema/identifiers.ts';
import { limits } from '../../../schema/limits.ts';
import { rolesAllow } from '../../../schema/roles.ts';
import type { AssessmentSettings } from '../../changes/assessChange.ts';
import { requestChange } from '../../changes/requestChange.ts';
import { checkAssessment } from '../../changes/checkAssessment.ts';
import { decideOnChange } from '../../changes/decideOnChange.ts';
import { reassessChange } from '../../changes/reassessChange.ts';
import { reviewChange } from '../../changes/reviewChange.ts';
import { reviseChange } from '../../changes/reviseChange.ts';
import { transitionChange } from '../../changes/transitionChange.ts';
import { NotFoundError } from '../../errors.ts';
import { changeETag, changeNumberOf, type StoredChange } from '../../store/ChangeLedger.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { etagHeaders, problem } from '../api/commonSchemas.ts';
import { cursorSchema, decodeCursor, encodeCursor } from '../api/cursor.ts';
import { defineRoute, type RouteInput, type RouteSpec } from '../api/defineRoute.ts';
import { recordIfMatchHeaders, recordVersionOf } from '../api/recordVersion.ts';
import { auditContextOf } from '../writeContext.ts';

const listQuery = z.strictObject({
  state: z.union([z.enum(changeStates), z.array(z.enum(changeStates))]).optional().meta({ description: 'Only changes in this state (repeat for several).' }),
  target: ciIdSchema.optional().meta({ description: 'Only changes that target this CI.' }),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Only changes whose window ends after this instant.' }),
  until: z.iso.datetime({ offset: true }).optional().meta({ description: 'Only changes whose window starts before this instant.' }),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  cursor: cursorSchema.optional(),
});
const idParams = z.object({ id: changeIdSchema });
const transitionBody = z.strictObject({
  to: z.enum(changeStates).meta({ description: 'The state to move to; the lifecycle says which are allowed from the current one.' }),
  comment: z.string().max(limits.changeCommentMaxLength).default('').meta({ description: 'Why, or what happened (implemented, failed, rolled back).' }),
});
const ifMatchHeaders = recordIfMatchHeaders;
const etagged = { headers: etagHeaders };
const assessmentCheckSchema = z.object({
  assessment: changeAssessmentSchema.optional(),
  current: z.boolean().meta({ description: 'False when the assessment is out of date, or absent.' }),
  reasons: z.array(z.string()).meta({ description: 'Why it is out of date.' }),
}).meta({ id: 'ChangeAssessmentCheck' });
const stale = { 409: problem('The lifecycle does not allow this move, or the change can no longer be edited.'), 412: problem('The change has changed since the If-Match version.'), 428: problem('The request has no If-Match.') };

/** Change records under /api/v1/changes: request, list, read, revise and move along the lifecycle. */
export function changeRoutes(store: GraphStore, settings: AssessmentSettings): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/api/v1/changes', operationId: 'listChanges', tag: 'Changes', permission: 'read',
      summary: 'Change records, newest first, by state, target and window (as summaries: GET one for its whole assessment)',
      query: listQuery,
      responses: { 200: { description: 'One page of changes.', schema: changeListSchema } },
      handler: async ({ query }) => {
        const beforeNumber = decodeCursor<number>('changes', query.cursor, 'number');
        const states = query.state === undefined ? undefined : [query.state].flat();
        const page = await store.listChanges({ states, target: query.target, from: query.from, until: query.until, beforeNumber, limit: query.limit });
        const items = page.map((stored) => summaryOfChange(stored.change));
        const last = items.at(-1);
        return { body: items.length === query.limit && last ? { items, nextCursor: encodeCursor('changes', changeNumberOf(last.id)) } : { items } };
      },
    }),
    defineRoute({
      method: 'post', path: '/api/v1/changes', operationId: 'requestChange', tag: 'Changes', permission: 'change',
      summary: 'Request a change: it is recorded as a draft, requested by the caller',
      body: { schema: changeRequestSchema, formats: ['json'] },
      responses: { 201: { description: 'Recorded.', schema: changeRecordSchema, ...etagged }, 404: problem('A target is not a CI of the graph, or the standard change names no recorded template.'), 409: problem('A standard change goes beyond what its template allows.') },
      handler: async (input) => answer(await requestChange(store, input.body, auditContextOf(input)), 201),
    }),
    defineRoute({
      method: 'get', path: '/api/v1/changes/{id}', operationId: 'getChange', tag: 'Changes', permission: 'read',
      summary: 'A change record with its ETag',
      params: idParams,
      responses: { 200: { description: 'The change.', schema: changeRecordSchema, ...etagged }, 404: problem('No change has this id.') },
      handler: async ({ params }) => {
        const stored = await store.findChange(params.id);
        if (!stored) throw new NotFoundError(`no change has the id ${params.id}`, [params.id]);
        return answer(stored);
      },
    }),
    defineRoute({
      method: 'put', path: '/api/v1/changes/{id}', operationId: 'reviseChange', tag: 'Changes', permission: 'change',
      summary: 'Revise what a change asks for (If-Match required); an assessed, approved or scheduled change goes back to assessment',
      params: idParams, headers: ifMatchHeaders,
      body: { schema: changeRequestSchema, formats: ['json'] },
      responses: { 200: { description: 'Revised.', schema: changeRecordSchema, ...etagged }, 404: problem('No change has this id, a target is not a CI, or the template is not recorded.'), ...stale },
      handler: async (input) => answer(await reviseChange(store, input.params.id, input.body, await versionOf(store, input), auditContextOf(input), settings)),
    }),
    defineRoute({
      method: 'post', path: '/api/v1/changes/{id}/transitions', operationId: 'moveChange', tag: 'Changes', permission: 'change',
      summary: 'Move a change along its lifecycle (If-Match required)',
      description: 'Submitting a change assesses it at once: its impact, conflicts, collisions, risk and approvers are kept with it, and it moves on to `assessed`. '
        + 'Approval and rejection are not moves: they follow from the decisions sent to `/approvals`.',
      params: idParams, headers: ifMatchHeaders,
      body: { schema: transitionBody, formats: ['json'] },
      responses: { 200: { description: 'Moved.', schema: changeRecordSchema, ...etagged }, 404: problem('No change has this id.'), ...stale },
      handler: async (input) => answer(await transitionChange(store, input.params.id, input.body, await versionOf(store, input), auditContextOf(input), settings)),
    }),
    defineRoute({
      method: 'post', path: '/api/v1/changes/{id}/approvals', operationId: 'decideOnChange', tag: 'Changes', permission: 'read',
      summary: 'Approve or reject an assessed change, for a team you belong to or as a change manager (If-Match required)',
      description: 'A normal change is approved once each approver team (owners of impacted services of criticality 1-2) and a change manager have approved, '
        + 'or at once by a change manager\'s override with its reason; an emergency change by one change manager; any rejection rejects it. '
        + 'Nobody decides on their own change. Any signed-in person may send a decision; whether it counts depends on their teams and roles (403 otherwise).',
      params: idParams, headers: ifMatchHeaders,
      body: { schema: approvalRequestSchema, formats: ['json'] },
      responses: { 200: { description: 'Recorded.', schema: changeRecordSchema, ...etagged }, 403: problem('This decision is not yours to make.'), 404: problem('No change has this id.'), ...stale },
      handler: async (input) => {
        const { identity } = input;
        const by = { ...auditContextOf(input), teams: identity.teams, mayApprove: rolesAllow(identity.roles, 'approve'), openMode: identity.kind === 'open' };
        return answer(await decideOnChange(store, input.params.id, input.body, await versionOf(store, input), by));
      },
    }),
    defineRoute({
      method: 'get', path: '/api/v1/changes/{id}/assessment', operationId: 'checkChangeAssessment', tag: 'Changes', permission: 'read',
      summary: 'A change\'s kept assessment, and whether it still holds (what was written under its impact, and which overlapping changes moved, since)',
      params: idParams,
      responses: { 200: { description: 'The assessment and its check.', schema: assessmentCheckSchema }, 404: problem('No change has this id.') },
      handler: async ({ params }) => {
        const stored = await store.findChange(params.id);
        if (!stored) throw new NotFoundError(`no change has the id ${params.id}`, [params.id]);
        const check = await checkAssessment(store, stored.change);
        return { body: { ...(stored.change.assessment ? { assessment: stored.change.assessment } : {}), ...check } };
      },
    }),
    defineRoute({
      method: 'post', path: '/api/v1/changes/{id}/assessment', operationId: 'reassessChange', tag: 'Changes', permission: 'change',
      summary: 'Assess an assessed change again against the graph and the changes as they are now (If-Match required)',
      params: idParams, headers: ifMatchHeaders,
      responses: { 200: { description: 'Assessed again.', schema: changeRecordSchema, ...etagged }, 404: problem('No change has this id.'), ...stale },
      handler: async (input) => answer(await reassessChange(store, input.params.id, await versionOf(store, input), auditContextOf(input), settings)),
    }),
    defineRoute({
      method: 'put', path: '/api/v1/changes/{id}/review', operationId: 'reviewChange', tag: 'Changes', permission: 'change',
      summary: 'Write the post-implementation review of a change whose work is over (If-Match required); a failed, rolled-back or emergency change cannot close without one',
      params: idParams, headers: ifMatchHeaders,
      body: { schema: changeReviewRequestSchema, formats: ['json'] },
      responses: { 200: { description: 'Reviewed.', schema: changeRecordSchema, ...etagged }, 404: problem('No change has this id.'), ...stale },
      handler: async (input) => answer(await reviewChange(store, input.params.id, input.body, await versionOf(store, input), auditContextOf(input))),
    }),
  ];
}

function answer(stored: StoredChange, status = 200) {
  const headers: Record<string, string> = { etag: changeETag(stored.version) };
  if (status === 201) headers.location = `/api/v1/changes/${stored.change.id}`;
  return { status, body: stored.change, headers };
}

/** The version a change write's If-Match names (see recordVersionOf). */
function versionOf(store: GraphStore, input: Pick<RouteInput<{ id: string }, unknown, unknown>, 'params' | 'headers'>): Promise<number | undefined> {
  return recordVersionOf(input, 'change', (id) => store.findChange(id));
}
