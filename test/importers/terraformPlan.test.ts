import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../importers/shared/readInputFile.ts';
import { parseTerraformPlan } from '../../importers/terraform/parseTerraformPlan.ts';
import { corpusDir } from '../support/corpus.ts';
import { runCli } from '../support/runCli.ts';

const planDir = join(corpusDir, 'tfplan');
const read = (name: string) => parseTerraformPlan(decodeText(readFileSync(join(planDir, name))), name);
const actions = (name: string) => read(name).changes.map((c) => `${c.address} ${c.action}${c.replaceOrder ? ` ${c.replaceOrder}` : ''}`);

describe('Terraform plan corpus: proposed actions per resource', () => {
  it('reads every plan in the corpus without error or warning', () => {
    const files = readdirSync(planDir);
    expect(files.length).toBeGreaterThanOrEqual(14);
    for (const file of files) expect(read(file).warnings, file).toEqual([]);
  });

  it('create, update, delete and no-op side by side, with drift counted (terraform-compliance 522)', () => {
    const plan = read('tfcompliance__test_issue_522-plan.out.json');
    const count = (action: string) => plan.changes.filter((c) => c.action === action).length;
    expect([count('create'), count('update'), count('delete'), count('no-op')]).toEqual([5, 1, 2, 7]);
    expect(plan.drift).toBe(15);
    expect(plan.changes.find((c) => c.action === 'update')).toMatchObject({ address: 'aws_cloudwatch_event_target.metric_event_target', changedAttributes: ['arn'] });
  });

  it('replacement in both orders, with the reason', () => {
    expect(read('terraform-json__action_reason-plan.json').changes).toEqual([expect.objectContaining({ action: 'replace', replaceOrder: 'delete-first', reason: 'replace_because_tainted' })]);
    expect(actions('checkov__plan_with_deleted_resources-tfplan.json')).toEqual(['aws_secretsmanager_secret.default replace create-first']);
  });

  it('moved blocks: the new address with the previous one', () => {
    expect(read('terraform-json__moved_block-plan.json').changes).toEqual([expect.objectContaining({ address: 'random_id.test2', previousAddress: 'random_id.test', action: 'move' })]);
  });

  it('data sources are reads; module, count and for_each addresses are kept as Terraform writes them', () => {
    expect(actions('terraform-json__basic-plan.json')).toContain('data.null_data_source.baz read');
    expect(actions('terraform-json__has_checks-plan.json')).toContain('module.files.local_file.foo["file1.txt"] create');
  });

  it('UTF-16 with a byte order mark and CRLF (a PowerShell redirect) reads like UTF-8', () => {
    expect(actions('checkov__plan_with_utf_16_encoding-tfplan.json')).toEqual(['aws_iam_role_policy.fail_1 create', 'aws_s3_bucket.s3-bucket create', 'null_resource.name create']);
  });

  it('refuses what is not a plan, naming the file', () => {
    expect(() => parseTerraformPlan('{"version": 4, "resources": []}', 'state.json')).toThrow(/state\.json: not a Terraform plan: no resource_changes/);
    expect(() => parseTerraformPlan('{"resource_changes": [', 'cut.json')).toThrow(/cut\.json: not a Terraform plan: invalid JSON/);
  });
});

describe('trellis import terraform-plan', () => {
  it('keeps a proposal naming the CIs it touches, and never changes the graph', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-plan-'));
    const env = { TRELLIS_DATA: join(dir, 'data') };
    const arn = 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1';
    const state = { version: 4, lineage: 'plan-test', resources: [{ mode: 'managed', type: 'aws_instance', name: 'web', instances: [{ attributes: { arn, id: 'i-1', instance_type: 't3.small' } }] }] };
    const plan = {
      format_version: '1.2', terraform_version: '1.9.0',
      resource_changes: [
        { address: 'aws_instance.web', mode: 'managed', type: 'aws_instance', name: 'web', change: { actions: ['update'], before: { arn, id: 'i-1', instance_type: 't3.small', password: 'hunter2' }, after: { arn, id: 'i-1', instance_type: 't3.large', password: 'hunter3' } } },
        { address: 'aws_s3_bucket.new', mode: 'managed', type: 'aws_s3_bucket', name: 'new', change: { actions: ['create'], before: null, after: { bucket: 'new' } } },
      ],
    };
    writeFileSync(join(dir, 'state.tfstate'), JSON.stringify(state));
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(plan));
    expect((await runCli(['import', join(dir, 'state.tfstate')], env)).code).toBe(0);
    const before = (await runCli(['export'], env)).stdout;
    const imported = await runCli(['import', join(dir, 'plan.json'), '--json'], env);
    expect(imported.code, imported.stderr).toBe(0);
    const proposal = JSON.parse(imported.stdout);
    expect(proposal.changes).toEqual([
      expect.objectContaining({ address: 'aws_instance.web', action: 'update', ciId: arn, changedAttributes: ['instance_type', 'password'] }),
      expect.objectContaining({ address: 'aws_s3_bucket.new', action: 'create' }),
    ]);
    expect(imported.stdout).not.toContain('hunter');
    expect((await runCli(['export'], env)).stdout).toBe(before);
    const dry = await runCli(['import', join(dir, 'plan.json'), '--dry-run'], env);
    expect(dry).toMatchObject({ code: 2, stderr: expect.stringContaining('a plan never changes the graph') });
  });
});
