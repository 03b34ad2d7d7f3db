import express, { Router, type Request, type Response } from 'express';
import { limits } from '../../../schema/limits.ts';
import { rolesAllow } from '../../../schema/roles.ts';
import { parseOrThrow } from '../../validation.ts';
import { DeadlineExceededError, ForbiddenError, OutcomeUnknownError, UnauthenticatedError } from '../../errors.ts';
import { unauthenticatedCaller, type Identity } from '../../auth/identity.ts';
import { readBody } from './readBody.ts';
import type { Method, Reply, RouteSpec } from './defineRoute.ts';
import { parseQueryString } from './decodeBody.ts';
import { requestInfoOf, type RequestState } from './requestState.ts';

/** Options of the mounted routes. */
export interface MountOptions {
  /** Check every JSON response against its declared schema (tests and development): a drift is a 500 and a logged error. */
  checkResponses?: boolean;
  /** How long a request may take (imports: `longDeadlineMs`) before it answers 503. */
  deadlineMs: number;
  longDeadlineMs: number;
}

/**
 * Builds the router of a list of route specs: each route authorizes, parses its
 * input with its schemas, calls its handler and sends the reply. Any other
 * method on a known path is a 405 naming the allowed ones.
 */
export function mountRoutes(specs: readonly RouteSpec[], options: MountOptions): Router {
  const router = Router();
  const methodsByPath = new Map<string, Set<Method>>();
  for (const spec of specs) {
    const path = expressPathOf(spec.path);
    if (!methodsByPath.has(path)) methodsByPath.set(path, new Set());
    methodsByPath.get(path)!.add(spec.method);
  }
  // A literal path is answered as itself, first: PUT /changes/calendar is a 405, not PUT /changes/{id} with a bad id.
  for (const [path, methods] of methodsByPath) {
    if (!path.includes(':')) router.all(path, (req, res, next) => (methods.has(req.method.toLowerCase() as Method) || req.method === 'HEAD' ? next() : notAllowed(methods, req, res, next)));
  }
  const rawBody = express.raw({ type: () => true, limit: limits.httpBodyMaxBytes });
  for (const spec of specs) {
    const path = expressPathOf(spec.path);
    const handlers = spec.body ? [rawBody] : [];
    const deadlineMs = spec.longRunning ? options.longDeadlineMs : options.deadlineMs;
    const handle = async (req: Request, res: Response) => {
      res.locals.routeTemplate = spec.path;
      const reply = await withinDeadline(spec, res.locals as RequestState, deadlineMs, () => runRoute(spec, req, res));
      if (res.headersSent || res.destroyed) return;
      if (options.checkResponses) checkReply(spec, reply);
      await sendReply(res, reply);
    };
    // The router's own layers name their spec: tests enumerate routes from the router, not from a list.
    router[spec.method](path, ...handlers, Object.assign(handle, { routeSpec: spec }));
  }
  for (const [path, methods] of methodsByPath) router.all(path, (req, res, next) => notAllowed(methods, req, res, next));
  return router;
}

/** Any other method on a known path: 405 naming the allowed ones (204 with them to OPTIONS). */
function notAllowed(methods: ReadonlySet<Method>, req: Request, res: Response, next: (error: Error) => void): void {
  const allow = [...methods].map((m) => m.toUpperCase()).concat(methods.has('get') ? ['HEAD'] : []).join(', ');
  res.set('Allow', allow);
  if (req.method === 'OPTIONS') return void res.status(204).end();
  next(Object.assign(new Error(`${req.method} is not allowed on ${req.path}; allowed: ${allow}`), { status: 405, code: 'method_not_allowed' }));
}

async function runRoute(spec: RouteSpec, req: Request, res: Response): Promise<Reply> {
  const state = res.locals as RequestState;
  authorize(state.identity, spec);
  const rawQuery = parseQueryString(req.originalUrl.split('?')[1] ?? '');
  const params = spec.params ? parseOrThrow(spec.params, { ...req.params }, 'path') : {};
  const query = spec.query ? parseOrThrow(spec.query, rawQuery, 'query') : {};
  const headers = spec.headers ? parseOrThrow(spec.headers, headersOf(req, spec.headers.keyof().options as string[]), 'headers') : {};
  let body: unknown;
  let raw: { text: string; format: 'json' | 'yaml' | 'text' } | undefined;
  if (spec.body) {
    const read = readBody(req, spec.body);
    raw = read;
    body = read && read.json !== undefined ? parseOrThrow(spec.body.schema, read.json, 'body') : undefined;
  }
  return spec.handler({
    params, query, body, rawBody: raw, rawQuery, rawUrl: req.originalUrl, cookieHeader: req.get('cookie'), headers: headers as Record<string, string | undefined>,
    identity: state.identity ?? unauthenticatedCaller, request: requestInfoOf(req, state), signal: state.signal,
  });
}

/**
 * Runs a route's work, or gives up at its deadline: the caller gets a 503 in
 * time, and a write that may still complete says that its outcome is unknown.
 */
async function withinDeadline(spec: RouteSpec, state: RequestState, deadlineMs: number, work: () => Promise<Reply>): Promise<Reply> {
  let timer: NodeJS.Timeout | undefined;
  const running = work();
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const seconds = deadlineMs / 1000;
      const error = spec.method === 'get'
        ? new DeadlineExceededError(`the request took longer than its deadline of ${seconds} s`)
        : new OutcomeUnknownError(`the write took longer than its deadline of ${seconds} s and may still complete: read what it writes before sending it again${spec.longRunning ? ' (imports are idempotent: sending it again is safe)' : ''}`);
      state.abort(error);
      reject(error);
    }, deadlineMs);
  });
  running.catch(() => {}); // a late failure after the deadline has nobody left to tell
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function authorize(identity: Identity | undefined, spec: RouteSpec): void {
  if (spec.permission === 'public') return;
  if (!identity) throw new UnauthenticatedError('this route needs credentials: an API token or an OpenID Connect bearer token (Authorization: Bearer ...), or a signed-in session');
  if (!rolesAllow(identity.roles, spec.permission)) {
    throw new ForbiddenError(`${spec.method.toUpperCase()} ${spec.path} needs the "${spec.permission}" permission, which the role${identity.roles.length === 1 ? '' : 's'} ${identity.roles.join(', ') || '(none)'} of ${identity.actor} do${identity.roles.length === 1 ? 'es' : ''} not grant`);
  }
}

function headersOf(req: Request, names: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.map((name) => [name, req.get(name)]));
}

async function sendReply(res: Response, reply: Reply): Promise<void> {
  res.status(reply.status ?? 200);
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.set(name, value);
  for (const cookie of reply.cookies ?? []) res.append('set-cookie', cookie);
  if (reply.stream) {
    res.type(reply.type ?? 'application/octet-stream');
    for await (const part of reply.stream) {
      if (!res.write(part)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  } else if (reply.body === undefined) res.end();
  else if (reply.type) res.type(reply.type).send(reply.body);
  else res.json(reply.body);
}

function checkReply(spec: RouteSpec, reply: Reply): void {
  const declared = spec.responses[reply.status ?? 200];
  if (!declared) throw new Error(`${spec.operationId} answered ${reply.status ?? 200}, which it does not declare`);
  if (!declared.schema || reply.stream || reply.type) return;
  const parsed = declared.schema.safeParse(reply.body);
  if (!parsed.success) throw new Error(`${spec.operationId} answered a body that breaks its schema: ${parsed.error.message.slice(0, 2000)}`);
}

/** `/cis/{id}` to express's `/cis/:id`. */
export function expressPathOf(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
