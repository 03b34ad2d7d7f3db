import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../schema/imports.ts';
import { awsReadingToSnapshot } from '../../importers/aws/awsReadingToSnapshot.ts';
import { readRecordedResponse, recordingNeighbours } from '../../importers/aws/readRecordedResponses.ts';
import { cappedWarnings } from '../../server/imports/runImport.ts';
import { awsRecording } from '../../bench/syntheticSources.ts';
import { corpusDir } from '../support/corpus.ts';
import { runCli } from '../support/runCli.ts';

const awsDir = join(corpusDir, 'aws');
/** The corpus directory as one set of recordings: a file may take account and region from the files beside it. */
const neighbours = recordingNeighbours(readdirSync(awsDir).map((file) => ({ file, text: readFileSync(join(awsDir, file), 'utf8') })));
const read = (name: string, given = {}): Snapshot => awsReadingToSnapshot(readRecordedResponse(readFileSync(join(awsDir, name), 'utf8'), name, given, neighbours));
const edges = (s: Snapshot) => s.relationships.map((r) => `${r.from} ${r.type} ${r.to}`);
const demo = (resource: string) => `arn:aws:ec2:us-east-1:123456789012:${resource}`;

describe('recorded AWS responses (AWS CLI output and boto3/placebo recordings)', () => {
  it('reads every recording in the corpus, finding account and region in the data or beside it', () => {
    const inferred: string[] = [];
    for (const file of readdirSync(awsDir)) {
      const s = read(file);
      expect(s.items.length, file).toBeGreaterThan(0);
      expect(s.warnings.filter((w) => w.code !== 'inferred'), file).toEqual([]);
      if (s.warnings.length) inferred.push(file);
    }
    // These name no region (or no account); each shares resource ids with a recording that does.
    expect(inferred.sort()).toEqual([
      'cloud-custodian__ec2_igw_subnet-ec2.DescribeRouteTables_1.json', 'cloudmapper__ec2-describe-security-groups.json', 'cloudmapper__ec2-describe-subnets.json',
    ]);
    expect(read('cloudmapper__ec2-describe-subnets.json').scopes).toEqual(['aws:123456789012/us-east-1/ec2:subnet']);
  });

  it('EC2 instances rely on their subnet and security groups (plain CLI output)', () => {
    const s = read('cloudmapper__ec2-describe-instances.json');
    expect(s.scopes).toEqual(['aws:123456789012/us-east-1/ec2:instance']);
    expect(s.items[0]).toMatchObject({ keys: [demo('instance/i-00000000000000000')], type: 'Component', attributes: { kind: 'host', region: 'us-east-1', account: '123456789012' } });
    expect(edges(s)).toEqual(expect.arrayContaining([
      `${demo('instance/i-00000000000000000')} DEPENDS_ON ${demo('subnet/subnet-00000001')}`,
      `${demo('instance/i-00000000000000000')} DEPENDS_ON ${demo('security-group/sg-00000002')}`,
    ]));
  });

  it('security groups that admit other groups are linked to them; a self reference is no edge', () => {
    const s = read('cloudmapper__ec2-describe-security-groups.json');
    expect(s.items).toHaveLength(8);
    expect(edges(s)).toContain(`${demo('security-group/sg-00000004')} CONNECTS_TO ${demo('security-group/sg-00000003')}`);
    expect(edges(s)).not.toContain(`${demo('security-group/sg-00000001')} CONNECTS_TO ${demo('security-group/sg-00000001')}`);
  });

  it('load balancers, databases and subnets keep their references', () => {
    const lb = read('cloudmapper__elbv2-describe-load-balancers.json');
    expect(edges(lb)).toEqual(expect.arrayContaining([
      `arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/demo/qwerty DEPENDS_ON ${demo('security-group/sg-00000003')}`,
      `arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/demo/qwerty DEPENDS_ON ${demo('subnet/subnet-00000002')}`,
    ]));
    const rds = read('cloudmapper__rds-describe-db-instances.json');
    expect(rds.items[0]).toMatchObject({ keys: ['arn:aws:rds:us-east-1:123456789012:db:securitymonkey'], attributes: { kind: 'database' } });
    expect(edges(rds)).toContain(`arn:aws:rds:us-east-1:123456789012:db:securitymonkey DEPENDS_ON ${demo('subnet/subnet-00000004')}`);
    expect(read('cloudmapper__ec2-describe-subnets.json').items).toHaveLength(4);
  });

  it('IAM authorization details: roles, users, groups and policies, account-wide, nothing secret', () => {
    const s = read('cloudmapper__iam-get-account-authorization-details.json');
    expect(s.scopes.sort()).toEqual(['aws:123456789012/global/iam:group', 'aws:123456789012/global/iam:policy', 'aws:123456789012/global/iam:role', 'aws:123456789012/global/iam:user']);
    expect(s.items.map((i) => i.attributes.resourceType).sort()).toEqual([
      'aws_iam_group', 'aws_iam_policy', 'aws_iam_policy', 'aws_iam_role', 'aws_iam_role', 'aws_iam_role', 'aws_iam_role', 'aws_iam_user', 'aws_iam_user',
    ]);
    expect(JSON.stringify(s.items)).not.toContain('PolicyDocument');
  });

  it('placebo recordings: unwrapped, camelCase ECS services become redundancy groups on their cluster', () => {
    const s = read('cloud-custodian__test_ecs_service_subnet-ecs.DescribeServices_1.json');
    const service = s.items.find((i) => i.keys[0] === 'arn:aws:ecs:us-east-1:644160558196:service/test/c7n-test')!;
    expect(service).toMatchObject({ type: 'RedundancyGroup', name: 'c7n-test', attributes: { minHealthy: 1 } });
    expect(edges(s)).toContain('arn:aws:ecs:us-east-1:644160558196:service/test/c7n-test RUNS_ON arn:aws:ecs:us-east-1:644160558196:cluster/test');
  });

  it('route tables: subnets rely on their table, the table on its internet gateway', () => {
    const s = read('cloud-custodian__ec2_igw_subnet-ec2.DescribeRouteTables_1.json');
    expect(s.items).toHaveLength(4);
    expect(s.relationships.some((r) => r.type === 'DEPENDS_ON' && r.to.includes(':internet-gateway/igw-'))).toBe(true);
    expect(s.relationships.some((r) => r.from.includes(':subnet/') && r.to.includes(':route-table/'))).toBe(true);
  });

  it('a recording that does not name its account asks for one; a given account and region are used', () => {
    const text = JSON.stringify({ Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] });
    expect(() => readRecordedResponse(text, 'vpcs.json')).toThrow(/vpcs\.json: cannot tell which account this recording is from; pass --account/);
    const s = awsReadingToSnapshot(readRecordedResponse(text, 'vpcs.json', { account: '111122223333', region: 'eu-west-1' }));
    expect(s.items[0]!.keys).toEqual(['arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-1']);
  });

  it('redundancy groups get a sensible minHealthy from what the API says', () => {
    const reading = (rule: string, record: Record<string, unknown>) => awsReadingToSnapshot({ account: '1', region: 'r', records: [{ rule, records: [record], place: 'p' }], failed: [], warnings: [] }).items[0]!.attributes.minHealthy;
    expect(reading('aws_ecs_service', { serviceArn: 'arn:aws:ecs:r:1:service/c/s', serviceName: 's', desiredCount: 4, deploymentConfiguration: { minimumHealthyPercent: 50 } })).toBe(2);
    expect(reading('aws_ecs_service', { serviceArn: 'arn:aws:ecs:r:1:service/c/t', serviceName: 't', desiredCount: 3 })).toBe(3);
    expect(reading('aws_autoscaling_group', { AutoScalingGroupARN: 'arn:aws:autoscaling:r:1:autoScalingGroup:x', AutoScalingGroupName: 'g', MinSize: 0 })).toBe(1);
    expect(reading('aws_autoscaling_group', { AutoScalingGroupARN: 'arn:aws:autoscaling:r:1:autoScalingGroup:y', AutoScalingGroupName: 'h', MinSize: 3 })).toBe(3);
    expect(reading('aws_lb_target_group', { TargetGroupArn: 'arn:aws:elasticloadbalancing:r:1:targetgroup/t/1', TargetGroupName: 't' })).toBe(1);
  });

  it('a run record lists at most 100 warnings of a kind and counts the rest', () => {
    const warnings = Array.from({ length: 250 }, (_, i) => ({ code: 'dangling_reference' as const, message: `ref ${i}` }));
    const capped = cappedWarnings([...warnings, { code: 'unmapped_type', message: 'x' }]);
    expect(capped).toHaveLength(102);
    expect(capped.at(-1)).toEqual({ code: 'dangling_reference', message: '150 more dangling_reference warnings not listed (250 in all)' });
  });

  it('unreadable services become coverage gaps, not empty readings', () => {
    const s = awsReadingToSnapshot({ account: '1', region: 'r', records: [{ rule: 'aws_vpc', records: [], place: 'vpcs' }], failed: [{ rule: 'aws_instance', reason: 'UnauthorizedOperation' }], warnings: [] });
    expect(s.scopes).toEqual(['aws:1/r/ec2:vpc']);
    expect(s.gaps).toEqual([{ scope: 'aws:1/r/ec2:instance', reason: 'UnauthorizedOperation' }]);
  });

  it('the whole corpus directory imports through the CLI, and the recordings of one account join up', async () => {
    const env = { TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-aws-rec-')) };
    const result = await runCli(['import', 'aws', awsDir], env);
    expect(result.code, result.stderr).toBe(0);
    const instance = JSON.parse((await runCli(['get', demo('instance/i-00000000000000000'), '--json'], env)).stdout);
    // The instance (instances file) relies on a security group described in another recording.
    expect(instance.outgoing).toContainEqual(expect.objectContaining({ type: 'DEPENDS_ON', to: demo('security-group/sg-00000002') }));
    const group = JSON.parse((await runCli(['get', demo('security-group/sg-00000002'), '--json'], env)).stdout);
    expect(group.ci.attributes['trellis.sources']).toEqual(['aws:123456789012/us-east-1/ec2:security-group']);
  });

  it('a recording too large for the heap is refused once its kind is known, though a state of its size would be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-aws-rec-'));
    // A 150 MiB old space (342 MiB heap limit) reads files of any kind up to about 10 MB, and AWS recordings up to about 7 MB.
    const env = { TRELLIS_DATA: join(dir, 'data'), NODE_OPTIONS: '--max-old-space-size=150' };
    const file = join(dir, 'large.json');
    writeFileSync(file, awsRecording(28_000, 1));
    const result = await runCli(['import', file, '--account', '111122223333', '--region', 'eu-west-1'], env);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/large\.json: \d+ bytes, over the limit of \d+ bytes: this process's V8 heap limit \(\d+ MiB\) holds aws files up to \d+ bytes; .*about 13x the file/);
    expect((await runCli(['search', '--json'], env)).stdout).toContain('"total": 0');
  });
});
