import { impactReportSchema, upstreamReportSchema } from '../../../schema/api/analysisResponses.ts';
import { impactRequestSchema, upstreamRequestSchema } from '../../../schema/impact.ts';
import { assessImpact, type AnalysisSettings } from '../../impact/assessImpact.ts';
import { traceUpstream } from '../../impact/traceUpstream.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { problem } from '../api/commonSchemas.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';

/** Impact analysis (the change view) and upstream analysis (the incident view). */
export function analysisRoutes(store: GraphStore, settings: AnalysisSettings): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/api/v1/impact', operationId: 'assessImpact', tag: 'Analysis', permission: 'read',
      summary: 'What goes down, degrades or loses redundancy if the targets fail; who to tell; which contracts and suppliers are involved',
      body: { schema: impactRequestSchema, formats: ['json'] },
      responses: { 200: { description: 'The impact report.', schema: impactReportSchema }, 404: problem('A target does not exist.') },
      handler: async ({ body }) => ({ body: await assessImpact(store, body, settings) }),
    }),
    defineRoute({
      method: 'post', path: '/api/v1/upstream', operationId: 'traceUpstream', tag: 'Analysis', permission: 'read',
      summary: 'What the symptomatic CIs rely on, ranked by likely cause',
      body: { schema: upstreamRequestSchema, formats: ['json'] },
      responses: { 200: { description: 'The upstream report.', schema: upstreamReportSchema }, 404: problem('A symptomatic CI does not exist.') },
      handler: async ({ body }) => ({ body: await traceUpstream(store, body, settings) }),
    }),
  ];
}
