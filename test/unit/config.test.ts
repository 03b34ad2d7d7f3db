import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

describe('configuration', () => {
  it('defaults to the embedded store in ./.trellis on port 8080', () => {
    expect(loadConfig({})).toMatchObject({ store: { kind: 'embedded', dataDir: './.trellis' }, http: { port: 8080, host: '127.0.0.1' } });
  });

  it('chooses Neo4j when NEO4J_URI is set', () => {
    expect(loadConfig({ NEO4J_URI: 'neo4j://db.example:7687', NEO4J_PASSWORD: 'x' }).store).toMatchObject({ kind: 'neo4j', uri: 'neo4j://db.example:7687' });
  });

  it('refuses credentials inside NEO4J_URI (they would reach logs) and names bad variables', () => {
    expect(() => loadConfig({ NEO4J_URI: 'bolt://neo4j:secret@db:7687' })).toThrow(/NEO4J_URI/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
