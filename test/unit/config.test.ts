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

  it('reads the source precedence as JSON and names a bad one', () => {
    expect(loadConfig({ TRELLIS_PRECEDENCE: '{"owner": ["aws", "terraform"]}' }).precedence).toEqual({ owner: ['aws', 'terraform'] });
    expect(loadConfig({}).precedence).toEqual({});
    expect(() => loadConfig({ TRELLIS_PRECEDENCE: '{"owner": ["ldap"]}' })).toThrow(/TRELLIS_PRECEDENCE/);
    expect(() => loadConfig({ TRELLIS_PRECEDENCE: 'owner=aws' })).toThrow(/TRELLIS_PRECEDENCE: must be JSON/);
    expect(loadConfig({ TRELLIS_STALE_GRACE_DAYS: '7' }).staleGraceDays).toBe(7);
  });

  it('reads risk weights over their defaults, and names an unknown factor', () => {
    expect(loadConfig({}).riskWeights).toMatchObject({ worstServiceImpact: 30, rollback: 15 });
    expect(loadConfig({ TRELLIS_RISK_WEIGHTS: '{"rollback": 25}' }).riskWeights).toMatchObject({ worstServiceImpact: 30, rollback: 25 });
    expect(() => loadConfig({ TRELLIS_RISK_WEIGHTS: '{"luck": 5}' })).toThrow(/TRELLIS_RISK_WEIGHTS/);
  });
});
