import { provenanceAttributes as trellis, type RetireOutcome } from '../../schema/imports.ts';
import { relationshipKeyText, type RelationshipKey } from '../../schema/relationships.ts';
import { retryOnConflict } from './retryOnConflict.ts';
import { auditDraft } from '../audit/auditDraft.ts';
import type { GraphStore, RequestOrigin } from '../store/GraphStore.ts';

/** What to retire: past how many days, as whom, from which request. */
export interface RetireOptions {
  graceDays: number;
  now?: Date;
  dryRun?: boolean;
  actor: string;
  origin?: RequestOrigin;
}

const page = 5000;

/**
 * Removes CIs and relationships that no source has asserted for longer than the
 * grace period (`trellis.staleSince` older than it), with their history like any
 * withdrawal. Until then they stay, flagged, and are still analysed.
 */
export async function retireStale(store: GraphStore, options: RetireOptions): Promise<RetireOutcome> {
  // An import that asserts something again while this scans makes the write refused: scan again rather than remove it.
  return retryOnConflict(() => retireOnce(store, options));
}

async function retireOnce(store: GraphStore, options: RetireOptions): Promise<RetireOutcome> {
  const { version } = await store.readAssertions({});
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.graceDays * 86_400_000).toISOString();
  const expired = (attributes: Record<string, unknown> | undefined) => {
    const since = attributes?.[trellis.staleSince];
    return typeof since === 'string' && since <= cutoff;
  };
  const cis: string[] = [];
  for (let after: string | undefined, batch; (batch = await store.scanCIs(after, page)).length; after = batch.at(-1)!.id) {
    for (const ci of batch) if (expired(ci.attributes)) cis.push(ci.id);
  }
  const relationships: RelationshipKey[] = [];
  for (let after: RelationshipKey | undefined, batch; (batch = await store.scanRelationships(after, page)).length; after = batch.at(-1)!) {
    for (const r of batch) if (expired(r.attributes)) relationships.push({ from: r.from, type: r.type, to: r.to });
  }
  if (!options.dryRun && (cis.length || relationships.length)) {
    const audit = auditDraft(options.actor, options.origin, 'import.retire-stale', `stale for ${options.graceDays} days`);
    await store.applyBatch({ deleteCIs: cis, deleteRelationships: relationships, expectedVersion: version, audit }, { actor: options.actor, source: 'retire-stale' }, { bulk: true });
  }
  return { graceDays: options.graceDays, cis, relationships: relationships.map(relationshipKeyText), dryRun: Boolean(options.dryRun) };
}
