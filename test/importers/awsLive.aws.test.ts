import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoScalingClient, CreateAutoScalingGroupCommand, CreateLaunchConfigurationCommand } from '@aws-sdk/client-auto-scaling';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, DescribeImagesCommand, EC2Client, RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { CreateClusterCommand, CreateServiceCommand, DescribeServicesCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, ElasticLoadBalancingV2Client, RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateDBClusterCommand, CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../support/runCli.ts';

const endpoint = inject('motoEndpoint');
const region = 'us-east-1';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const config = { region, endpoint, credentials, forcePathStyle: true };
/** The CLI finds the emulator's credentials through the standard chain, as it would real ones. */
const awsEnv = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: region };

interface Estate {
  vpc: string;
  subnets: string[];
  sg: string;
  instances: string[];
  lbArn: string;
  tgArn: string;
  queueArn: string;
  queueUrl: string;
}

/** Builds a small but complete account in the emulator through the AWS SDK, as a person would with the console. */
async function populate(): Promise<Estate> {
  const ec2 = new EC2Client(config);
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  const subnets = [];
  for (const [i, zone] of ['us-east-1a', 'us-east-1b'].entries()) {
    subnets.push((await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.0.${i}.0/24`, AvailabilityZone: zone }))).Subnet!.SubnetId!);
  }
  const sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web tier', VpcId: vpc }))).GroupId!;
  const db = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'db', Description: 'db tier', VpcId: vpc }))).GroupId!;
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: db, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, UserIdGroupPairs: [{ GroupId: sg }] }] }));
  const image = (await ec2.send(new DescribeImagesCommand({}))).Images![0]!.ImageId!;
  const run = await ec2.send(new RunInstancesCommand({
    ImageId: image, MinCount: 2, MaxCount: 2, InstanceType: 't3.small', SubnetId: subnets[0], SecurityGroupIds: [sg],
    TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web' }, { Key: 'db_password', Value: 'CANARY-aws-tag' }] }],
  }));
  const instances = run.Instances!.map((i) => i.InstanceId!);

  const elb = new ElasticLoadBalancingV2Client(config);
  const lbArn = (await elb.send(new CreateLoadBalancerCommand({ Name: 'web-lb', Subnets: subnets, SecurityGroups: [sg] }))).LoadBalancers![0]!.LoadBalancerArn!;
  const tgArn = (await elb.send(new CreateTargetGroupCommand({ Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: vpc }))).TargetGroups![0]!.TargetGroupArn!;
  await elb.send(new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: instances.map((Id) => ({ Id })) }));
  await elb.send(new CreateListenerCommand({ LoadBalancerArn: lbArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] }));

  const autoscaling = new AutoScalingClient(config);
  await autoscaling.send(new CreateLaunchConfigurationCommand({ LaunchConfigurationName: 'workers', ImageId: image, InstanceType: 't3.small' }));
  await autoscaling.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: 'workers', LaunchConfigurationName: 'workers', MinSize: 2, MaxSize: 4, DesiredCapacity: 2, VPCZoneIdentifier: subnets.join(',') }));

  const rds = new RDSClient(config);
  await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'orders', Engine: 'postgres', DBInstanceClass: 'db.t3.micro', MasterUsername: 'admin', MasterUserPassword: 'CANARY-rds-pw', AllocatedStorage: 20, VpcSecurityGroupIds: [db] }));
  await rds.send(new CreateDBClusterCommand({ DBClusterIdentifier: 'catalog', Engine: 'aurora-postgresql', MasterUsername: 'admin', MasterUserPassword: 'CANARY-rds-pw' }));
  await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'catalog-1', DBClusterIdentifier: 'catalog', Engine: 'aurora-postgresql', DBInstanceClass: 'db.r6g.large' }));

  const iam = new IAMClient(config);
  await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [] }) }));

  const ecs = new ECSClient(config);
  await ecs.send(new CreateClusterCommand({ clusterName: 'apps' }));
  await ecs.send(new RegisterTaskDefinitionCommand({ family: 'api', containerDefinitions: [{ name: 'api', image: 'api:1', memory: 256 }] }));
  await ecs.send(new CreateServiceCommand({ cluster: 'apps', serviceName: 'api', taskDefinition: 'api', desiredCount: 4, deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 200 } }));

  await new S3Client(config).send(new CreateBucketCommand({ Bucket: 'orders-archive' }));
  await new DynamoDBClient(config).send(new CreateTableCommand({ TableName: 'sessions', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }));
  const sqs = new SQSClient(config);
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'orders' }))).QueueUrl!;
  const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  await new SNSClient(config).send(new CreateTopicCommand({ Name: 'order-events' }));
  const route53 = new Route53Client(config);
  const zone = (await route53.send(new CreateHostedZoneCommand({ Name: 'shop.example.', CallerReference: 'trellis-test' }))).HostedZone!.Id!;
  await route53.send(new ChangeResourceRecordSetsCommand({
    HostedZoneId: zone,
    ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: 'www.shop.example.', Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: 'web-lb.example.' }] } }] },
  }));
  return { vpc, subnets, sg, instances, lbArn, tgArn, queueArn, queueUrl };
}

describe.skipIf(!endpoint)('trellis import aws against the moto emulator (skipped only without moto, after a loud warning)', () => {
  let estate: Estate;
  let env: Record<string, string>;
  let account: string;
  const cli = (args: string[]) => runCli(args, env);
  const get = async (id: string) => {
    const result = await cli(['get', id, '--json']);
    expect(result.code, `${id}: ${result.stderr}`).toBe(0);
    return JSON.parse(result.stdout);
  };
  const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;

  beforeAll(async () => {
    estate = await populate();
    account = estate.queueArn.split(':')[4]!;
    env = { ...awsEnv, TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-aws-')) };
  });

  it('reads every supported service and reconciles them into one graph', async () => {
    const result = await cli(['import', 'aws', '--region', region, '--endpoint', endpoint, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const { run } = JSON.parse(result.stdout);
    expect(run).toMatchObject({ source: 'aws', status: 'applied', gaps: [] });
    expect(run.scopes).toEqual(expect.arrayContaining([`aws:${account}/${region}/ec2:instance`, `aws:${account}/global/s3:bucket`, `aws:${account}/global/iam:role`]));

    const instance = await get(arn('ec2', `instance/${estate.instances[0]}`));
    expect(instance.ci).toMatchObject({ type: 'Component', name: 'web', attributes: { kind: 'host', instance_type: 't3.small', region, account, tags: { Name: 'web' } } });
    expect(instance.outgoing.map((r: { type: string; to: string }) => `${r.type} ${r.to}`)).toEqual(expect.arrayContaining([
      `DEPENDS_ON ${arn('ec2', `subnet/${estate.subnets[0]}`)}`, `DEPENDS_ON ${arn('ec2', `security-group/${estate.sg}`)}`,
    ]));
    const targetGroup = await get(estate.tgArn);
    expect(targetGroup.ci).toMatchObject({ type: 'RedundancyGroup', attributes: { minHealthy: 1 } });
    expect(targetGroup.outgoing.filter((r: { type: string }) => r.type === 'HAS_MEMBER').map((r: { to: string }) => r.to)).toEqual(estate.instances.map((i) => arn('ec2', `instance/${i}`)).sort());
    const asg = (await get(await findByName('workers'))).ci;
    expect(asg).toMatchObject({ type: 'RedundancyGroup', attributes: { minHealthy: 2 } });
    const service = await findDetail('api', 'RedundancyGroup');
    // minHealthy = ceil(desiredCount × minimumHealthyPercent / 100), from what the API reports (AWS's default is 100).
    const described = (await new ECSClient(config).send(new DescribeServicesCommand({ cluster: 'apps', services: ['api'] }))).services![0]!;
    expect(service.ci.attributes.minHealthy).toBe(Math.ceil((4 * (described.deploymentConfiguration?.minimumHealthyPercent ?? 100)) / 100));
    expect(service.outgoing).toContainEqual(expect.objectContaining({ type: 'RUNS_ON', to: arn('ecs', 'cluster/apps') }));
    const cluster = await get(arn('rds', 'cluster:catalog'));
    expect(cluster.outgoing).toContainEqual(expect.objectContaining({ type: 'HAS_MEMBER', to: arn('rds', 'db:catalog-1') }));
    const database = await get(arn('rds', 'db:orders'));
    expect(database.ci.attributes).toMatchObject({ kind: 'database', engine: 'postgres' });
    for (const id of ['arn:aws:s3:::orders-archive', estate.queueArn, arn('dynamodb', 'table/sessions'), arn('sns', 'order-events'), estate.lbArn]) await get(id);
  });

  it('never stores credentials or secret-named tags', async () => {
    const exported = await cli(['export']);
    expect(exported.stdout).not.toContain('CANARY');
  });

  it('a second reading of an unchanged account changes nothing', async () => {
    const { run } = JSON.parse((await cli(['import', 'aws', '--region', region, '--endpoint', endpoint, '--json'])).stdout);
    expect(run.counts).toMatchObject({ created: 0, updated: 0, withdrawn: 0, stale: 0 });
  });

  it('what disappeared from the account is withdrawn and flagged stale, not deleted', async () => {
    await new EC2Client(config).send(new TerminateInstancesCommand({ InstanceIds: [estate.instances[1]!] }));
    await new SQSClient(config).send(new DeleteQueueCommand({ QueueUrl: estate.queueUrl }));
    const { diff } = JSON.parse((await cli(['import', 'aws', '--region', region, '--endpoint', endpoint, '--json'])).stdout);
    expect(diff.stale).toContain(estate.queueArn);
    expect((await get(estate.queueArn)).ci.attributes['trellis.staleSince']).toEqual(expect.any(String));
  });

  it('a Terraform state describing the same queue lands on the same CI, with both sources', async () => {
    const sqs = new SQSClient(config);
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: 'payments' }))).QueueUrl!;
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    await cli(['import', 'aws', '--region', region, '--endpoint', endpoint]);
    const dir = mkdtempSync(join(tmpdir(), 'trellis-aws-tf-'));
    const state = { version: 4, lineage: 'payments-stack', resources: [{ mode: 'managed', type: 'aws_sqs_queue', name: 'payments', instances: [{ attributes: { arn: queueArn, id: url, name: 'payments', tags: { owner: 'team-payments' } } }] }] };
    writeFileSync(join(dir, 'payments.tfstate'), JSON.stringify(state));
    expect((await cli(['import', 'terraform', join(dir, 'payments.tfstate')])).code).toBe(0);
    const queue = await get(queueArn);
    expect(queue.ci.attributes['trellis.sources']).toEqual([`aws:${account}/${region}/sqs:queue`, 'terraform:payments-stack']);
    expect(queue.ci.attributes).toMatchObject({ 'terraform.address': 'aws_sqs_queue.payments', region });
    expect((await cli(['search', 'payments', '--json'])).stdout).toContain('"total": 1');
  });

  async function findByName(name: string): Promise<string> {
    const found = JSON.parse((await cli(['search', name, '--type', 'RedundancyGroup', '--json'])).stdout);
    expect(found.total, name).toBe(1);
    return found.items[0].id;
  }

  async function findDetail(name: string, type: string) {
    const found = JSON.parse((await cli(['search', name, '--type', type, '--json'])).stdout);
    const id = found.items.find((ci: { name: string }) => ci.name === name)?.id;
    expect(id, name).toBeDefined();
    return get(id);
  }
});
