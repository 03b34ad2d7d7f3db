import type { Request } from 'express';
import type { WriteContext } from '../store/GraphStore.ts';

const actorPattern = /^[\w.@:-]{1,100}$/;

/**
 * Who writes through the API, for history. Until authentication exists, the
 * client names itself with `X-Trellis-Actor` (checked; defaults to "api").
 */
export function writeContextOf(req: Request): WriteContext {
  const header = req.get('x-trellis-actor');
  const actor = header && actorPattern.test(header) ? header : 'api';
  return { actor, source: `api:${actor}` };
}
