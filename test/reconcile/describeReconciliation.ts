import { beforeEach, describe, expect, it } from 'vitest';
import { storesClosedAfterAll } from '../support/storesClosedAfterAll.ts';
import type { Snapshot, SnapshotItem } from '../../schema/imports.ts';
import { ConflictError } from '../../server/errors.ts';
import { runImport } from '../../server/imports/runImport.ts';
import { retireStale } from '../../server/imports/retireStale.ts';
import type { GraphStore } from '../../server/store/GraphStore.ts';

/** Snapshot builders: a Terraform state and an AWS reading that share a load balancer. */
const lbArn = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/abc';
const vpcArn = 'arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-1';

function item(scope: string, keys: string[], attributes: SnapshotItem['attributes'], name = keys[0]!): SnapshotItem {
  return { scope, keys, type: 'Component', name, attributes };
}

function terraform(overrides: Partial<Snapshot> = {}): Snapshot {
  const scope = 'terraform:lineage-1';
  return {
    source: 'terraform',
    scopes: [scope],
    gaps: [],
    items: [
      item(scope, [lbArn, 'tf:lineage-1:aws_lb.web'], { kind: 'load_balancer', owner: 'team-web', scheme: 'internal' }, 'aws_lb.web'),
      item(scope, [vpcArn, 'tf:lineage-1:aws_vpc.main'], { kind: 'network' }, 'aws_vpc.main'),
    ],
    relationships: [{ scope, from: 'tf:lineage-1:aws_lb.web', type: 'DEPENDS_ON', to: 'tf:lineage-1:aws_vpc.main' }],
    warnings: [],
    ...overrides,
  };
}

function aws(overrides: Partial<Snapshot> = {}): Snapshot {
  const scope = 'aws:111122223333/eu-west-1/elbv2';
  return {
    source: 'aws',
    scopes: [scope],
    gaps: [],
    items: [item(scope, [lbArn], { kind: 'load_balancer', owner: 'someone-else', scheme: 'internet-facing', state: 'active' }, 'web')],
    relationships: [],
    warnings: [],
    ...overrides,
  };
}

const who = { actor: 'tester', input: 'test' };

/** Reconciliation against a real store; `create` returns an empty one. */
export function describeReconciliation(name: string, create: () => Promise<GraphStore>): void {
  describe(`reconciliation: ${name}`, () => {
    let store: GraphStore;
    const open = storesClosedAfterAll(create);
    beforeEach(async () => {
      store = await open();
    });

    it('creates CIs with provenance and resolves relationships through any identity key', async () => {
      const { run, diff } = await runImport(store, { snapshot: terraform(), ...who });
      expect(run).toMatchObject({ status: 'applied', counts: { created: 3, updated: 0, withdrawn: 0, stale: 0 } });
      expect(diff.created).toEqual([vpcArn, lbArn, `${lbArn} DEPENDS_ON ${vpcArn}`].sort());
      const lb = await store.findCI(lbArn);
      expect(lb?.attributes).toMatchObject({ kind: 'load_balancer', 'trellis.sources': ['terraform:lineage-1'] });
      expect(await store.findRelationship({ from: lbArn, type: 'DEPENDS_ON', to: vpcArn })).toBeDefined();
    });

    it('is idempotent: the same import again changes nothing and writes no history', async () => {
      await runImport(store, { snapshot: terraform(), ...who });
      const before = await store.listHistory({ limit: 1000 });
      const { run } = await runImport(store, { snapshot: terraform(), ...who });
      expect(run.counts).toMatchObject({ created: 0, updated: 0, withdrawn: 0, stale: 0, unchanged: 3 });
      expect(await store.listHistory({ limit: 1000 })).toEqual(before);
    });

    it('an unchanged re-import leaves alone only what nothing changed since its last run', async () => {
      const subnetArn = 'arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-7';
      const snapshot = terraform();
      snapshot.relationships.push({ scope: snapshot.scopes[0]!, from: 'tf:lineage-1:aws_vpc.main', type: 'DEPENDS_ON', to: subnetArn });
      const settledCounts: number[] = [];
      const storedRead: boolean[] = [];
      const again = async () => runImport(store, {
        snapshot, ...who, onProgress: (step, detail) => {
          if (step !== 'planning') return;
          settledCounts.push(Number(/(\d+) subjects as the last run left them/.exec(detail)?.[1]));
          storedRead.push(!detail.includes('stored assertions not read'));
        },
      });
      await again();
      expect(settledCounts).toEqual([0]);
      // Untouched: every subject is left alone without being read; the waiting relationship is not counted.
      expect((await again()).run.counts).toMatchObject({ created: 0, updated: 0, withdrawn: 0, stale: 0, unchanged: 3 });
      expect(settledCounts[1]).toBe(4);

      // A person edits what Terraform supplies, withdraws a relationship, and creates the CI a relationship waited for.
      const lb = (await store.findCI(lbArn))!;
      await store.applyBatch({
        upsertCIs: [{ id: lb.id, type: lb.type, name: lb.name, attributes: { ...lb.attributes, scheme: 'edited' } }, { id: subnetArn, type: 'Component', name: 'subnet-7', attributes: {} }],
        deleteRelationships: [{ from: lbArn, type: 'DEPENDS_ON', to: vpcArn }],
      }, { actor: 'ops', source: 'api' });
      const { run, diff } = await again();
      expect(diff.created).toEqual([`${vpcArn} DEPENDS_ON ${subnetArn}`, `${lbArn} DEPENDS_ON ${vpcArn}`]);
      expect(diff.updated).toEqual([{ id: lbArn, changes: [{ attribute: 'scheme', before: 'edited', after: 'internal' }] }]);
      expect(run.counts).toMatchObject({ created: 2, updated: 1, unchanged: 1 });
      expect(settledCounts[2]).toBe(1); // the VPC, which nobody touched
      expect((await store.findCI(lbArn))?.attributes.scheme).toBe('internal');

      // Another source's run in between does not stop the next re-import from leaving everything alone.
      await runImport(store, { snapshot: aws({ items: [item('aws:111122223333/eu-west-1/elbv2', ['arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/other/def'], { kind: 'load_balancer' })] }), ...who });
      expect((await again()).run.counts).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
      expect(settledCounts[3]).toBe(4);
      // The same snapshot each time: the scope's digest matched, its stored assertions were not read.
      expect(storedRead).toEqual([true, false, false, false]);

      // A changed source: the scope is read, and only what changed is planned.
      snapshot.items[1]!.attributes = { kind: 'network', cidr: '10.1.0.0/16' };
      const changed = await again();
      expect(changed.diff.updated).toEqual([{ id: vpcArn, changes: [{ attribute: 'cidr', after: '10.1.0.0/16' }] }]);
      expect(changed.run.counts).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
      // The load balancer is left alone; the VPC is planned, and with it the relationships at its ends.
      expect([settledCounts[4], storedRead[4]]).toEqual([1, true]);
      expect((await again()).run.counts).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
      expect([settledCounts[5], storedRead[5]]).toEqual([4, false]);
    });

    it('a re-import plans what an unchanged source view still depends on: an end it brings now, a gap run in between, another precedence', async () => {
      // A relationship waiting for an end that the same scope now brings appears with it.
      const subnetArn = 'arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-8';
      const waiting = terraform();
      waiting.relationships.push({ scope: waiting.scopes[0]!, from: 'tf:lineage-1:aws_vpc.main', type: 'DEPENDS_ON', to: subnetArn });
      await runImport(store, { snapshot: waiting, ...who });
      waiting.items.push(item(waiting.scopes[0]!, [subnetArn], { kind: 'network' }, 'subnet-8'));
      expect((await runImport(store, { snapshot: waiting, ...who })).diff.created).toEqual([subnetArn, `${vpcArn} DEPENDS_ON ${subnetArn}`]);

      // A run that could not cover the scope still wrote into it: the next full reading withdraws what only that run saw.
      const otherLb = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/api/fed';
      const scope = 'aws:111122223333/eu-west-1/elbv2';
      await runImport(store, { snapshot: aws(), ...who });
      const partial = aws({ scopes: [], gaps: [{ scope, reason: 'Throttling' }] });
      partial.items.push(item(scope, [otherLb], { kind: 'load_balancer' }, 'api'));
      await runImport(store, { snapshot: partial, ...who });
      const full = await runImport(store, { snapshot: aws(), ...who });
      expect(full.diff).toMatchObject({ withdrawn: [otherLb], stale: [otherLb] });
      expect((await store.findCI(otherLb))?.attributes['trellis.staleSince']).toEqual(expect.any(String));

      // Another precedence merges again what the last run left alone.
      expect((await runImport(store, { snapshot: waiting, ...who })).run.counts).toMatchObject({ updated: 0, unchanged: 5 });
      expect((await store.findCI(lbArn))?.attributes.owner).toBe('team-web');
      const reordered = await runImport(store, { snapshot: waiting, ...who, precedence: { owner: ['aws', 'terraform'] } });
      expect(reordered.diff.updated).toEqual([{ id: lbArn, changes: [{ attribute: 'owner', before: 'team-web', after: 'someone-else' }] }]);
    });

    it('merges two sources into one CI: the cloud wins on live attributes, Terraform on ownership', async () => {
      await runImport(store, { snapshot: terraform(), ...who });
      await runImport(store, { snapshot: aws(), ...who });
      const lb = await store.findCI(lbArn);
      expect(lb?.attributes).toMatchObject({
        scheme: 'internet-facing',
        state: 'active',
        owner: 'team-web',
        'trellis.sources': ['aws:111122223333/eu-west-1/elbv2', 'terraform:lineage-1'],
      });
      expect(lb?.name).toBe('aws_lb.web');
      expect((await store.countAll()).cis).toBe(2);
    });

    it('honours a configured precedence', async () => {
      await runImport(store, { snapshot: terraform(), ...who });
      await runImport(store, { snapshot: aws(), ...who, precedence: { owner: ['aws'] } });
      expect((await store.findCI(lbArn))?.attributes.owner).toBe('someone-else');
    });

    it('withdraws what a covered scope no longer asserts; a CI no source asserts becomes stale, not deleted', async () => {
      await runImport(store, { snapshot: terraform(), ...who });
      await runImport(store, { snapshot: aws(), ...who });
      const withoutLb = terraform();
      withoutLb.items = withoutLb.items.filter((i) => i.keys[0] !== lbArn);
      withoutLb.relationships = [];
      const { diff } = await runImport(store, { snapshot: withoutLb, ...who });
      expect(diff.withdrawn).toEqual([lbArn, `${lbArn} DEPENDS_ON ${vpcArn}`].sort());
      // The AWS reading still asserts the load balancer: not stale, Terraform's ownership gone.
      const lb = await store.findCI(lbArn);
      expect(lb?.attributes['trellis.sources']).toEqual(['aws:111122223333/eu-west-1/elbv2']);
      expect(lb?.attributes.owner).toBe('someone-else');
      // The relationship only Terraform asserted is kept and flagged stale.
      expect(diff.stale).toEqual([`${lbArn} DEPENDS_ON ${vpcArn}`]);
      const edge = await store.findRelationship({ from: lbArn, type: 'DEPENDS_ON', to: vpcArn });
      expect(edge?.attributes?.['trellis.staleSince']).toEqual(expect.any(String));

      const empty = aws({ items: [] });
      const second = await runImport(store, { snapshot: empty, ...who });
      expect(second.diff.stale).toEqual([lbArn]);
      const stale = await store.findCI(lbArn);
      expect(stale?.attributes).toMatchObject({ scheme: 'internet-facing', 'trellis.staleSince': expect.any(String) });
      expect(stale?.attributes['trellis.sources']).toBeUndefined();
    });

    it.each(['to', 'from'] as const)('a relationship %s a CI not imported yet waits, and appears when that CI is imported by another source', async (end) => {
      const subnetArn = 'arn:aws:ec2:eu-west-1:111122223333:subnet/subnet-9';
      const waiting = aws();
      const key = end === 'to' ? { from: lbArn, type: 'DEPENDS_ON', to: subnetArn } as const : { from: subnetArn, type: 'DEPENDS_ON', to: lbArn } as const;
      waiting.relationships = [{ scope: waiting.scopes[0]!, ...key }];
      const first = await runImport(store, { snapshot: waiting, ...who });
      expect(first.run.warnings).toEqual([expect.objectContaining({ code: 'dangling_reference', message: expect.stringContaining('not known yet') })]);
      expect(await store.findRelationship(key)).toBeUndefined();
      const subnets = aws({ scopes: ['aws:111122223333/eu-west-1/ec2:subnet'], items: [item('aws:111122223333/eu-west-1/ec2:subnet', [subnetArn], { kind: 'network' })] });
      await runImport(store, { snapshot: subnets, ...who });
      const edge = await store.findRelationship(key);
      expect(edge?.attributes).toMatchObject({ 'trellis.sources': ['aws:111122223333/eu-west-1/elbv2'] });
      // And importing the first source again changes nothing.
      expect((await runImport(store, { snapshot: waiting, ...who })).run.counts).toMatchObject({ created: 0, updated: 0 });
    });

    it('retires what stayed stale past the grace period, and nothing earlier', async () => {
      await runImport(store, { snapshot: terraform(), ...who });
      const withoutLb = terraform();
      withoutLb.items = withoutLb.items.filter((i) => i.keys[0] !== lbArn);
      withoutLb.relationships = [];
      await runImport(store, { snapshot: withoutLb, ...who });
      const day = 86_400_000;
      const early = await retireStale(store, { graceDays: 30, now: new Date(Date.now() + 29 * day), actor: 'ops' });
      expect(early).toMatchObject({ cis: [], relationships: [] });
      const dry = await retireStale(store, { graceDays: 30, now: new Date(Date.now() + 31 * day), actor: 'ops', dryRun: true });
      expect(dry).toMatchObject({ cis: [lbArn], relationships: [`${lbArn} DEPENDS_ON ${vpcArn}`] });
      expect(await store.findCI(lbArn)).toBeDefined();
      await retireStale(store, { graceDays: 30, now: new Date(Date.now() + 31 * day), actor: 'ops' });
      expect(await store.findCI(lbArn)).toBeUndefined();
      expect(await store.findCI(vpcArn)).toBeDefined();
      expect((await store.listHistory({ ciId: lbArn, limit: 10 })).map((h) => h.operation)).toContain('withdrawn');
    });

    it('retiring does not remove what an import asserted again while it scanned', async () => {
      await runImport(store, { snapshot: aws(), ...who });
      await runImport(store, { snapshot: aws({ items: [] }), ...who });
      let importedMeanwhile = false;
      // The store as retiring sees it: an import lands between its scan of CIs and its write.
      const racing: GraphStore = Object.assign(Object.create(store) as GraphStore, {
        scanRelationships: async (...args: Parameters<GraphStore['scanRelationships']>) => {
          if (!importedMeanwhile) {
            importedMeanwhile = true;
            await runImport(store, { snapshot: aws(), ...who });
          }
          return store.scanRelationships(...args);
        },
      });
      const outcome = await retireStale(racing, { graceDays: 0, now: new Date(Date.now() + 86_400_000), actor: 'ops' });
      expect(importedMeanwhile).toBe(true);
      expect(outcome.cis).toEqual([]);
      expect((await store.findCI(lbArn))?.attributes['trellis.staleSince']).toBeUndefined();
    });

    it('a stale CI asserted again is no longer stale', async () => {
      await runImport(store, { snapshot: aws(), ...who });
      await runImport(store, { snapshot: aws({ items: [] }), ...who });
      await runImport(store, { snapshot: aws(), ...who });
      expect((await store.findCI(lbArn))?.attributes['trellis.staleSince']).toBeUndefined();
    });

    it('a scope the source could not read withdraws nothing', async () => {
      await runImport(store, { snapshot: aws(), ...who });
      const failed = aws({ scopes: [], gaps: [{ scope: 'aws:111122223333/eu-west-1/elbv2', reason: 'AccessDenied' }], items: [] });
      const { run, diff } = await runImport(store, { snapshot: failed, ...who });
      expect(diff.withdrawn).toEqual([]);
      expect(run.gaps).toEqual([{ scope: 'aws:111122223333/eu-west-1/elbv2', reason: 'AccessDenied' }]);
      expect((await store.findCI(lbArn))?.attributes['trellis.staleSince']).toBeUndefined();
    });

    it('keeps attributes a person added that no source supplies', async () => {
      await runImport(store, { snapshot: aws(), ...who });
      const lb = (await store.findCI(lbArn))!;
      await store.applyBatch({ upsertCIs: [{ id: lb.id, type: lb.type, name: lb.name, attributes: { ...lb.attributes, runbook: 'https://wiki/lb' } }] }, { actor: 'ops', source: 'api' });
      const changed = aws();
      changed.items[0]!.attributes = { ...changed.items[0]!.attributes, state: 'provisioning' };
      await runImport(store, { snapshot: changed, ...who });
      expect((await store.findCI(lbArn))?.attributes).toMatchObject({ runbook: 'https://wiki/lb', state: 'provisioning' });
    });

    it('a dry run reports the diff with attribute changes and writes nothing', async () => {
      await runImport(store, { snapshot: aws(), ...who });
      const changed = aws();
      changed.items[0]!.attributes = { ...changed.items[0]!.attributes, state: 'provisioning' };
      const { run, diff } = await runImport(store, { snapshot: changed, ...who, dryRun: true });
      expect(run.status).toBe('dry-run');
      expect(diff.updated).toEqual([{ id: lbArn, changes: [{ attribute: 'state', before: 'active', after: 'provisioning' }] }]);
      expect((await store.findCI(lbArn))?.attributes.state).toBe('active');
      expect(await store.listImportRuns({})).toHaveLength(1);
    });

    it('records every applied run with counts and warnings, newest first', async () => {
      await runImport(store, { snapshot: terraform(), ...who });
      const dangling = aws();
      dangling.relationships = [{ scope: dangling.scopes[0]!, from: lbArn, type: 'DEPENDS_ON', to: 'arn:aws:ec2:eu-west-1:111122223333:subnet/missing' }];
      await runImport(store, { snapshot: dangling, ...who });
      const runs = await store.listImportRuns({});
      expect(runs.map((r) => r.source)).toEqual(['aws', 'terraform']);
      expect(runs[0]!.warnings).toEqual([expect.objectContaining({ code: 'dangling_reference' })]);
      expect(runs[1]!.counts).toMatchObject({ items: 2, relationships: 1, created: 3 });
    });

    it('keeps proposals beside the graph, newest first, without touching it', async () => {
      const proposal = (id: string, createdAt: string) => ({ id, createdAt, actor: 'cab', file: 'plan.json', changes: [{ address: 'aws_instance.web', type: 'aws_instance', mode: 'managed' as const, action: 'update' as const }], drift: 0, warnings: [] });
      await store.saveProposal(proposal('p-1', '2026-11-01T10:00:00.000Z'));
      await store.saveProposal(proposal('p-2', '2026-11-02T10:00:00.000Z'));
      expect((await store.listProposals({})).map((p) => p.id)).toEqual(['p-2', 'p-1']);
      expect(await store.findProposal('p-1')).toEqual(proposal('p-1', '2026-11-01T10:00:00.000Z'));
      expect(await store.findProposal('nope')).toBeUndefined();
      expect(await store.countAll()).toEqual({ cis: 0, relationships: 0 });
    });

    it('refuses a batch planned against an older state, so runs never interleave', async () => {
      const { version } = await store.readAssertions({ scopes: [] });
      await runImport(store, { snapshot: aws(), ...who });
      await expect(store.applyBatch({ importRun: undefined, upsertCIs: [], expectedVersion: version }, { actor: 't', source: 't' })).rejects.toThrow(ConflictError);
    });
  });
}
