import { beforeEach, describe, expect, it } from 'vitest';
import { storesClosedAfterAll } from '../support/storesClosedAfterAll.ts';
import { exportEstateText } from '../../server/estate/exportEstate.ts';
import { importEstate } from '../../server/estate/importEstate.ts';
import { AlreadyExistsError, ConflictError, InvalidError, LimitExceededError, NotFoundError, PreconditionFailedError, PreconditionRequiredError } from '../../server/errors.ts';
import { etagOfCI, etagOfRelationship } from '../../server/store/etags.ts';
import { replayHistory } from '../../server/history/replayHistory.ts';
import type { Batch, GraphStore, WriteProgress } from '../../server/store/GraphStore.ts';
import { buildCI, rel, testWriter, topologies } from '../builders.ts';

/**
 * The one contract every GraphStore adapter keeps. `create` returns an empty
 * store; the same expectations run against each adapter (test/contract/*.test.ts).
 */
export function describeGraphStore(name: string, create: () => Promise<GraphStore>): void {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore;
    const open = storesClosedAfterAll(create);
    beforeEach(async () => {
      store = await open();
    });

    describe('CIs', () => {
      it('stores a CI with its attributes and bookkeeping', async () => {
        const result = await store.applyBatch({ upsertCIs: [buildCI('db-1', { attributes: { kind: 'database', custom: { nested: [1, 'x'] } } })] }, testWriter);
        expect(result).toMatchObject({ created: 1, changed: 0, withdrawn: 0, unchanged: 0 });
        const ci = await store.findCI('db-1');
        expect(ci).toMatchObject({ id: 'db-1', type: 'Component', name: 'Name of db-1', attributes: { kind: 'database', custom: { nested: [1, 'x'] } } });
        expect(ci?.meta.source).toBe('test-suite');
        expect(Date.parse(ci!.meta.createdAt)).not.toBeNaN();
      });

      it('returns undefined for an unknown id and keeps the order of findCIs', async () => {
        await store.applyBatch({ upsertCIs: [buildCI('a'), buildCI('b')] }, testWriter);
        expect(await store.findCI('nope')).toBeUndefined();
        expect((await store.findCIs(['b', 'nope', 'a'])).map((ci) => ci.id)).toEqual(['b', 'a']);
      });

      it('counts an identical upsert as unchanged and records no history', async () => {
        await store.applyBatch({ upsertCIs: [buildCI('a', { attributes: { x: 1, y: 2 } })] }, testWriter);
        const again = await store.applyBatch({ upsertCIs: [buildCI('a', { attributes: { y: 2, x: 1 } })] }, testWriter);
        expect(again).toMatchObject({ created: 0, changed: 0, unchanged: 1 });
        expect(await store.listHistory({ ciId: 'a' })).toHaveLength(1);
      });

      it('records old and new values when a CI changes, and keeps createdAt', async () => {
        await store.applyBatch({ upsertCIs: [buildCI('a', { attributes: { tier: 1 } })] }, testWriter);
        const before = await store.findCI('a');
        await store.applyBatch({ upsertCIs: [buildCI('a', { name: 'Renamed', attributes: { tier: 2 } })] }, { actor: 'alice', source: 'api' });
        const after = await store.findCI('a');
        expect(after).toMatchObject({ name: 'Renamed', attributes: { tier: 2 } });
        expect(after?.meta.createdAt).toBe(before?.meta.createdAt);
        const history = await store.listHistory({ ciId: 'a' });
        expect(history.map((h) => h.operation)).toEqual(['created', 'changed']);
        expect(history[1]).toMatchObject({ actor: 'alice', source: 'api', before: { name: 'Name of a', attributes: { tier: 1 } }, after: { name: 'Renamed', attributes: { tier: 2 } } });
      });

      it('changes the type of a CI', async () => {
        await store.applyBatch({ upsertCIs: [buildCI('x', { type: 'Component' })] }, testWriter);
        await store.applyBatch({ upsertCIs: [buildCI('x', { type: 'Service' })] }, testWriter);
        expect((await store.searchCIs({ type: 'Service' })).items.map((ci) => ci.id)).toEqual(['x']);
        expect((await store.searchCIs({ type: 'Component' })).total).toBe(0);
      });

      it('withdraws a CI together with its relationships, recording each', async () => {
        await store.applyBatch(topologies.diamond(), testWriter);
        const result = await store.applyBatch({ deleteCIs: ['cache'] }, testWriter);
        expect(result).toMatchObject({ withdrawn: 3 });
        expect(await store.findCI('cache')).toBeUndefined();
        expect(await store.listRelationshipsOf('web')).toEqual([rel('web', 'DEPENDS_ON', 'api')]);
        const history = await store.listHistory({ ciId: 'cache' });
        expect(history.filter((h) => h.operation === 'withdrawn').map((h) => h.key).sort()).toEqual(['api DEPENDS_ON cache', 'cache', 'web DEPENDS_ON cache']);
      });

      it('ignores the deletion of something that does not exist', async () => {
        expect(await store.applyBatch({ deleteCIs: ['ghost'], deleteRelationships: [rel('a', 'RUNS_ON', 'b')] }, testWriter))
          .toMatchObject({ created: 0, changed: 0, withdrawn: 0 });
      });
    });

    describe('relationships', () => {
      it('stores relationships with strength and attributes, and lists those of a CI', async () => {
        await store.applyBatch(topologies.diamond(), testWriter);
        await store.applyBatch({ upsertRelationships: [rel('web', 'CONNECTS_TO', 'db', { attributes: { port: 5432 } })] }, testWriter);
        expect(await store.findRelationship(rel('api', 'DEPENDS_ON', 'cache'))).toEqual(rel('api', 'DEPENDS_ON', 'cache', { strength: 'soft' }));
        expect(await store.findRelationship(rel('web', 'CONNECTS_TO', 'db'))).toEqual(rel('web', 'CONNECTS_TO', 'db', { attributes: { port: 5432 } }));
        expect(await store.findRelationship(rel('db', 'DEPENDS_ON', 'web'))).toBeUndefined();
        expect(await store.listRelationshipsOf('api')).toEqual([
          rel('api', 'DEPENDS_ON', 'cache', { strength: 'soft' }),
          rel('api', 'DEPENDS_ON', 'db'),
          rel('web', 'DEPENDS_ON', 'api'),
        ]);
        expect(await store.listRelationshipsOf('db', ['CONNECTS_TO'])).toEqual([rel('web', 'CONNECTS_TO', 'db', { attributes: { port: 5432 } })]);
      });

      it('records a strength change as a change', async () => {
        await store.applyBatch(topologies.diamond(), testWriter);
        const result = await store.applyBatch({ upsertRelationships: [rel('api', 'DEPENDS_ON', 'cache')] }, testWriter);
        expect(result).toMatchObject({ changed: 1 });
        expect(await store.findRelationship(rel('api', 'DEPENDS_ON', 'cache'))).toEqual(rel('api', 'DEPENDS_ON', 'cache'));
      });
    });

    describe('batches are all-or-nothing', () => {
      it('rejects a batch whose relationship names a missing CI, writing nothing', async () => {
        const attempt = store.applyBatch({ upsertCIs: [buildCI('a')], upsertRelationships: [rel('a', 'DEPENDS_ON', 'missing')] }, testWriter);
        await expect(attempt).rejects.toBeInstanceOf(InvalidError);
        expect(await store.findCI('a')).toBeUndefined();
        expect(await store.listHistory({})).toEqual([]);
      });

      it('rejects HAS_MEMBER from anything but a RedundancyGroup', async () => {
        await store.applyBatch({ upsertCIs: [buildCI('svc', { type: 'Service' }), buildCI('m')] }, testWriter);
        await expect(store.applyBatch({ upsertRelationships: [rel('svc', 'HAS_MEMBER', 'm')] }, testWriter)).rejects.toBeInstanceOf(InvalidError);
      });

      it('changes a CI\'s type only if every relationship it keeps stays valid (a group with members, a service into a team)', async () => {
        await store.applyBatch(topologies.pool(), testWriter);
        const retype = store.applyBatch({ upsertCIs: [buildCI('pool', { type: 'Component' })] }, testWriter);
        await expect(retype).rejects.toBeInstanceOf(ConflictError);
        await expect(retype).rejects.toThrow(/pool HAS_MEMBER node-1/);
        await expect(store.applyBatch({ upsertCIs: [buildCI('svc', { type: 'Team' })] }, testWriter)).rejects.toThrow(/svc DEPENDS_ON pool/);
        expect((await store.findCI('pool'))?.type).toBe('RedundancyGroup');
        expect((await store.findCI('svc'))?.type).toBe('Service');
        // Valid once the relationship that breaks goes in the same batch; a component may become a service.
        await store.applyBatch({ upsertCIs: [buildCI('svc', { type: 'Team' })], deleteRelationships: [rel('svc', 'DEPENDS_ON', 'pool'), rel('svc', 'OWNED_BY', 'team')] }, testWriter);
        await store.applyBatch({ upsertCIs: [buildCI('k8s', { type: 'Service' })] }, testWriter);
        expect((await store.findCI('svc'))?.type).toBe('Team');
      });

      it('refuses relationships whose ends their type does not allow', async () => {
        await store.applyBatch(topologies.pool(), testWriter);
        for (const r of [rel('node-1', 'HAS_MEMBER', 'node-2'), rel('svc', 'OWNED_BY', 'node-1'), rel('svc', 'DEPENDS_ON', 'team'), rel('team', 'RUNS_ON', 'k8s')]) {
          await expect(store.applyBatch({ upsertRelationships: [r] }, testWriter), `${r.from} ${r.type} ${r.to}`).rejects.toBeInstanceOf(InvalidError);
        }
      });

      it('writes only on the versions the caller expects: of concurrent writers holding one version, exactly one wins', async () => {
        await store.applyBatch(topologies.pool(), testWriter);
        const tag = etagOfCI((await store.findCI('node-1'))!);
        const writes = Array.from({ length: 8 }, (_, i) => store.applyBatch({ upsertCIs: [buildCI('node-1', { attributes: { n: i } })], expect: [{ ci: 'node-1', etag: tag }] }, testWriter));
        const outcomes = await Promise.allSettled(writes);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(PreconditionFailedError);
        await expect(store.applyBatch({ upsertCIs: [buildCI('svc')], expect: [{ ci: 'svc', etag: null, whenPresent: 'already_exists' }] }, testWriter)).rejects.toBeInstanceOf(AlreadyExistsError);
        await expect(store.applyBatch({ deleteCIs: ['svc'], expect: [{ ci: 'svc', etag: null, whenPresent: 'precondition_required' }] }, testWriter)).rejects.toBeInstanceOf(PreconditionRequiredError);
        await expect(store.applyBatch({ deleteCIs: ['nope'], expect: [{ ci: 'nope', etag: '"gone"' }] }, testWriter)).rejects.toBeInstanceOf(PreconditionFailedError);
        const key = rel('svc', 'DEPENDS_ON', 'pool');
        const relTag = etagOfRelationship((await store.findRelationship(key))!);
        await expect(store.applyBatch({ upsertRelationships: [{ ...key, strength: 'soft' }], expect: [{ relationship: key, etag: '"stale"' }] }, testWriter)).rejects.toBeInstanceOf(PreconditionFailedError);
        await store.applyBatch({ upsertRelationships: [{ ...key, strength: 'soft' }], expect: [{ relationship: key, etag: relTag }] }, testWriter);
        expect((await store.findRelationship(key))?.strength).toBe('soft');
        expect((await store.findCI('svc'))?.name).toBe(buildCI('svc').name);
      });

      it('rejects duplicates, contradictions and types outside the allowlist', async () => {
        const bad = [
          { upsertCIs: [buildCI('a'), buildCI('a')] },
          { upsertCIs: [buildCI('a')], deleteCIs: ['a'] },
          { upsertCIs: [buildCI('a', { type: 'Service:Evil' as never })] },
          { upsertCIs: [buildCI('a b')] },
          { upsertCIs: [buildCI('a'), buildCI('b')], upsertRelationships: [rel('a', 'DEPENDS_ON|RUNS_ON' as never, 'b')] },
          { upsertCIs: [buildCI('a'), buildCI('b')], upsertRelationships: [rel('a', 'RUNS_ON', 'b', { strength: 'soft' })] },
          { upsertCIs: [buildCI('a', { attributes: JSON.parse('{"x": {"__proto__": {"polluted": true}}}') })] },
        ];
        for (const batch of bad) await expect(store.applyBatch(batch, testWriter), JSON.stringify(batch)).rejects.toBeInstanceOf(InvalidError);
        expect(await store.countAll()).toEqual({ cis: 0, relationships: 0 });
      });

      it('rejects a relationship to a CI deleted in the same batch', async () => {
        await store.applyBatch({ upsertCIs: [buildCI('a'), buildCI('b')] }, testWriter);
        await expect(store.applyBatch({ deleteCIs: ['b'], upsertRelationships: [rel('a', 'RUNS_ON', 'b')] }, testWriter)).rejects.toBeInstanceOf(InvalidError);
        expect(await store.findCI('b')).toBeDefined();
      });
    });

    describe('search', () => {
      beforeEach(async () => {
        await store.applyBatch({
          upsertCIs: [
            buildCI('svc-checkout', { type: 'Service', name: 'Checkout', attributes: { criticality: 1, public: true } }),
            buildCI('svc-search', { type: 'Service', name: 'Product Search', attributes: { criticality: 2, public: false } }),
            buildCI('db-orders', { name: 'Orders DB', attributes: { kind: 'database', criticality: '1' } }),
          ],
        }, testWriter);
      });

      it('matches id or name case-insensitively', async () => {
        expect((await store.searchCIs({ text: 'CHECK' })).items.map((ci) => ci.id)).toEqual(['svc-checkout']);
        expect((await store.searchCIs({ text: 'search' })).items.map((ci) => ci.id)).toEqual(['svc-search']);
        expect((await store.searchCIs({ text: 'orders' })).items.map((ci) => ci.id)).toEqual(['db-orders']);
      });

      it('finds short and long substrings anywhere in the id or name, reading every character literally', async () => {
        await store.applyBatch({ upsertCIs: [buildCI('lb:eu/api_gw-1', { name: 'Edge "LB" 100% *' })] }, testWriter);
        const ids = async (text: string) => (await store.searchCIs({ text })).items.map((ci) => ci.id);
        expect(await ids('o')).toEqual(['db-orders', 'svc-checkout', 'svc-search']);
        expect(await ids('ut')).toEqual(['svc-checkout']);
        expect(await ids('eckou')).toEqual(['svc-checkout']);
        expect(await ids('product sea')).toEqual(['svc-search']);
        expect(await ids('"lb"')).toEqual(['lb:eu/api_gw-1']);
        expect(await ids('100% *')).toEqual(['lb:eu/api_gw-1']);
        expect(await ids('eu/api_gw')).toEqual(['lb:eu/api_gw-1']);
        expect(await ids('api-gw')).toEqual([]);
        expect(await ids('ckout\nproduct')).toEqual([]);
      });

      it('searches names as they are now: renamed and withdrawn CIs are not found by what they were', async () => {
        await store.applyBatch({ upsertCIs: [buildCI('svc-checkout', { type: 'Service', name: 'Basket', attributes: { criticality: 1, public: true } })] }, testWriter);
        await store.applyBatch({ deleteCIs: ['db-orders'] }, testWriter);
        expect((await store.searchCIs({ text: 'Checkout' })).items.map((ci) => ci.id)).toEqual(['svc-checkout']); // still by its id
        expect((await store.searchCIs({ text: 'heckout' })).items.map((ci) => ci.id)).toEqual(['svc-checkout']);
        expect((await store.searchCIs({ text: 'basket' })).items.map((ci) => ci.id)).toEqual(['svc-checkout']);
        expect((await store.searchCIs({ text: 'Orders DB' })).total).toBe(0);
        expect((await store.searchCIs({ text: 'orders' })).total).toBe(0);
      });

      it('filters by type and by attribute value, respecting the value type', async () => {
        expect((await store.searchCIs({ type: 'Service' })).total).toBe(2);
        expect((await store.searchCIs({ attributes: { criticality: 1 } })).items.map((ci) => ci.id)).toEqual(['svc-checkout']);
        expect((await store.searchCIs({ attributes: { criticality: '1' } })).items.map((ci) => ci.id)).toEqual(['db-orders']);
        expect((await store.searchCIs({ attributes: { public: false } })).items.map((ci) => ci.id)).toEqual(['svc-search']);
        expect((await store.searchCIs({ type: 'Service', text: 'orders' })).total).toBe(0);
      });

      it('counts only up to countUpTo when asked, and says so when it stopped there', async () => {
        expect(await store.searchCIs({ limit: 1, countUpTo: 2 })).toMatchObject({ total: 2, totalCapped: true, items: [{ id: 'db-orders' }] });
        expect(await store.searchCIs({ limit: 1, countUpTo: 3 })).toMatchObject({ total: 3, totalCapped: true });
        const all = await store.searchCIs({ countUpTo: 4 });
        expect(all.total).toBe(3);
        expect(all.totalCapped).toBeUndefined();
        expect(await store.searchCIs({ text: 'svc', countUpTo: 1 })).toMatchObject({ total: 1, totalCapped: true });
      });

      it('pages in id order with a total', async () => {
        const first = await store.searchCIs({ limit: 2 });
        const second = await store.searchCIs({ limit: 2, offset: 2 });
        expect(first).toMatchObject({ total: 3 });
        expect([...first.items, ...second.items].map((ci) => ci.id)).toEqual(['db-orders', 'svc-checkout', 'svc-search']);
      });

      it('finds CIs flagged stale, or those not flagged, combined with other criteria', async () => {
        await store.applyBatch({
          upsertCIs: [
            buildCI('svc-search', { type: 'Service', name: 'Product Search', attributes: { criticality: 2, 'trellis.staleSince': '2026-01-02T03:04:05.000Z' } }),
            buildCI('db-old', { attributes: { 'trellis.staleSince': '2026-01-01T00:00:00.000Z', 'trellis.sources': [] } }),
            // Not a time (reconciliation writes one): not flagged, on every store alike.
            buildCI('db-odd', { attributes: { 'trellis.staleSince': { at: 'unknown' } } }),
            buildCI('db-odd-2', { attributes: { 'trellis.staleSince': 1 } }),
          ],
        }, testWriter);
        const stale = await store.searchCIs({ stale: true });
        expect(stale).toMatchObject({ total: 2 });
        expect(stale.items.map((ci) => ci.id)).toEqual(['db-old', 'svc-search']);
        expect((await store.searchCIs({ stale: false })).items.map((ci) => ci.id)).toEqual(['db-odd', 'db-odd-2', 'db-orders', 'svc-checkout']);
        expect((await store.searchCIs({ stale: true, type: 'Service' })).items.map((ci) => ci.id)).toEqual(['svc-search']);
        expect((await store.searchCIs({ stale: true, limit: 1, offset: 1 })).items.map((ci) => ci.id)).toEqual(['svc-search']);
        expect((await store.searchCIs({ stale: false, attributes: { criticality: 2 } })).total).toBe(0);
      });

      it('rejects an invalid query', async () => {
        await expect(store.searchCIs({ stale: 'yes' as never })).rejects.toBeInstanceOf(InvalidError);
        await expect(store.searchCIs({ limit: 0 })).rejects.toBeInstanceOf(InvalidError);
        await expect(store.searchCIs({ attributes: { 'bad key': 1 } })).rejects.toBeInstanceOf(InvalidError);
      });
    });

    describe('subgraph extraction', () => {
      it('walks upstream and downstream over reliance types only, with depths', async () => {
        await store.applyBatch(topologies.pool(), testWriter);
        const up = await store.extractSubgraph({ roots: ['svc'], direction: 'upstream' });
        expect(up.cis.map((ci) => [ci.id, ci.depth])).toEqual([['svc', 0], ['pool', 1], ['k8s', 2], ['node-1', 2], ['node-2', 2], ['node-3', 2]]);
        expect(up.relationships).toHaveLength(5);
        expect(up.truncated).toBe(false);
        const down = await store.extractSubgraph({ roots: ['node-2'], direction: 'downstream' });
        expect(down.cis.map((ci) => ci.id)).toEqual(['node-2', 'pool', 'svc']);
        expect(down.relationships).toEqual([rel('pool', 'HAS_MEMBER', 'node-2'), rel('svc', 'DEPENDS_ON', 'pool')]);
      });

      it('follows the chosen relationship types and honours maxDepth', async () => {
        await store.applyBatch(topologies.pool(), testWriter);
        const owned = await store.extractSubgraph({ roots: ['svc'], direction: 'upstream', relationshipTypes: ['OWNED_BY'] });
        expect(owned.cis.map((ci) => ci.id)).toEqual(['svc', 'team']);
        await store.applyBatch(topologies.chain(10), testWriter);
        const near = await store.extractSubgraph({ roots: ['c0'], direction: 'upstream', maxDepth: 3 });
        expect(near.cis.map((ci) => ci.id)).toEqual(['c0', 'c1', 'c2', 'c3']);
        expect(near.relationships.map((r) => r.to)).toEqual(['c1', 'c2', 'c3']);
      });

      it('returns the relationships among reached CIs, including those closing cycles', async () => {
        await store.applyBatch(topologies.chain(3), testWriter);
        await store.applyBatch({ upsertRelationships: [rel('c2', 'DEPENDS_ON', 'c0')] }, testWriter);
        const cycle = await store.extractSubgraph({ roots: ['c0'], direction: 'upstream' });
        expect(cycle.cis.map((ci) => [ci.id, ci.depth])).toEqual([['c0', 0], ['c1', 1], ['c2', 2]]);
        expect(cycle.relationships).toHaveLength(3);
      });

      it('fails at the size limit unless asked to truncate, deterministically', async () => {
        await store.applyBatch(topologies.pool(), testWriter);
        const request = { roots: ['svc'], direction: 'upstream' as const, maxCIs: 4 };
        await expect(store.extractSubgraph(request)).rejects.toBeInstanceOf(LimitExceededError);
        const cut = await store.extractSubgraph({ ...request, onLimit: 'truncate' });
        expect(cut.truncated).toBe(true);
        expect(cut.cis.map((ci) => ci.id)).toEqual(['svc', 'pool', 'k8s', 'node-1']);
      });

      it('names unknown roots and rejects bad bounds', async () => {
        await store.applyBatch(topologies.chain(2), testWriter);
        await expect(store.extractSubgraph({ roots: ['c0', 'nope'], direction: 'upstream' })).rejects.toMatchObject({ ids: ['nope'] });
        await expect(store.extractSubgraph({ roots: ['nope'], direction: 'upstream' })).rejects.toBeInstanceOf(NotFoundError);
        await expect(store.extractSubgraph({ roots: ['c0'], direction: 'upstream', maxDepth: -1 })).rejects.toBeInstanceOf(InvalidError);
        await expect(store.extractSubgraph({ roots: ['c0'], direction: 'upstream', relationshipTypes: ['NOPE' as never] })).rejects.toBeInstanceOf(InvalidError);
      });
    });

    describe('reliance graph for analysis', () => {
      /** The extracted graph keyed by ids, so stores that number nodes differently compare equal. */
      const byIds = (graph: Awaited<ReturnType<GraphStore['extractRelianceGraph']>>) => ({
        nodes: graph.ids.map((id, i) => ({
          id, name: graph.names[i], type: graph.types[i], minHealthy: graph.minHealthy[i], criticality: graph.criticality[i],
          members: graph.memberCounts[i], depth: graph.extractionDepth[i],
        })).sort((a, b) => (a.id < b.id ? -1 : 1)),
        edges: [...graph.edgeFrom].map((f, e) => `${graph.ids[f]} ${graph.edgeKinds[e]} ${graph.ids[graph.edgeTo[e]!]}`).sort(),
        links: [...graph.linkFrom].map((f, l) => `${graph.ids[f]} ${graph.linkTypes[l]} ${graph.linkTo[l]}`).sort(),
        truncated: graph.truncated,
      });

      it('extracts downstream with kinds, group sizes and criticality, counting members outside the extraction', async () => {
        await store.applyBatch(topologies.pool(), testWriter);
        const graph = byIds(await store.extractRelianceGraph({ roots: ['node-1'], direction: 'downstream' }));
        expect(graph.nodes.map((n) => [n.id, n.depth, n.members])).toEqual([['node-1', 0, 0], ['pool', 1, 3], ['svc', 2, 0]]);
        expect(graph.nodes.find((n) => n.id === 'pool')).toMatchObject({ minHealthy: 2 });
        expect(graph.nodes.find((n) => n.id === 'svc')).toMatchObject({ criticality: 1, name: 'Name of svc' });
        expect(graph.edges).toEqual(['pool 2 node-1', 'svc 0 pool']);
        expect(graph.links).toEqual(['svc 0 team']);
      });

      it('extracts upstream with soft edges marked, and truncates or fails at the limit', async () => {
        await store.applyBatch(topologies.diamond(), testWriter);
        const graph = byIds(await store.extractRelianceGraph({ roots: ['web'], direction: 'upstream' }));
        expect(graph.edges).toEqual(['api 0 db', 'api 1 cache', 'web 0 api', 'web 0 cache']);
        await expect(store.extractRelianceGraph({ roots: ['web'], direction: 'upstream', maxCIs: 2 })).rejects.toBeInstanceOf(LimitExceededError);
        const cut = byIds(await store.extractRelianceGraph({ roots: ['web'], direction: 'upstream', maxCIs: 2, onLimit: 'truncate' }));
        expect(cut.nodes.map((n) => n.id)).toEqual(['api', 'web']);
        expect(cut.truncated).toBe(true);
        await expect(store.extractRelianceGraph({ roots: ['ghost'], direction: 'upstream' })).rejects.toBeInstanceOf(NotFoundError);
        // Stopping at the depth bound with more beyond is a partial answer, and says so.
        expect((await store.extractRelianceGraph({ roots: ['web'], direction: 'upstream', maxDepth: 1 })).truncated).toBe(true);
        expect((await store.extractRelianceGraph({ roots: ['web'], direction: 'upstream', maxDepth: 3 })).truncated).toBe(false);
      });

      it('lists relationships from many CIs and finds recent attribute changes (not creations)', async () => {
        const started = new Date().toISOString();
        await store.applyBatch(topologies.pool(), testWriter);
        expect(await store.listRelationshipKeysFrom(['svc', 'pool', 'svc'], ['OWNED_BY', 'RUNS_ON'])).toEqual([rel('pool', 'RUNS_ON', 'k8s'), rel('svc', 'OWNED_BY', 'team')]);
        expect((await store.findChangedSince(['svc', 'k8s'], started)).size).toBe(0);
        await store.applyBatch({ upsertCIs: [buildCI('k8s', { attributes: { kind: 'cluster', version: '1.31' } }), buildCI('svc', { type: 'Service', attributes: { criticality: 2 } })] }, testWriter);
        const changed = await store.findChangedSince(['svc', 'k8s', 'nope', 'node-1'], started);
        expect([...changed.keys()].sort()).toEqual(['k8s', 'svc']);
        expect((await store.findChangedSince(['svc'], '2999-01-01T00:00:00.000Z')).size).toBe(0);
      });
    });

    describe('history and scans', () => {
      it('rebuilds the graph as of any past write from history alone', async () => {
        const snapshots: string[] = [];
        const steps = [
          topologies.diamond(),
          { upsertCIs: [buildCI('db', { attributes: { kind: 'database', version: 16 } })] },
          { deleteCIs: ['cache'] },
          { upsertRelationships: [rel('web', 'DEPENDS_ON', 'db', { strength: 'soft' })], deleteRelationships: [rel('api', 'DEPENDS_ON', 'db')] },
        ];
        const seqs: number[] = [];
        for (const step of steps) {
          seqs.push((await store.applyBatch(step, testWriter)).lastSeq!);
          snapshots.push(await exportEstateText(store));
        }
        const history = await store.listHistory({});
        expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
        // NOTE: a new store may share its database with the old one (Neo4j): create() empties it.
        for (const [i, seq] of seqs.entries()) {
          const replayed = replayHistory(history, seq);
          const fresh = await open();
          await fresh.applyBatch({ upsertCIs: [...replayed.cis.values()], upsertRelationships: [...replayed.relationships.values()] }, testWriter);
          expect(await exportEstateText(fresh)).toBe(snapshots[i]);
        }
      });

      it('gives each entry the value its write left, read whole, page by page or for one CI', async () => {
        const steps: Batch[] = [
          { upsertCIs: [buildCI('a', { attributes: { v: 1 } }), buildCI('b')], upsertRelationships: [rel('a', 'DEPENDS_ON', 'b')] },
          { upsertCIs: [buildCI('a', { attributes: { v: 2 } })], upsertRelationships: [rel('a', 'DEPENDS_ON', 'b', { strength: 'soft' })] },
          { deleteCIs: ['a'] },
          { upsertCIs: [buildCI('a', { attributes: { v: 3 } })] },
          { upsertCIs: [buildCI('a', { attributes: { v: 4 } }), buildCI('b', { name: 'B' })], upsertRelationships: [rel('a', 'DEPENDS_ON', 'b')] },
        ];
        // Values read back after each step: what the entries of that step must show as `after`.
        const valueAfter = new Map<number, unknown>();
        const relationshipKey = { from: 'a', type: 'DEPENDS_ON', to: 'b' } as const;
        for (const step of steps) {
          const { firstSeq, lastSeq } = await store.applyBatch(step, testWriter);
          const a = await store.findCI('a');
          const b = await store.findCI('b');
          const values: Record<string, unknown> = {
            a: a && { id: a.id, type: a.type, name: a.name, attributes: a.attributes },
            b: b && { id: b.id, type: b.type, name: b.name, attributes: b.attributes },
            'a DEPENDS_ON b': await store.findRelationship(relationshipKey),
          };
          const entries = await store.listHistory({ afterSeq: firstSeq! - 1, limit: lastSeq! - firstSeq! + 1 });
          for (const entry of entries) valueAfter.set(entry.seq, entry.operation === 'withdrawn' ? undefined : values[entry.key]);
        }
        const whole = await store.listHistory({});
        expect(whole).toHaveLength(valueAfter.size);
        const byOne: typeof whole = [];
        for (let page = await store.listHistory({ limit: 1 }); page.length; page = await store.listHistory({ afterSeq: page[0]!.seq, limit: 1 })) byOne.push(...page);
        const ofA: typeof whole = [];
        for (let page = await store.listHistory({ ciId: 'a', limit: 2 }); page.length; page = await store.listHistory({ ciId: 'a', afterSeq: page.at(-1)!.seq, limit: 2 })) ofA.push(...page);
        expect(byOne).toEqual(whole);
        // The newest entries first, each with the same value after it as read in write order.
        expect(await store.listHistory({ ciId: 'a', limit: 3, newestFirst: true })).toEqual(ofA.slice(-3).reverse());
        expect(await store.listHistory({ limit: 2, newestFirst: true })).toEqual(whole.slice(-2).reverse());
        expect(await store.listHistory({ ciId: 'a', newestFirst: true, afterSeq: ofA.at(-3)!.seq })).toEqual(ofA.slice(-2).reverse());
        expect(ofA.map((e) => e.key)).toEqual(['a', 'a DEPENDS_ON b', 'a', 'a DEPENDS_ON b', 'a DEPENDS_ON b', 'a', 'a', 'a', 'a DEPENDS_ON b']);
        for (const entry of [...whole, ...ofA]) {
          expect(entry.after, `after of #${entry.seq} (${entry.operation} ${entry.key})`).toEqual(valueAfter.get(entry.seq));
        }
        expect(whole.find((e) => e.key === 'a' && e.operation === 'changed')?.after).toMatchObject({ attributes: { v: 2 } });
      });

      it('reports the rows a batch writes as it goes, then the commit', async () => {
        const events: WriteProgress[] = [];
        const cis = Array.from({ length: 3000 }, (_, i) => buildCI(`ci-${i}`));
        await store.applyBatch({ upsertCIs: cis }, testWriter, { onProgress: (p) => events.push(p) });
        // 3000 CIs and their 3000 history entries.
        expect(events.every((e) => e.total === 6000)).toBe(true);
        expect(events.at(-1)).toEqual({ phase: 'committing', done: 6000, total: 6000 });
        const writing = events.slice(0, -1);
        expect(writing.length).toBeGreaterThan(0);
        expect(writing.every((e) => e.phase === 'writing')).toBe(true);
        expect(writing.map((e) => e.done)).toEqual([...writing.map((e) => e.done)].sort((a, b) => a - b));
        expect(writing.at(-1)?.done).toBe(6000);
      });

      it('scans everything in key order, page by page', async () => {
        await store.applyBatch(topologies.chain(25), testWriter);
        const ids: string[] = [];
        for (let page = await store.scanCIs(undefined, 7); page.length; page = await store.scanCIs(page.at(-1)!.id, 7)) ids.push(...page.map((ci) => ci.id));
        expect(ids).toEqual([...ids].sort());
        expect(ids).toHaveLength(25);
        const keys: string[] = [];
        for (let page = await store.scanRelationships(undefined, 5); page.length; page = await store.scanRelationships(page.at(-1), 5)) {
          keys.push(...page.map((r) => `${r.from} ${r.to}`));
        }
        expect(keys).toHaveLength(24);
        expect(new Set(keys).size).toBe(24);
        expect(await store.countAll()).toEqual({ cis: 25, relationships: 24 });
      });

      it('exports, imports into an empty store and exports identical text', async () => {
        await store.applyBatch(topologies.pool(), testWriter);
        await store.applyBatch(topologies.diamond(), testWriter);
        const first = await exportEstateText(store);
        const empty = await open();
        await importEstate(empty, { text: first, file: 'export.yaml', actor: 'test' });
        expect(await exportEstateText(empty)).toBe(first);
        const json = await exportEstateText(store, 'json');
        expect(JSON.parse(json).cis).toHaveLength(11);
      });
    });
  });
}
