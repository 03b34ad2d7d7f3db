import { z } from 'zod';
import { importAnswerSchema, importRunListSchema, planProposalListSchema, planProposalSchema, retireOutcomeSchema } from '../../../schema/api/importResponses.ts';
import { NotFoundError } from '../../errors.ts';
import { importKinds } from '../../imports/importSources.ts';
import type { ImportRunner } from '../../imports/worker/ImportRunner.ts';
import type { Precedence } from '../../reconcile/precedence.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { problem } from '../api/commonSchemas.ts';
import { cursorSchema, decodeCursor, encodeCursor } from '../api/cursor.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';
import { originOf } from '../writeContext.ts';

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: cursorSchema.optional(),
});

const runQuery = z.strictObject({
  kind: z.enum(importKinds).exclude(['estate']).optional().meta({ description: 'The kind of file; detected from its content when absent.' }),
  name: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, 'a file name: letters, digits, ".", "_", "-"').meta({ description: 'The file\'s name: names the scope of file-scoped sources and appears in the run record.' }),
  dryRun: z.enum(['true', 'false']).default('false').meta({ description: '`true`: report what would change and write nothing.' }),
  account: z.string().regex(/^\d{12}$/).optional().meta({ description: 'AWS account of a recording that does not say.' }),
  region: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
  cluster: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/).optional().meta({ description: 'Kubernetes cluster the manifests belong to.' }),
});

const retireQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false'),
  olderThanDays: z.coerce.number().min(0).max(3650).optional().meta({ description: 'Grace period in days (default: the server\'s TRELLIS_STALE_GRACE_DAYS).' }),
});

/** What the routes need of the import worker. */
export type ImportJobs = Pick<ImportRunner, 'run'>;

/** Import runs, retiring stale CIs, and proposals (plans read from files, never applied). */
export function importRoutes(store: GraphStore, imports: ImportJobs, { precedence, staleGraceDays }: { precedence?: Precedence | undefined; staleGraceDays: number }): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/api/v1/imports', operationId: 'listImportRuns', tag: 'Imports', permission: 'read',
      summary: 'Import runs, newest first',
      query: listQuery,
      responses: { 200: { description: 'One page of runs.', schema: importRunListSchema.extend({ nextCursor: cursorSchema.optional() }) } },
      handler: async ({ query }) => ({ body: await pageOf('imports', query, (limit) => store.listImportRuns({ limit })) }),
    }),
    defineRoute({
      method: 'post', path: '/api/v1/imports', operationId: 'runImport', tag: 'Imports', permission: 'import',
      longRunning: true,
      summary: 'Run an import from a source file sent as the body (Terraform state or plan, AWS recording, Kubernetes manifests, Backstage catalog)',
      description: 'Exactly as `trellis import`: the run reconciles the file\'s scope and answers with the run and its diff; a Terraform plan becomes a proposal instead. Estate files go to POST /api/v1/estate. Imports are idempotent: sending the same file again changes nothing.',
      query: runQuery,
      body: { schema: z.unknown().meta({ description: 'The source file as it is.' }), formats: ['json', 'yaml', 'text'], parsedElsewhere: true },
      responses: { 200: { description: 'The run and its diff, or the proposal of a plan.', schema: importAnswerSchema } },
      handler: async ({ query, rawBody, identity, request }) => {
        const { account, region, cluster } = query;
        const done = await imports.run({
          kind: 'source', isJson: rawBody!.format === 'json',
          request: { text: rawBody!.text, file: query.name, kind: query.kind, actor: identity.actor, origin: originOf(request), dryRun: query.dryRun === 'true', precedence, source: { account, region, cluster }, estateElsewhere: 'estate files are imported with POST /api/v1/estate' },
        });
        return { body: 'proposal' in done ? done.proposal : 'outcome' in done ? done.outcome : done.result };
      },
    }),
    defineRoute({
      method: 'post', path: '/api/v1/imports/retire-stale', operationId: 'retireStale', tag: 'Imports', permission: 'import',
      longRunning: true,
      summary: 'Withdraw what no source has asserted for longer than the grace period (dry run first)',
      query: retireQuery,
      responses: { 200: { description: 'What was (or would be) withdrawn.', schema: retireOutcomeSchema } },
      handler: async ({ query, identity, request }) => ({
        body: await imports.run({ kind: 'retire', options: { graceDays: query.olderThanDays ?? staleGraceDays, dryRun: query.dryRun === 'true', actor: identity.actor, origin: originOf(request) } }),
      }),
    }),
    defineRoute({
      method: 'get', path: '/api/v1/proposals', operationId: 'listProposals', tag: 'Imports', permission: 'read',
      summary: 'Proposals (Terraform plans read from files), newest first',
      query: listQuery,
      responses: { 200: { description: 'One page of proposals.', schema: planProposalListSchema.extend({ nextCursor: cursorSchema.optional() }) } },
      handler: async ({ query }) => ({ body: await pageOf('proposals', query, (limit) => store.listProposals({ limit })) }),
    }),
    defineRoute({
      method: 'get', path: '/api/v1/proposals/{id}', operationId: 'getProposal', tag: 'Imports', permission: 'read',
      summary: 'One proposal',
      params: z.object({ id: z.string().min(1).max(200) }),
      responses: { 200: { description: 'The proposal.', schema: planProposalSchema }, 404: problem('No proposal has this id.') },
      handler: async ({ params }) => {
        const proposal = await store.findProposal(params.id);
        if (!proposal) throw new NotFoundError(`unknown proposal: ${params.id}`, [params.id]);
        return { body: proposal };
      },
    }),
  ];
}

/**
 * A page of a newest-first list the store reads from its start: the cursor
 * holds how many were seen. These lists are short (runs, proposals), so
 * reading up to the page's end is cheap.
 */
async function pageOf<T>(list: string, query: { limit: number; cursor?: string | undefined }, read: (limit: number) => Promise<T[]>): Promise<{ items: T[]; nextCursor?: string }> {
  const start = decodeCursor<number>(list, query.cursor, 'number') ?? 0;
  const read1 = await read(start + query.limit + 1);
  const items = read1.slice(start, start + query.limit);
  return read1.length > start + query.limit ? { items, nextCursor: encodeCursor(list, start + query.limit) } : { items };
}
