import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { limits } from '../../schema/limits.ts';
import { relianceTypes } from '../../schema/relationships.ts';
import { loadConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/main.ts';
import { demoEstateText } from '../support/demoEstate.ts';

/** The demo estate as written, to check answers against. */
interface DemoEstate {
  cis: ({ id: string; type: string; name: string } & Record<string, unknown>)[];
  relationships: { from: string; type: string; to: string; strength?: 'soft' }[];
}

describe('explorer API on the demo estate (embedded store)', () => {
  const demo = parse(demoEstateText()) as DemoEstate;
  const ciOf = (id: string) => demo.cis.find((ci) => ci.id === id)!;
  const reliance = demo.relationships.filter((r) => (relianceTypes as readonly string[]).includes(r.type));
  let server: RunningServer;
  // Writes here overwrite whatever version is there (If-Match: *): versions are tested in api.test.ts.
  const call = async (method: string, path: string, body?: unknown) => {
    const headers = { 'if-match': '*', ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await fetch(`${server.url}${path}`, body === undefined ? { method, headers } : { method, body: JSON.stringify(body), headers });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
  };
  const get = (path: string) => call('GET', path);

  beforeAll(async () => {
    const config = loadConfig({ TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-explorer-api-')), HOST: '127.0.0.1' });
    server = await startServer({ ...config, loadDemo: true, http: { ...config.http, port: 0 } }, pino({ level: 'silent' }));
  });
  afterAll(async () => server.stop());

  describe('GET /maps/neighbourhood', () => {
    it('gives what svc-checkout relies on, one hop up, with the reliance among them and their facets', async () => {
      const res = await get('/api/v1/maps/neighbourhood?ci=svc-checkout&depth=1&direction=upstream');
      expect(res.status).toBe(200);
      const expected = ['svc-checkout', ...new Set(reliance.filter((r) => r.from === 'svc-checkout').map((r) => r.to))];
      expect(expected.length).toBeGreaterThan(10);
      const nodes = res.body.nodes as { id: string; depth: number; type: string; name: string; facets: object }[];
      expect(nodes.map((n) => n.id).sort()).toEqual([...expected].sort());
      expect(nodes[0]).toMatchObject({ id: 'svc-checkout', depth: 0, type: 'Service', name: 'Checkout', facets: { kind: 'business', criticality: 1 } });
      expect(nodes.filter((n) => n.depth !== 1).map((n) => n.id)).toEqual(['svc-checkout']);
      // Only the facets the CI has: app-checkout-api's namespace is a tag, not an attribute.
      expect(nodes.find((n) => n.id === 'app-checkout-api')!.facets).toEqual({ kind: 'application', environment: 'production', provider: 'aws' });
      const among = reliance.filter((r) => expected.includes(r.from) && expected.includes(r.to));
      expect(res.body.edges).toHaveLength(among.length);
      expect(res.body.edges).toContainEqual({ from: 'svc-checkout', type: 'DEPENDS_ON', to: 'svc-promotions', strength: 'soft' });
      expect(res.body.edges).toContainEqual({ from: 'svc-checkout', type: 'DEPENDS_ON', to: 'svc-payments' });
      expect(res.body).toMatchObject({ roots: ['svc-checkout'], truncated: false });
    });

    it('gives what relies on svc-checkout one hop down, and both ways at once', async () => {
      const relying = [...new Set(reliance.filter((r) => r.to === 'svc-checkout').map((r) => r.from))];
      expect(relying).toContain('svc-bnpl');
      const down = await get('/api/v1/maps/neighbourhood?ci=svc-checkout&depth=1&direction=downstream');
      expect(down.body.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['svc-checkout', ...relying].sort());
      expect(down.body.edges).toEqual(reliance.filter((r) => r.to === 'svc-checkout').map(({ from, type, to }) => ({ from, type, to })));
      const both = await get('/api/v1/maps/neighbourhood?ci=svc-checkout&depth=1');
      const up = await get('/api/v1/maps/neighbourhood?ci=svc-checkout&depth=1&direction=upstream');
      expect(both.body.nodes).toHaveLength(up.body.nodes.length + relying.length);
      expect(both.body.edges).toHaveLength(up.body.edges.length + down.body.edges.length);
    });

    it('brings the members of a redundancy group it reaches, one hop past the depth, so the group can be read and rolled up', async () => {
      // svc-postgres-platform ─DEPENDS_ON─► grp-pg-main ─HAS_MEMBER─► db-pg-main-01-a, -02-b, -03-c
      const res = await get('/api/v1/maps/neighbourhood?ci=svc-postgres-platform&depth=1&direction=upstream');
      const nodes = res.body.nodes as { id: string; depth: number }[];
      expect(nodes.find((n) => n.id === 'grp-pg-main')).toMatchObject({ depth: 1 });
      const members = reliance.filter((r) => r.from === 'grp-pg-main' && r.type === 'HAS_MEMBER').map((r) => r.to);
      expect(members).toHaveLength(3);
      for (const member of members) expect(nodes.find((n) => n.id === member)).toMatchObject({ depth: 2 });
      for (const member of members) expect(res.body.edges).toContainEqual({ from: 'grp-pg-main', type: 'HAS_MEMBER', to: member });
    });

    it('takes several roots, and cuts at maxCIs keeping the nearest', async () => {
      const two = await get('/api/v1/maps/neighbourhood?ci=svc-checkout&ci=svc-payments&ci=svc-checkout&depth=0');
      expect(two.body).toMatchObject({ roots: ['svc-checkout', 'svc-payments'], truncated: false });
      expect(two.body.nodes.map((n: { id: string }) => n.id)).toEqual(['svc-checkout', 'svc-payments']);
      expect(two.body.edges).toEqual([{ from: 'svc-checkout', type: 'DEPENDS_ON', to: 'svc-payments' }]);
      const cut = await get('/api/v1/maps/neighbourhood?ci=svc-checkout&depth=3&maxCIs=4');
      expect(cut.body.truncated).toBe(true);
      expect(cut.body.nodes).toHaveLength(4);
      expect(cut.body.nodes[0]).toMatchObject({ id: 'svc-checkout', depth: 0 });
      expect(cut.body.nodes.every((n: { depth: number }) => n.depth <= 1)).toBe(true);
    });

    it('answers an unknown CI with 404 naming it, and bad parameters with 400 naming each', async () => {
      const unknown = await get('/api/v1/maps/neighbourhood?ci=svc-checkout&ci=no-such-ci');
      expect(unknown.type).toContain('application/problem+json');
      expect(unknown).toMatchObject({ status: 404, body: { code: 'not_found', ids: ['no-such-ci'] } });
      expect(unknown.body.detail).toContain('no-such-ci');
      const deep = await get('/api/v1/maps/neighbourhood?ci=svc-checkout&depth=99');
      expect(deep.type).toContain('application/problem+json');
      expect(deep).toMatchObject({ status: 400, body: { code: 'invalid', problems: [{ field: 'depth' }] } });
      expect(await get('/api/v1/maps/neighbourhood?depth=1')).toMatchObject({ status: 400, body: { problems: [{ field: 'ci' }] } });
      expect(await get('/api/v1/maps/neighbourhood?ci=a%20b')).toMatchObject({ status: 400, body: { problems: [{ field: 'ci' }] } });
      expect(await get('/api/v1/maps/neighbourhood?ci=svc-checkout&direction=sideways')).toMatchObject({ status: 400, body: { problems: [{ field: 'direction' }] } });
      expect(await get(`/api/v1/maps/neighbourhood?ci=svc-checkout&maxCIs=${limits.mapCIsMax + 1}`)).toMatchObject({ status: 400, body: { problems: [{ field: 'maxCIs' }] } });
      expect(await get('/api/v1/maps/neighbourhood?ci=svc-checkout&colour=red')).toMatchObject({ status: 400, body: { code: 'invalid' } });
    });
  });

  describe('GET /maps/services', () => {
    const services = demo.cis.filter((ci) => ci.type === 'Service');
    const isService = new Set(services.map((ci) => ci.id));

    it('has every service, with its owner, and relates svc-checkout to platform services through the CIs between', async () => {
      const res = await get('/api/v1/maps/services');
      expect(res.status).toBe(200);
      expect(services).toHaveLength(54);
      expect(res.body.services).toHaveLength(54);
      const ownerOf = demo.relationships.find((r) => r.from === 'svc-checkout' && r.type === 'OWNED_BY')!.to;
      expect(res.body.services.find((s: { id: string }) => s.id === 'svc-checkout'))
        .toEqual({ id: 'svc-checkout', name: 'Checkout', criticality: 1, kind: 'business', owner: { id: ownerOf, name: ciOf(ownerOf).name }, stale: false });
      const edges = res.body.edges as { from: string; to: string; via: string[]; strength?: 'soft' }[];
      const cache = edges.find((e) => e.from === 'svc-checkout' && e.to === 'svc-cache-platform')!;
      expect(cache.via.length).toBeGreaterThan(0);
      expect(reliance.some((r) => r.from === 'svc-checkout' && r.to === 'svc-cache-platform')).toBe(false);
      // Every chain from svc-checkout is made of relationships in the demo file, through non-services only.
      for (const edge of edges.filter((e) => e.from === 'svc-checkout')) {
        const chain = [edge.from, ...edge.via, edge.to];
        chain.slice(1).forEach((id, i) => expect(reliance.some((r) => r.from === chain[i] && r.to === id), `${chain[i]} -> ${id}`).toBe(true));
        expect(edge.via.filter((id) => isService.has(id))).toEqual([]);
      }
      expect(edges).toContainEqual({ from: 'svc-checkout', to: 'svc-promotions', via: [], strength: 'soft' });
      expect(edges.filter((e) => e.from === e.to)).toEqual([]);
    });

    it('is kept until the next write, then derived again', async () => {
      const first = await get('/api/v1/maps/services');
      const extractions = vi.spyOn(server.store, 'extractRelianceGraph');
      expect(await get('/api/v1/maps/services')).toEqual(first);
      expect(extractions).not.toHaveBeenCalled();
      expect((await call('POST', '/api/v1/cis', { id: 'svc-zz-new', type: 'Service', name: 'New' })).status).toBe(201);
      const after = await get('/api/v1/maps/services');
      expect(after.body.version).toBeGreaterThan(first.body.version);
      expect(after.body.services).toHaveLength(55);
      expect(extractions).toHaveBeenCalledTimes(1);
      extractions.mockRestore();
      expect((await call('DELETE', '/api/v1/cis/svc-zz-new')).status).toBe(204);
      expect((await get('/api/v1/maps/services')).body.services).toHaveLength(54);
    });
  });

  describe('GET /cis/{id}/page', () => {
    it('names the owning team with its on-call, the support team, the related CIs and the latest history', async () => {
      const res = await get('/api/v1/cis/svc-checkout/page');
      expect(res.status).toBe(200);
      expect(res.body.ci).toMatchObject({ id: 'svc-checkout', name: 'Checkout' });
      const owner = ciOf(demo.relationships.find((r) => r.from === 'svc-checkout' && r.type === 'OWNED_BY')!.to);
      expect(res.body.teams[0]).toMatchObject({ relationship: 'OWNED_BY', team: { id: owner.id, attributes: { onCall: owner.onCall as object } } });
      const teamsOf = (type: string) => demo.relationships.filter((r) => r.from === 'svc-checkout' && r.type === type).map((r) => `${type} ${r.to}`);
      expect(res.body.teams.map((t: { relationship: string; team: { id: string } }) => `${t.relationship} ${t.team.id}`))
        .toEqual([...teamsOf('OWNED_BY'), ...teamsOf('SUPPORTED_BY')]);
      const touching = demo.relationships.filter((r) => r.from === 'svc-checkout' || r.to === 'svc-checkout');
      expect(res.body.outgoing.length + res.body.incoming.length).toBe(touching.length);
      const others = new Set(touching.map((r) => (r.from === 'svc-checkout' ? r.to : r.from)));
      expect(res.body.related.map((r: { id: string }) => r.id).sort()).toEqual([...others].sort());
      expect(res.body.related).toContainEqual({ id: 'svc-bnpl', type: 'Service', name: ciOf('svc-bnpl').name, stale: false });
      const seqs = res.body.history.map((h: { seq: number }) => h.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      expect(res.body.history).toHaveLength(touching.length + 1);
      expect(res.body.history.at(-1)).toMatchObject({ key: 'svc-checkout', operation: 'created' });
      expect(res.body).toMatchObject({ contracts: [], sources: [] });
    });

    it('lists a CI\'s contracts with their suppliers, and only Teams as teams', async () => {
      const covered = demo.relationships.find((r) => r.type === 'COVERED_BY')!;
      const supplier = ciOf(demo.relationships.find((r) => r.from === covered.to && r.type === 'AGREED_WITH')!.to);
      const page = (await get(`/api/v1/cis/${covered.from}/page`)).body;
      expect(page.contracts).toContainEqual({ contract: expect.objectContaining({ id: covered.to, type: 'Contract' }), supplier: { id: supplier.id, name: supplier.name } });
      // ext-paystream-api is SUPPORTED_BY a Supplier, not a Team.
      expect(demo.relationships).toContainEqual(expect.objectContaining({ from: 'ext-paystream-api', type: 'SUPPORTED_BY', to: 'sup-paystream' }));
      const paystream = (await get('/api/v1/cis/ext-paystream-api/page')).body;
      expect(paystream.teams.every((t: { team: { type: string } }) => t.team.type === 'Team')).toBe(true);
      expect(paystream.related).toContainEqual({ id: 'sup-paystream', type: 'Supplier', name: ciOf('sup-paystream').name, stale: false });
    });

    it('carries the newest history entries first, at most ciPageHistoryMax', async () => {
      const id = 'k8s:prod/shop/Deployment/web';
      const path = `/api/v1/cis/${encodeURIComponent(id)}`;
      for (let v = 1; v <= limits.ciPageHistoryMax + 5; v += 1) await call('PUT', path, { type: 'Component', name: 'web', v });
      const page = await get(`${path}/page`);
      expect(page.status).toBe(200);
      expect(page.body.ci.id).toBe(id);
      expect(page.body.history).toHaveLength(limits.ciPageHistoryMax);
      expect(page.body.history[0]).toMatchObject({ operation: 'changed', after: { attributes: { v: limits.ciPageHistoryMax + 5 } } });
      expect(page.body.history.at(-1)).toMatchObject({ operation: 'changed', after: { attributes: { v: 6 } } });
    });

    it('answers an unknown CI with 404 problem+json naming it', async () => {
      const res = await get(`/api/v1/cis/${encodeURIComponent('arn:aws:s3:::no/such/bucket')}/page`);
      expect(res.type).toContain('application/problem+json');
      expect(res).toMatchObject({ status: 404, body: { code: 'not_found', ids: ['arn:aws:s3:::no/such/bucket'] } });
    });
  });

  describe('GET /overview', () => {
    it('counts the estate, lists the tier-1 services, no stale CIs and no import runs yet', async () => {
      const res = await get('/api/v1/overview');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ cis: demo.cis.length + 1, relationships: demo.relationships.length, store: 'embedded', stale: { total: 0, items: [] }, lastImports: [] });
      // The one CI the CI page test added is a Component.
      expect(res.body.byType).toMatchObject({ Service: 54, Component: demo.cis.filter((ci) => ci.type === 'Component').length + 1, Team: demo.cis.filter((ci) => ci.type === 'Team').length });
      const tier1 = demo.cis.filter((ci) => ci.type === 'Service' && ci.criticality === 1).map((ci) => ci.id).sort();
      expect(tier1.length).toBeGreaterThan(limits.overviewListMax);
      expect(res.body.tier1Services.map((s: { id: string }) => s.id)).toEqual(tier1.slice(0, limits.overviewListMax));
    });
  });

  describe('after writes', () => {
    it('keeps facets only of the right type', async () => {
      const odd = { id: 'svc-odd', type: 'Service', name: 'Odd', namespace: 7, provider: ['aws'], 'backstage.kind': 'Component', minHealthy: 'two', 'trellis.sources': ['a', 1] };
      expect((await call('POST', '/api/v1/cis', odd)).status).toBe(201);
      const nodes = (await get('/api/v1/maps/neighbourhood?ci=svc-odd&depth=0')).body.nodes;
      expect(nodes).toEqual([{ id: 'svc-odd', type: 'Service', name: 'Odd', depth: 0, facets: { backstageKind: 'Component' } }]);
    });

    it('gives each CI its fewest hops from the roots either way', async () => {
      // cyc-a -> cyc-b -> cyc-c -> cyc-a: from cyc-a, cyc-b is 1 hop up and 2 down, cyc-c 2 up and 1 down.
      const cis = ['cyc-a', 'cyc-b', 'cyc-c'].map((id) => ({ id, type: 'Component', name: id }));
      const relationships = [['cyc-a', 'cyc-b'], ['cyc-b', 'cyc-c'], ['cyc-c', 'cyc-a']].map(([from, to]) => ({ from, type: 'DEPENDS_ON', to }));
      expect((await call('POST', '/api/v1/estate', { version: 1, cis, relationships })).status).toBe(200);
      const both = (await get('/api/v1/maps/neighbourhood?ci=cyc-a&depth=2')).body;
      expect(both.nodes.map((n: { id: string; depth: number }) => [n.id, n.depth])).toEqual([['cyc-a', 0], ['cyc-b', 1], ['cyc-c', 1]]);
      expect(both.edges).toHaveLength(3);
    });


    const queue = (name: string) => ({
      mode: 'managed', type: 'aws_sqs_queue', name, instances: [{ attributes: { arn: `arn:aws:sqs:eu-west-1:111122223333:${name}`, id: `https://sqs/${name}` } }],
    });
    const state = (...names: string[]) => ({ version: 4, lineage: 'explorer-test', resources: names.map(queue) });
    const arn = (name: string) => `arn:aws:sqs:eu-west-1:111122223333:${name}`;

    it('dates each source of a CI by the run that last covered it, and lists stale CIs', async () => {
      expect((await call('POST', '/api/v1/imports?name=queues.tfstate', state('orders', 'refunds'))).status).toBe(200);
      const second = await call('POST', '/api/v1/imports?name=queues.tfstate', state('orders'));
      expect(second.body.run).toMatchObject({ status: 'applied', scopes: ['terraform:explorer-test'] });
      const page = (await get(`/api/v1/cis/${encodeURIComponent(arn('orders'))}/page`)).body;
      expect(page.sources).toEqual([{
        scope: 'terraform:explorer-test', name: 'aws_sqs_queue.orders', attributes: expect.objectContaining({ resourceType: 'aws_sqs_queue' }), confirmedAt: second.body.run.startedAt,
      }]);
      const overview = (await get('/api/v1/overview')).body;
      expect(overview.stale).toEqual({ total: 1, items: [{ id: arn('refunds'), type: 'Component', name: 'aws_sqs_queue.refunds', stale: true }] });
      expect(overview.lastImports.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
      expect(overview.lastImports[0].id).toBe(second.body.run.id);
      expect((await get('/api/v1/cis?stale=true')).body).toMatchObject({ total: 1, items: [{ id: arn('refunds') }] });
      expect((await get('/api/v1/cis?stale=false&type=Service')).body.total).toBe(55);
      expect(await get('/api/v1/cis?stale=maybe')).toMatchObject({ status: 400, body: { problems: [{ field: 'stale' }] } });
      const facets = (await get(`/api/v1/maps/neighbourhood?ci=${encodeURIComponent(arn('refunds'))}&ci=${encodeURIComponent(arn('orders'))}&depth=0`)).body.nodes;
      expect(facets.find((n: { id: string }) => n.id === arn('orders')).facets).toMatchObject({ sources: ['terraform:explorer-test'] });
      expect(facets.find((n: { id: string }) => n.id === arn('orders')).facets.staleSince).toBeUndefined();
      expect(facets.find((n: { id: string }) => n.id === arn('refunds')).facets.staleSince).toEqual(expect.any(String));
    });
  });
});
