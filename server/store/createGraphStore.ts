import type { StoreConfig } from '../config.ts';
import type { GraphStore } from './GraphStore.ts';

/**
 * The only place that names store adapters. Each adapter is imported lazily, so
 * the Neo4j driver is never loaded in embedded mode (and SQLite never on Neo4j).
 */
export async function createGraphStore(config: StoreConfig): Promise<GraphStore> {
  if (config.kind === 'neo4j') {
    const { Neo4jGraphStore } = await import('./neo4j/Neo4jGraphStore.ts');
    return Neo4jGraphStore.connect(config);
  }
  const { EmbeddedGraphStore } = await import('./embedded/EmbeddedGraphStore.ts');
  return new EmbeddedGraphStore({ dataDir: config.dataDir, lazyIndex: config.lazyIndex });
}
