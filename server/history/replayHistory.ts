import type { ConfigItem } from '../../schema/configItem.ts';
import type { HistoryEntry } from '../../schema/history.ts';
import type { Relationship } from '../../schema/relationships.ts';

/** The graph as it stood at some point of its history. */
export interface GraphSnapshot {
  cis: Map<string, ConfigItem>;
  relationships: Map<string, Relationship>;
}

/**
 * Rebuilds the graph from history entries (in seq order) up to and including
 * `untilSeq`: the proof that history is complete enough to travel back in time.
 */
export function replayHistory(entries: Iterable<HistoryEntry>, untilSeq = Number.POSITIVE_INFINITY): GraphSnapshot {
  const snapshot: GraphSnapshot = { cis: new Map(), relationships: new Map() };
  for (const entry of entries) {
    if (entry.seq > untilSeq) break;
    const target: Map<string, unknown> = entry.entity === 'ci' ? snapshot.cis : snapshot.relationships;
    if (entry.operation === 'withdrawn') target.delete(entry.key);
    else target.set(entry.key, entry.after);
  }
  return snapshot;
}
