import { describe, expect, inject, it } from 'vitest';
import { createEmptyNeo4jStore } from '../support/neo4jTestStore.ts';
import { demoEstatePath } from '../support/demoEstate.ts';
import { runCli } from '../support/runCli.ts';

const uri = inject('neo4jUri');

describe.skipIf(!uri)('trellis CLI on Neo4j (NEO4J_URI)', () => {
  it('imports the demo estate, then answers impact and upstream', async () => {
    await (await createEmptyNeo4jStore(uri)).close();
    const env = { NEO4J_URI: uri };
    expect((await runCli(['import', demoEstatePath], env)).code).toBe(0);
    const impact = JSON.parse((await runCli(['impact', 'host-ad-01-a', '--json'], env)).stdout);
    expect(impact.services.slice(0, 2).map((s: { id: string }) => s.id)).toEqual(['svc-identity-sso', 'svc-warehouse-management']);
    const upstream = JSON.parse((await runCli(['upstream', 'svc-checkout', '--json'], env)).stdout);
    expect(upstream.dependencies.length).toBeGreaterThan(10);
    const missing = await runCli(['get', 'no-such-ci'], env);
    expect(missing.code).toBe(3);
  });
});
