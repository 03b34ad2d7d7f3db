import { z } from 'zod';
import { changeTemplateSchema } from '../../../schema/changeTemplates.ts';
import { requireTemplate } from '../../changes/requestChange.ts';
import { InvalidError, NotFoundError } from '../../errors.ts';
import type { GraphStore } from '../../store/GraphStore.ts';
import { problem } from '../api/commonSchemas.ts';
import { defineRoute, type RouteSpec } from '../api/defineRoute.ts';
import { auditContextOf } from '../writeContext.ts';

const templateParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a template id') });

/** Standard-change templates: read by anyone, recorded by change managers (they pre-approve what the template allows). */
export function templateRoutes(store: GraphStore): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/api/v1/change-templates', operationId: 'listChangeTemplates', tag: 'Changes', permission: 'read',
      summary: 'Standard-change templates, by id',
      responses: { 200: { description: 'Every template.', schema: z.object({ items: z.array(changeTemplateSchema) }) } },
      handler: async () => ({ body: { items: await store.listChangeTemplates() } }),
    }),
    defineRoute({
      method: 'get', path: '/api/v1/change-templates/{id}', operationId: 'getChangeTemplate', tag: 'Changes', permission: 'read',
      summary: 'One standard-change template',
      params: templateParams,
      responses: { 200: { description: 'The template.', schema: changeTemplateSchema }, 404: problem('No template has this id.') },
      handler: async ({ params }) => ({ body: await requireTemplate(store, params.id) }),
    }),
    defineRoute({
      method: 'put', path: '/api/v1/change-templates/{id}', operationId: 'saveChangeTemplate', tag: 'Changes', permission: 'approve',
      summary: 'Create or replace a standard-change template (change managers); changes it approved stay approved',
      params: templateParams,
      body: { schema: changeTemplateSchema, formats: ['json'] },
      responses: { 200: { description: 'Saved.', schema: changeTemplateSchema } },
      handler: async (input) => {
        if (input.body.id !== input.params.id) throw new InvalidError([{ entry: 'body', field: 'id', message: `the body's id "${input.body.id}" differs from the URL's "${input.params.id}"` }]);
        const summary = `standard template "${input.body.name}", up to ${input.body.maxRisk} risk`;
        await store.saveChangeTemplate(input.body, { ...auditContextOf(input), action: 'template.save', target: `template:${input.params.id}`, summary });
        return { body: input.body };
      },
    }),
    defineRoute({
      method: 'delete', path: '/api/v1/change-templates/{id}', operationId: 'deleteChangeTemplate', tag: 'Changes', permission: 'approve',
      summary: 'Remove a standard-change template (change managers); changes it approved stay approved, drafts that name it can no longer be submitted',
      params: templateParams,
      responses: { 204: { description: 'Removed.' }, 404: problem('No template has this id.') },
      handler: async (input) => {
        const removed = await store.deleteChangeTemplate(input.params.id, { ...auditContextOf(input), action: 'template.delete', target: `template:${input.params.id}` });
        if (!removed) throw new NotFoundError(`no standard-change template has the id "${input.params.id}"`, [input.params.id]);
        return { status: 204 };
      },
    }),
  ];
}
