import type { ConfigItem } from './configItem.ts';
import type { Relationship } from './relationships.ts';

/** What happened to a CI or relationship in one write. */
export type HistoryOperation = 'created' | 'changed' | 'withdrawn';

/**
 * One entry of the append-only history. `before` and `after` are complete
 * values, so replaying entries up to a moment rebuilds the graph as it was then.
 */
export type HistoryEntry =
  | (HistoryCommon & { entity: 'ci'; key: string; before?: ConfigItem; after?: ConfigItem })
  | (HistoryCommon & { entity: 'relationship'; key: string; before?: Relationship; after?: Relationship });

interface HistoryCommon {
  /** Position in the store's total order of writes (1, 2, 3...). */
  seq: number;
  /** ISO-8601 time of the write. */
  at: string;
  /** The batch (one all-or-nothing write) this entry belongs to. */
  batchId: string;
  /** Who wrote it: a user, a service account or an importer. */
  actor: string;
  /** Where the data came from: an estate file, an importer scope, an API client. */
  source: string;
  operation: HistoryOperation;
}

/** What one all-or-nothing write did. `unchanged` counts upserts that matched the stored value. */
export interface WriteOutcome {
  batchId: string;
  created: number;
  changed: number;
  withdrawn: number;
  unchanged: number;
  /** Sequence numbers of the first and last history entries written, if any. */
  firstSeq?: number;
  lastSeq?: number;
}
