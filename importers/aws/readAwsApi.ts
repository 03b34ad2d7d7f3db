import { AutoScalingClient, paginateDescribeAutoScalingGroups } from '@aws-sdk/client-auto-scaling';
import { DescribeTableCommand, DynamoDBClient, paginateListTables } from '@aws-sdk/client-dynamodb';
import {
  EC2Client, paginateDescribeInstances, paginateDescribeInternetGateways, paginateDescribeNatGateways, paginateDescribeRouteTables,
  paginateDescribeSecurityGroups, paginateDescribeSubnets, paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import { DescribeClustersCommand, DescribeServicesCommand, ECSClient, paginateListClusters, paginateListServices } from '@aws-sdk/client-ecs';
import { DescribeClusterCommand, EKSClient, paginateListClusters as paginateListEksClusters } from '@aws-sdk/client-eks';
import {
  DescribeTargetHealthCommand, ElasticLoadBalancingV2Client, paginateDescribeLoadBalancers, paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient, paginateGetAccountAuthorizationDetails } from '@aws-sdk/client-iam';
import { LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import { paginateDescribeDBClusters, paginateDescribeDBInstances, RDSClient } from '@aws-sdk/client-rds';
import {
  ListResourceRecordSetsCommand, paginateListHostedZones, Route53Client, type ListResourceRecordSetsCommandInput, type ListResourceRecordSetsCommandOutput,
} from '@aws-sdk/client-route-53';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { paginateListTopics, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, paginateListQueues, SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import { resourceRules } from '../shared/resourceRules.ts';
import { recordsAt } from '../shared/paths.ts';
import type { AwsReading } from './awsReadingToSnapshot.ts';
import { enrichRecords } from './readRecordedResponses.ts';

/** Where and as whom to read: the standard credential chain unless a profile is named. */
export interface AwsTarget {
  region: string;
  profile?: string;
  /** Another endpoint for every service (an emulator such as moto, a VPC endpoint). */
  endpoint?: string;
  onProgress?: (detail: string, fraction: { done: number; total: number }) => void;
}

type Page = object;
/** What every client is built with: region, retries, and optionally endpoint and profile credentials. */
interface AwsConfig {
  region: string;
  maxAttempts: number;
  retryMode: 'adaptive';
  endpoint?: string;
  forcePathStyle?: boolean;
  credentials?: ReturnType<typeof fromIni>;
}
/** Reads the records of some rule types; all of them fail together when it throws. */
type Collector = { rules: string[]; read: () => AsyncIterable<[rule: string, page: Page]> };

/**
 * Reads an AWS account's resources in one region (and the account-wide ones:
 * IAM, S3, Route 53) through the AWS SDK v3: paginated, with the SDK's adaptive
 * retries absorbing throttling. A service that refuses (access denied, not
 * enabled, throttled past the retries) becomes a gap, never an empty reading.
 */
export async function readAwsApi(target: AwsTarget): Promise<AwsReading> {
  const config: AwsConfig = {
    region: target.region,
    maxAttempts: 8,
    retryMode: 'adaptive' as const,
    ...(target.endpoint ? { endpoint: target.endpoint, forcePathStyle: true } : {}),
    ...(target.profile ? { credentials: fromIni({ profile: target.profile }) } : {}),
  };
  const identity = await new STSClient(config).send(new GetCallerIdentityCommand({}));
  const account = identity.Account!;
  const partition = identity.Arn?.split(':')[1] ?? 'aws';
  const reading: AwsReading = { account, region: target.region, partition, records: [], failed: [], warnings: [] };
  const all = collectors(config);
  for (const [i, collector] of all.entries()) {
    target.onProgress?.(collector.rules.join(', '), { done: i, total: all.length });
    const found = new Map<string, Record<string, unknown>[]>(collector.rules.map((rule) => [rule, []]));
    try {
      for await (const [rule, page] of collector.read()) found.get(rule)!.push(...enrichRecords(rule, recordsAt(page, resourceRules[rule]!.api!.list)));
      for (const [rule, records] of found) reading.records.push({ rule, records, place: `${target.region} ${resourceRules[rule]!.api!.scope}` });
    } catch (error) {
      const reason = `${(error as Error).name}: ${(error as Error).message}`.slice(0, 300);
      for (const rule of collector.rules) reading.failed.push({ rule, reason });
    }
  }
  return reading;
}

function collectors(config: AwsConfig): Collector[] {
  const ec2 = new EC2Client(config);
  const elb = new ElasticLoadBalancingV2Client(config);
  const ecs = new ECSClient(config);
  const eks = new EKSClient(config);
  const route53 = new Route53Client(config);
  const dynamodb = new DynamoDBClient(config);
  const sqs = new SQSClient(config);
  const rds = new RDSClient(config);
  const client = { client: ec2 };
  // SDK outputs are typed per command; the rule table reads them as plain records.
  const one = (rule: string, iterable: AsyncIterable<object>): Collector => ({
    rules: [rule],
    read: async function* () {
      for await (const page of iterable) yield [rule, page];
    },
  });
  return [
    one('aws_vpc', paginateDescribeVpcs(client, {})),
    one('aws_subnet', paginateDescribeSubnets(client, {})),
    one('aws_security_group', paginateDescribeSecurityGroups(client, {})),
    one('aws_instance', paginateDescribeInstances(client, {})),
    one('aws_internet_gateway', paginateDescribeInternetGateways(client, {})),
    one('aws_nat_gateway', paginateDescribeNatGateways(client, {})),
    one('aws_route_table', paginateDescribeRouteTables(client, {})),
    one('aws_lb', paginateDescribeLoadBalancers({ client: elb }, {})),
    {
      rules: ['aws_lb_target_group'],
      read: async function* () {
        for await (const page of paginateDescribeTargetGroups({ client: elb }, {})) {
          for (const group of page.TargetGroups ?? []) {
            const health = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn }));
            const targets = (health.TargetHealthDescriptions ?? []).map((d) => ({ Id: d.Target?.Id }));
            yield ['aws_lb_target_group', { TargetGroups: [{ ...group, Targets: targets }] }];
          }
        }
      },
    },
    one('aws_autoscaling_group', paginateDescribeAutoScalingGroups({ client: new AutoScalingClient(config) }, {})),
    one('aws_db_instance', paginateDescribeDBInstances({ client: rds }, {})),
    one('aws_rds_cluster', paginateDescribeDBClusters({ client: rds }, {})),
    one('aws_lambda_function', paginateListFunctions({ client: new LambdaClient(config) }, {})),
    {
      rules: ['aws_ecs_cluster', 'aws_ecs_service'],
      read: async function* () {
        for await (const page of paginateListClusters({ client: ecs }, {})) {
          for (const arns of batches(page.clusterArns ?? [], 100)) {
            const clusters = (await ecs.send(new DescribeClustersCommand({ clusters: arns }))).clusters ?? [];
            yield ['aws_ecs_cluster', { clusters }];
            for (const cluster of clusters) {
              for await (const listed of paginateListServices({ client: ecs }, { cluster: cluster.clusterArn })) {
                for (const names of batches(listed.serviceArns ?? [], 10)) {
                  yield ['aws_ecs_service', await ecs.send(new DescribeServicesCommand({ cluster: cluster.clusterArn, services: names }))];
                }
              }
            }
          }
        }
      },
    },
    {
      rules: ['aws_eks_cluster'],
      read: async function* () {
        for await (const page of paginateListEksClusters({ client: eks }, {})) {
          for (const name of page.clusters ?? []) yield ['aws_eks_cluster', await eks.send(new DescribeClusterCommand({ name }))];
        }
      },
    },
    { rules: ['aws_s3_bucket'], read: async function* () { yield ['aws_s3_bucket', await new S3Client(config).send(new ListBucketsCommand({}))]; } },
    {
      rules: ['aws_dynamodb_table'],
      read: async function* () {
        for await (const page of paginateListTables({ client: dynamodb }, {})) {
          for (const TableName of page.TableNames ?? []) yield ['aws_dynamodb_table', await dynamodb.send(new DescribeTableCommand({ TableName }))];
        }
      },
    },
    {
      rules: ['aws_sqs_queue'],
      read: async function* () {
        for await (const page of paginateListQueues({ client: sqs }, {})) {
          for (const QueueUrl of page.QueueUrls ?? []) {
            const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
            yield ['aws_sqs_queue', { Queues: [{ QueueUrl, QueueArn: attributes.Attributes?.QueueArn }] }];
          }
        }
      },
    },
    one('aws_sns_topic', paginateListTopics({ client: new SNSClient(config) }, {})),
    {
      rules: ['aws_route53_zone', 'aws_route53_record'],
      read: async function* () {
        for await (const page of paginateListHostedZones({ client: route53 }, {})) {
          yield ['aws_route53_zone', page];
          for (const zone of page.HostedZones ?? []) {
            const ZoneId = zone.Id!.replace(/^\/hostedzone\//, '');
            // Route 53 pages record sets by the next name and type, without an SDK paginator.
            let input: ListResourceRecordSetsCommandInput | undefined = { HostedZoneId: zone.Id };
            while (input) {
              const records: ListResourceRecordSetsCommandOutput = await route53.send(new ListResourceRecordSetsCommand(input));
              yield ['aws_route53_record', { ResourceRecordSets: (records.ResourceRecordSets ?? []).map((r) => ({ ...r, ZoneId })) }];
              input = records.IsTruncated
                ? { HostedZoneId: zone.Id, StartRecordName: records.NextRecordName, StartRecordType: records.NextRecordType, StartRecordIdentifier: records.NextRecordIdentifier }
                : undefined;
            }
          }
        }
      },
    },
    {
      rules: ['aws_iam_role', 'aws_iam_user', 'aws_iam_group', 'aws_iam_policy'],
      read: async function* () {
        for await (const page of paginateGetAccountAuthorizationDetails({ client: new IAMClient(config) }, { Filter: ['Role', 'User', 'Group', 'LocalManagedPolicy'] })) {
          for (const rule of ['aws_iam_role', 'aws_iam_user', 'aws_iam_group', 'aws_iam_policy']) yield [rule, page];
        }
      },
    },
  ];
}

function batches<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
