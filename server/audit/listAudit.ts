import type { AuditEntry } from '../../schema/access.ts';
import type { AuditQuery } from '../store/AccessLedger.ts';
import type { GraphStore } from '../store/GraphStore.ts';

/** How many of a CI's writes the audit filter by CI looks through. */
const ciHistoryScan = 10_000;

/**
 * Audit entries, newest first; with `ci`, only writes whose history touched
 * that CI (or a relationship at it), found through the batches of its history.
 */
export async function listAudit(store: GraphStore, query: Omit<AuditQuery, 'batchIds'> & { ci?: string | undefined }): Promise<AuditEntry[]> {
  const { ci, ...rest } = query;
  if (ci === undefined) return store.listAudit(rest);
  const history = await store.listHistory({ ciId: ci, newestFirst: true, limit: ciHistoryScan });
  const batchIds = [...new Set(history.map((entry) => entry.batchId))];
  return batchIds.length ? store.listAudit({ ...rest, batchIds }) : [];
}
