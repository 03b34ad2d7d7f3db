import { configItemInputSchema, type ConfigItem, type StoredCI } from '../../schema/configItem.ts';
import { auditDraft } from '../audit/auditDraft.ts';
import { OutcomeUnknownError } from '../errors.ts';
import { parseOrThrow } from '../validation.ts';
import { etagOfCI } from '../store/etags.ts';
import type { BatchResult, GraphStore, WriteContext } from '../store/GraphStore.ts';
import { expectationFor, mustBeNew } from './preconditions.ts';

/** A CI as written, its entity tag, and what the write changed. */
export interface SavedCI {
  ci: StoredCI;
  etag: string;
  result: BatchResult;
}

/** Creates one CI from client input (flat or with `attributes`); AlreadyExistsError when its id is taken. */
export async function createCI(store: GraphStore, input: unknown, context: WriteContext): Promise<SavedCI> {
  const data = parseOrThrow(configItemInputSchema, input, 'CI');
  return write(store, data, { upsertCIs: [data], expect: [mustBeNew({ ci: data.id })], audit: auditDraft(context.actor, context.origin, 'ci.create', data.id) }, context);
}

/**
 * Creates or replaces one CI. Replacing needs `ifMatch` (its ETag, or `*`):
 * PreconditionRequiredError without, PreconditionFailedError when stale.
 */
export async function replaceCI(store: GraphStore, input: unknown, ifMatch: string | undefined, context: WriteContext, action: 'ci.replace' | 'ci.patch' = 'ci.replace'): Promise<SavedCI> {
  const data = parseOrThrow(configItemInputSchema, input, 'CI');
  return write(store, data, { upsertCIs: [data], expect: expectationFor({ ci: data.id }, ifMatch), audit: auditDraft(context.actor, context.origin, action, data.id) }, context);
}

async function write(store: GraphStore, data: ConfigItem, batch: Parameters<GraphStore['applyBatch']>[0], context: WriteContext): Promise<SavedCI> {
  const result = await store.applyBatch(batch, context);
  // The write is in; only its answer needs the stored bookkeeping (times, source).
  const ci = await store.findCI(data.id).catch((error: unknown) => {
    throw new OutcomeUnknownError(`the CI "${data.id}" was written, but reading it back failed (${(error as Error).message}): read it again rather than write it again`, { cause: error });
  });
  if (!ci) throw new OutcomeUnknownError(`the CI "${data.id}" was written, but another write withdrew it before it could be read back`);
  return { ci, etag: etagOfCI(ci), result };
}
