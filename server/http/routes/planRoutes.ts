import { z } from 'zod';
import { parseTerraformPlan } from '../../../importers/terraform/parseTerraformPlan.ts';
import { planImpactReportSchema } from '../../../schema/api/planResponses.ts';
import { impactThresholdSchema } from '../../../schema/planGate.ts';
import { rolesAllow } from '../../../schema/roles.ts';
import { wellFormedText } from '../../../schema/text.ts';
import { gatePlan } from '../../changes/gatePlan.ts';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import type { AnalysisSettings } from '../../impact/assessImpact.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { problem } from '../api/commonSchemas.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';
import { auditContextOf } from '../writeContext.ts';

const instant = (description: string) => z.iso.datetime({ offset: true }).optional().meta({ description });
const gateQuery = {
  failOn: impactThresholdSchema.optional(),
  at: instant('The instant a covering change\'s window must hold (default: now).'),
};
const planQuery = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, 'a file name: letters, digits, ".", "_", "-"').default('plan.json').meta({ description: 'The plan\'s file name, for the report and the change.' }),
  ...gateQuery,
  createChange: z.enum(['true', 'false']).default('false').meta({ description: '`true`: request a draft normal change from the plan, unless an authorized one covers it already (needs the `change` permission).' }),
  windowStart: instant('Start of the requested change\'s window (default: the next whole hour; an hour before windowEnd when only that is given).'),
  windowEnd: instant('End of the requested change\'s window (default: an hour after its start).'),
  title: wellFormedText(200).regex(/\S/, 'a title is required').optional().meta({ description: 'Title of the requested change (default: Apply Terraform plan <name>).' }),
});

/** The Terraform plan gate: a plan sent as the body, or a proposal already read from one. */
export function planRoutes(store: GraphStore, settings: AnalysisSettings): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/api/v1/plan-impact', operationId: 'gatePlan', tag: 'Changes', permission: 'read',
      summary: 'The Terraform plan gate: what applying a plan breaks, and whether it may go ahead',
      description: 'Deletions and replacements take the CIs they touch down, updates degrade them; creations, no-ops, reads and moves affect nothing that exists. '
        + 'The verdict is `blocked` when an impacted service reaches `failOn` and no approved, scheduled or in-progress change whose window holds `at` targets every CI at least as severely. '
        + 'Nothing is written unless `createChange=true`, which needs the `change` permission (403 otherwise) and is audited.',
      query: planQuery,
      body: { schema: z.unknown().meta({ description: 'The plan as `terraform show -json` writes it.' }), formats: ['json'], parsedElsewhere: true },
      responses: { 200: { description: 'The plan\'s impact and the verdict.', schema: planImpactReportSchema }, 403: problem('createChange=true without the change permission.') },
      handler: async (input) => {
        const { query, rawBody, identity } = input;
        const createChange = query.createChange === 'true';
        if (createChange && !rolesAllow(identity.roles, 'change')) {
          throw new ForbiddenError(`requesting a change from a plan takes the "change" permission, which the roles ${identity.roles.join(', ') || '(none)'} of ${identity.actor} do not grant; without createChange the plan is only assessed`);
        }
        const plan = parseTerraformPlan(rawBody!.text, query.name);
        const ask = createChange ? { by: auditContextOf(input), window: { start: query.windowStart, end: query.windowEnd }, title: query.title } : undefined;
        const at = query.at === undefined ? undefined : new Date(query.at);
        return { body: await gatePlan(store, { plan: { file: query.name, changes: plan.changes, warnings: plan.warnings }, threshold: query.failOn, at, createChange: ask }, settings) };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/v1/proposals/{id}/impact', operationId: 'gateProposal', tag: 'Imports', permission: 'read',
      summary: 'The plan gate for a proposal already read from a plan, against the graph and the changes as they are now',
      params: z.object({ id: z.string().min(1).max(200) }),
      query: z.strictObject(gateQuery),
      responses: { 200: { description: 'The proposal\'s impact and the verdict.', schema: planImpactReportSchema }, 404: problem('No proposal has this id.') },
      handler: async ({ params, query }) => {
        const proposal = await store.findProposal(params.id);
        if (!proposal) throw new NotFoundError(`unknown proposal: ${params.id}`, [params.id]);
        const at = query.at === undefined ? undefined : new Date(query.at);
        return { body: await gatePlan(store, { plan: { file: proposal.file, changes: proposal.changes, warnings: proposal.warnings, proposal: proposal.id }, threshold: query.failOn, at }, settings) };
      },
    }),
  ];
}
