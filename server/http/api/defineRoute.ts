import type { z } from 'zod';
import type { Permission } from '../../../schema/roles.ts';
import type { Identity } from '../../auth/identity.ts';

/** HTTP methods the API routes use. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Media types a request body may come in; the route says which it reads. */
export type BodyFormat = 'json' | 'yaml' | 'text';

/** A declared response: its description for the document, and its body schema unless it has none. */
export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json; problem responses are application/problem+json. */
  contentTypes?: readonly string[];
  /** Response headers worth documenting (ETag, Location, Retry-After). */
  headers?: z.ZodObject;
}

/** What a handler answers; the mounting code sends it. */
export interface Reply {
  status?: number;
  body?: unknown;
  /** Streamed instead of `body` (large exports), with its media type. */
  stream?: AsyncIterable<string>;
  type?: string;
  headers?: Record<string, string>;
  /** Set-Cookie values (sign-in). */
  cookies?: string[];
}

/** What a handler receives: input already parsed by the route's schemas, and who asks. */
export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The body as text and its format, for routes that read YAML or raw source files. */
  rawBody?: { text: string; format: BodyFormat };
  /** The request's path and query as sent (the sign-in callback reads the issuer's answer from it). */
  rawUrl: string;
  /** The Cookie header (sign-in). */
  cookieHeader?: string;
  /** The query before parsing, for open-ended filters (`attr.<name>=`). */
  rawQuery: Record<string, string | string[]>;
  /** Request headers the route declared, parsed. */
  headers: Record<string, string | undefined>;
  identity: Identity;
  /** The request's id, client address and start time, for the audit trail. */
  request: { id: string; clientAddress: string; receivedAt: string };
  /** Aborted when the client goes away or the request's deadline passes. */
  signal: AbortSignal;
}

/**
 * One API route, declared in one place: method and path, the permission it
 * needs, the schemas of its input and output, and its handler. The router, the
 * OpenAPI document and the authorization tests are all built from these.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** OpenAPI form, relative to /api/v1: `/cis/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  permission: Permission | 'public';
  /** Imports and estate uploads: the long deadline instead of the standard one. */
  longRunning?: boolean;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** Request headers the route reads (If-Match...), documented and parsed. */
  headers?: z.ZodObject;
  body?: {
    schema: z.ZodType<B>;
    formats: readonly BodyFormat[];
    description?: string;
    required?: boolean;
    /** Large documents (imports) are parsed off the event loop by the handler: the route gets the text only. */
    parsedElsewhere?: boolean;
  };
  responses: Record<number, ResponseSpec>;
  handler: (input: RouteInput<P, Q, B>) => Promise<Reply>;
}

/** Declares a route, inferring the handler's input types from the schemas. */
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}
