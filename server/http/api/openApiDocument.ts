import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import type { z } from 'zod';
import { problemDocumentSchema } from '../../../schema/api/problemResponse.ts';
import { requestDocumentOf } from '../../../schema/api/requestSchemas.ts';
import { mediaTypesOf } from './readBody.ts';
import type { RouteSpec } from './defineRoute.ts';

/** Errors any route may answer besides those it declares, each a problem document. */
const commonProblems: Record<number, string> = {
  400: 'The input breaks a rule; `problems` names each field.',
  429: 'Too many requests from this token or address; retry after `Retry-After` seconds.',
  503: 'The store is unreachable or the server is overloaded or stopping; retry after `Retry-After` seconds.',
};

/**
 * The OpenAPI 3.1 document of the API, generated from the routes' own zod
 * schemas, so it cannot drift from what the server validates and answers.
 */
export function openApiDocument(specs: readonly RouteSpec[], version: string): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const spec of specs) {
    paths[spec.path] ??= {};
    paths[spec.path]![spec.method] = operationOf(spec);
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Trellis API',
      version,
      description: 'A graph-native CMDB: configuration items, their relationships, imports, and impact and upstream analysis. Errors are RFC 9457 problem documents with a stable `code`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token (`trellis token create`) or an OpenID Connect access token (JWT) from the configured issuer.' },
        session: { type: 'apiKey', in: 'cookie', name: 'trellis_session', description: 'The explorer\'s sign-in session; writes also need the X-CSRF-Token header.' },
      },
    },
    paths,
  });
}

function operationOf(spec: RouteSpec): ZodOpenApiOperationObject {
  const operation: ZodOpenApiOperationObject = {
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    tags: [spec.tag],
    requestParams: Object.fromEntries(Object.entries({ path: spec.params, query: spec.query, header: spec.headers }).filter(([, schema]) => schema !== undefined).map(([where, schema]) => [where, requestDocumentOf(schema)])) as Record<string, z.ZodObject>,
    responses: responsesOf(spec),
  };
  if (spec.permission !== 'public') {
    operation.security = [{ bearer: [] }, { session: [] }];
    operation['x-trellis-permission'] = spec.permission;
  }
  if (spec.body) {
    operation.requestBody = {
      required: spec.body.required !== false,
      description: spec.body.description,
      content: Object.fromEntries(spec.body.formats.flatMap((f) => mediaTypesOf[f]).map((type) => [type, { schema: requestDocumentOf(spec.body!.schema) }])),
    };
  }
  return operation;
}

function responsesOf(spec: RouteSpec): ZodOpenApiResponsesObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    const content = response.schema
      ? Object.fromEntries((response.contentTypes ?? ['application/json']).map((type) => [type, { schema: response.schema! }]))
      : undefined;
    responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] = { description: response.description, content, headers: response.headers };
  }
  const problems: Record<number, string> = { ...commonProblems };
  // Credentials that are sent are checked on every route: a public one refuses bad ones too rather than ignore them.
  problems[401] = spec.permission === 'public' ? 'Credentials were sent and are expired, revoked or not valid.' : 'No credentials, or credentials that are expired, revoked or not valid.';
  if (spec.permission !== 'public') {
    problems[403] = `The caller's role does not grant the "${spec.permission}" permission, or a cross-site request was refused.`;
  }
  if (spec.body) {
    problems[413] = 'The request body is larger than the limit.';
    problems[415] = 'The request body is not in a media type this route reads.';
  }
  for (const [status, description] of Object.entries(problems)) {
    const key = status as `${1 | 2 | 3 | 4 | 5}${string}`;
    responses[key] ??= { description, content: { 'application/problem+json': { schema: problemDocumentSchema } } };
  }
  // Answered by the HTTP server itself, before any route, with no body.
  responses['431'] ??= { description: 'The request line and headers together are larger than the server reads (a query string of many kilobytes).' };
  return responses;
}
