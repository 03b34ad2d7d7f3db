import type { StoreConfig } from '../config.ts';
import type { GraphStore } from './GraphStore.ts';

/** Where a store reports what happens to its connection (pino's logger will do). */
export interface StoreLog {
  warn(message: string): void;
  info(message: string): void;
}

/**
 * The only place that names store adapters. Each adapter is imported lazily, so
 * the Neo4j driver is never loaded in embedded mode (and SQLite never on Neo4j).
 * `log` hears when Neo4j becomes unreachable and when it is back.
 */
export async function createGraphStore(config: StoreConfig, { log }: { log?: StoreLog } = {}): Promise<GraphStore> {
  if (config.kind === 'neo4j') {
    const { Neo4jGraphStore } = await import('./neo4j/Neo4jGraphStore.ts');
    return Neo4jGraphStore.connect(config, { log });
  }
  const { EmbeddedGraphStore } = await import('./embedded/EmbeddedGraphStore.ts');
  return new EmbeddedGraphStore({ dataDir: config.dataDir, lazyIndex: config.lazyIndex });
}
