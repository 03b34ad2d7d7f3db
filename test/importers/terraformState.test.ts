import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../schema/imports.ts';
import { InvalidError } from '../../server/errors.ts';
import { parseTerraformState } from '../../importers/terraform/parseTerraformState.ts';
import { corpusDir } from '../support/corpus.ts';

const stateDir = join(corpusDir, 'tfstate');
const read = (name: string): Snapshot => parseTerraformState(readFileSync(join(stateDir, name), 'utf8'), name);

/** Addresses of the items, and relationships written with addresses (or the key, for ends outside the state). */
function shape(snapshot: Snapshot): { items: string[]; relationships: string[] } {
  const address = new Map<string, string>();
  for (const item of snapshot.items) for (const key of item.keys) address.set(key, item.attributes['terraform.address'] as string);
  return {
    items: snapshot.items.map((i) => i.attributes['terraform.address'] as string).sort(),
    relationships: snapshot.relationships.map((r) => `${address.get(r.from) ?? r.from} ${r.type} ${address.get(r.to) ?? r.to}`).sort(),
  };
}

function item(snapshot: Snapshot, address: string) {
  const found = snapshot.items.find((i) => i.attributes['terraform.address'] === address);
  if (!found) throw new Error(`no item ${address}`);
  return found;
}

describe('Terraform state corpus: every file imports, each yields what it holds', () => {
  it('reads every state file in the corpus without error', () => {
    const files = readdirSync(stateDir);
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) expect(() => read(file), file).not.toThrow();
  });

  it('v4 with a foreign data source and dependencies on resources outside the state (driftctl aws_lb_listener)', () => {
    const s = read('driftctl__aws_lb_listener-terraform.tfstate');
    expect(s.scopes).toEqual(['terraform:9566e18d-6080-4aa8-e9a6-4c38905cf68f']);
    expect(shape(s).items).toEqual(['aws_internet_gateway.gw', 'aws_lb.test', 'aws_lb_listener.front_end', 'aws_lb_target_group.test', 'aws_security_group.lb_sg', 'aws_subnet.main-1']);
    expect(item(s, 'aws_lb_target_group.test')).toMatchObject({ type: 'RedundancyGroup', attributes: { minHealthy: 1 } });
    expect(item(s, 'aws_lb.test').keys[0]).toBe('arn:aws:elasticloadbalancing:us-east-1:533948124879:loadbalancer/app/test-lb-tf/168f3e312968e275');
    expect(shape(s).relationships).toEqual(expect.arrayContaining([
      'aws_lb_listener.front_end DEPENDS_ON aws_lb.test',
      'aws_lb_listener.front_end DEPENDS_ON aws_lb_target_group.test',
      'aws_lb.test DEPENDS_ON aws_subnet.main-1',
      'aws_lb.test DEPENDS_ON aws_security_group.lb_sg',
      // The VPC is not in this state: its key is built from the id and the referrer's account and region.
      'aws_subnet.main-1 DEPENDS_ON arn:aws:ec2:us-east-1:533948124879:vpc/vpc-069eb1208f4f62f3c',
    ]));
    expect(s.warnings.map((w) => w.message)).toEqual(expect.arrayContaining([expect.stringContaining('aws_vpc.main, which is not in this state'), expect.stringContaining('aws_subnet.main-2')]));
  });

  it('count: one CI per instance, each record linked to its own zone only (route53 multiples)', () => {
    const s = read('driftctl__aws_route53_record_multiples-terraform.tfstate');
    expect(s.items).toHaveLength(11);
    expect(shape(s).items).toContain('aws_route53_record.test[3]');
    const rels = shape(s).relationships;
    expect(rels).toHaveLength(9);
    expect(rels).toContain('aws_route53_record.test[0] DEPENDS_ON aws_route53_zone.foobar[0]');
    expect(rels).toContain('aws_route53_record.test2[0] DEPENDS_ON aws_route53_zone.foobar[1]');
  });

  it('S3 bucket parts depend on their bucket; missing Lambda functions are named', () => {
    const s = read('driftctl__aws_s3_full-terraform.tfstate');
    expect(s.items).toHaveLength(26);
    expect(shape(s).relationships).toContain('aws_s3_bucket_metric.metrics-cls-testbucket3 DEPENDS_ON aws_s3_bucket.bucket3');
    expect(s.warnings.some((w) => w.code === 'dangling_reference' && w.message.includes('aws_lambda_function.func1'))).toBe(true);
  });

  it('Azure: resource ids become case-folded keys; network security groups rely on their resource group', () => {
    const s = read('driftctl__azurerm_network_security_group-terraform.tfstate');
    expect(shape(s).items).toEqual(['azurerm_network_security_group.example', 'azurerm_network_security_group.example-1', 'azurerm_resource_group.example']);
    expect(item(s, 'azurerm_resource_group.example').keys[0]).toMatch(/^azure:\/subscriptions\/[0-9a-f-]+\/resourcegroups\//);
    expect(shape(s).relationships).toContain('azurerm_network_security_group.example DEPENDS_ON azurerm_resource_group.example');
  });

  it('Google: self links become keys, routers rely on their network', () => {
    const s = read('driftctl__google_compute_router-terraform.tfstate');
    expect(s.items).toHaveLength(3);
    expect(shape(s).relationships).toContain('google_compute_router.router-0 DEPENDS_ON gcp:projects/cloudskiff-dev-raphael/global/networks/my-network');
  });

  it('data sources are no CI (driftctl v4-valid)', () => {
    const s = read('driftctl__v4-valid.tfstate');
    expect(shape(s).items).toEqual(['aws_instance.vm']);
    expect(item(s, 'aws_instance.vm').attributes).toMatchObject({ kind: 'host', provider: 'aws' });
  });

  it('cyclic security group rules import as they are (inframap aws_state_cyclic)', () => {
    const s = read('inframap__aws_state_cyclic.json');
    expect(s.items).toHaveLength(19);
    expect(shape(s).relationships).toContain('aws_security_group_rule.sgrule-2589285800 CONNECTS_TO aws_security_group.prometheus-prometheus-infra');
  });

  it('v3: module paths, flatmap attributes, depends_on inside the module (inframap version_3)', () => {
    const s = read('inframap__version_3_state.json');
    expect(s.items).toHaveLength(12);
    expect(item(s, 'module.cycloid.aws_db_instance.website').attributes.kind).toBe('database');
    expect(shape(s).relationships).toEqual(expect.arrayContaining([
      'module.cycloid.aws_cloudfront_distribution.cdn DEPENDS_ON module.cycloid.aws_alb.front',
      'module.cycloid.aws_cloudfront_distribution.cdn DEPENDS_ON module.cycloid.aws_s3_bucket.medias',
    ]));
  });

  it('a v3 state without resources yields an empty snapshot of its lineage', () => {
    const s = read('inframap__empty.json');
    expect(s).toMatchObject({ scopes: ['terraform:3fd5eb87-d6b9-8b47-6c2d-7209f7f884ee'], items: [], relationships: [] });
  });

  it('modules with count and nested modules (inframap repeated_modules)', () => {
    const s = read('inframap__repeated_modules.json');
    expect(s.items).toHaveLength(16);
    expect(shape(s).items).toEqual(expect.arrayContaining(['module.ec2_ubuntu_a[1].aws_instance.this[0]', 'module.ec2_openvpn.module.bastion_sg.aws_security_group.this_name_prefix[0]']));
    expect(shape(s).relationships).toContain('module.ec2_ubuntu_a[1].aws_instance.this[0] DEPENDS_ON module.all_sg.aws_security_group.this_name_prefix[0]');
  });

  it('unmapped providers are kept as generic cloud resources and reported (scaleway)', () => {
    const s = read('inframap__multi_module_state.json');
    expect(s.items.map((i) => i.attributes.kind)).toEqual(['cloud_resource', 'cloud_resource', 'cloud_resource']);
    expect(s.warnings.filter((w) => w.code === 'unmapped_type')).toHaveLength(3);
    expect(shape(s).relationships).toContain('module.node_pool.scaleway_k8s_pool_beta.nodes DEPENDS_ON module.kapsule.scaleway_k8s_cluster_beta.cluster');
  });

  it('old v3 forms: splat and indexed depends_on, count keys, child modules', () => {
    const simple = read('opentofu__v3-simple.in.tfstate');
    expect(shape(simple).relationships).toEqual([
      'null_resource.bar DEPENDS_ON null_resource.foo[0]', 'null_resource.bar DEPENDS_ON null_resource.foo[1]', 'null_resource.bar DEPENDS_ON null_resource.foobar',
    ]);
    const grabbag = read('opentofu__v3-grabbag.in.tfstate');
    expect(shape(grabbag).items).toEqual(['module.child.null_resource.foo', 'null_resource.bar[0]', 'null_resource.bar[1]', 'null_resource.baz']);
  });

  it('early v4: attributes_flat, for_each string keys, non-resource dependencies ignored', () => {
    const s = read('opentofu__v4-legacy-modules.in.tfstate');
    expect(shape(s).items).toEqual(['module.modA.null_resource.resource', 'module.modB.null_resource.bar["a"]', 'module.modB.null_resource.bar["b"]', 'null_resource.bar']);
    expect(item(s, 'module.modB.null_resource.bar["a"]').keys[0]).toBe('tf:f2968801-fa14-41ab-a044-224f3a4adf04:module.modB.null_resource.bar["a"]');
  });
});

describe('Terraform state: bad input is refused naming the file and the place', () => {
  const parse = (text: string) => () => parseTerraformState(text, 'bad.tfstate');

  it('truncated JSON', () => {
    const text = readFileSync(join(stateDir, 'driftctl__aws_lb_listener-terraform.tfstate'), 'utf8');
    expect(parse(text.slice(0, text.length / 2))).toThrow(/bad\.tfstate: not a Terraform state: invalid JSON/);
  });

  it('an unknown format version', () => {
    expect(parse('{"version": 9, "resources": []}')).toThrow(/bad\.tfstate: unsupported state format version 9/);
  });

  it('prototype-reaching keys', () => {
    expect(parse('{"version": 4, "resources": [{"type": "aws_vpc", "name": "x", "__proto__": {"polluted": true}}]}')).toThrow(InvalidError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('duplicate addresses: the first is kept and the duplicate named', () => {
    const resource = { mode: 'managed', type: 'null_resource', name: 'a', instances: [{ attributes: { id: '1' } }] };
    const s = parseTerraformState(JSON.stringify({ version: 4, lineage: 'l', resources: [resource, resource] }), 'dup.tfstate');
    expect(s.items).toHaveLength(1);
    expect(s.warnings).toContainEqual(expect.objectContaining({ code: 'duplicate', place: 'resources[1].instances[0] null_resource.a' }));
  });

  it('a resource without type or name is named and skipped, the rest imported', () => {
    const s = parseTerraformState(JSON.stringify({ version: 4, lineage: 'l', resources: [{ mode: 'managed' }, { mode: 'managed', type: 'null_resource', name: 'ok', instances: [{ attributes: { id: '1' } }] }] }), 'odd.tfstate');
    expect(s.items).toHaveLength(1);
    expect(s.warnings).toContainEqual(expect.objectContaining({ code: 'malformed', place: 'resources[0]' }));
  });

  it('only direct dependencies are kept from Terraform\'s transitive lists, also around cycles', () => {
    const r = (name: string, deps: string[]) => ({ mode: 'managed', type: 'null_resource', name, instances: [{ attributes: { id: name }, dependencies: deps }] });
    const state = { version: 4, lineage: 'l', resources: [r('a', ['null_resource.b', 'null_resource.c']), r('b', ['null_resource.c']), r('c', []), r('x', ['null_resource.y']), r('y', ['null_resource.x'])] };
    const rels = shape(parseTerraformState(JSON.stringify(state), 't.tfstate')).relationships;
    expect(rels).toEqual(['null_resource.a DEPENDS_ON null_resource.b', 'null_resource.b DEPENDS_ON null_resource.c', 'null_resource.x DEPENDS_ON null_resource.y', 'null_resource.y DEPENDS_ON null_resource.x']);
  });
});
