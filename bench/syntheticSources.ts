import { random } from './syntheticEstate.ts';

/**
 * Seeded synthetic source files for the import benchmark: a Terraform state and
 * an AWS DescribeInstances recording of `count` resources, shaped like real ones
 * (VPCs, subnets, security groups, instances, load balancers, target groups with
 * attachments, databases, buckets), with attribute references and Terraform's
 * transitive `dependencies` lists.
 */
const account = '111122223333';
const region = 'eu-west-1';
const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;

export function terraformState(count: number, seed: number): string {
  const rnd = random(seed);
  const resources: unknown[] = [];
  const vpcs = Math.max(1, Math.round(count / 2000));
  const subnets = vpcs * 6;
  const groups = Math.max(1, Math.round(count * 0.05));
  const add = (type: string, name: string, attributes: Record<string, unknown>, dependencies: string[]) =>
    resources.push({ mode: 'managed', type, name, provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 0, attributes, sensitive_attributes: [], dependencies }] });
  for (let v = 0; v < vpcs; v += 1) add('aws_vpc', `vpc${v}`, { arn: arn('ec2', `vpc/vpc-${v}`), id: `vpc-${v}`, cidr_block: '10.0.0.0/16', tags: { Name: `vpc-${v}` } }, []);
  for (let s = 0; s < subnets; s += 1) {
    const v = s % vpcs;
    add('aws_subnet', `subnet${s}`, { arn: arn('ec2', `subnet/subnet-${s}`), id: `subnet-${s}`, vpc_id: `vpc-${v}`, availability_zone: `${region}${'abc'[s % 3]}` }, [`aws_vpc.vpc${v}`]);
  }
  for (let g = 0; g < groups; g += 1) {
    const v = g % vpcs;
    add('aws_security_group', `sg${g}`, { arn: arn('ec2', `security-group/sg-${g}`), id: `sg-${g}`, vpc_id: `vpc-${v}`, name: `sg-${g}` }, [`aws_vpc.vpc${v}`]);
  }
  let i = 0;
  while (resources.length < count) {
    const s = Math.floor(rnd() * subnets);
    const g = Math.floor(rnd() * groups);
    const deps = [`aws_vpc.vpc${s % vpcs}`, `aws_subnet.subnet${s}`, `aws_security_group.sg${g}`];
    const pick = rnd();
    if (pick < 0.6) {
      add('aws_instance', `web${i}`, { arn: arn('ec2', `instance/i-${i}`), id: `i-${i}`, instance_type: 't3.small', subnet_id: `subnet-${s}`, vpc_security_group_ids: [`sg-${g}`], user_data: 'do-not-store', tags: { Name: `web-${i}` } }, deps);
    } else if (pick < 0.7) {
      add('aws_lb_target_group', `tg${i}`, { arn: arn('elasticloadbalancing', `targetgroup/tg-${i}/0`), id: arn('elasticloadbalancing', `targetgroup/tg-${i}/0`), vpc_id: `vpc-${s % vpcs}`, port: 80 }, deps.slice(0, 1));
    } else if (pick < 0.8) {
      add('aws_db_instance', `db${i}`, { arn: arn('rds', `db:db-${i}`), id: `db-${i}`, engine: 'postgres', password: 'do-not-store', vpc_security_group_ids: [`sg-${g}`] }, deps);
    } else if (pick < 0.9) {
      add('aws_s3_bucket', `bucket${i}`, { arn: `arn:aws:s3:::bucket-${i}`, id: `bucket-${i}`, bucket: `bucket-${i}` }, []);
    } else {
      add('aws_lb', `lb${i}`, { arn: arn('elasticloadbalancing', `loadbalancer/app/lb-${i}/0`), id: arn('elasticloadbalancing', `loadbalancer/app/lb-${i}/0`), subnets: [`subnet-${s}`, `subnet-${(s + 1) % subnets}`], security_groups: [`sg-${g}`] }, deps);
    }
    i += 1;
  }
  return JSON.stringify({ version: 4, terraform_version: '1.9.0', serial: 1, lineage: `bench-${count}`, outputs: {}, resources });
}

/** A DescribeInstances recording of `count` instances over subnets and security groups. */
export function awsRecording(count: number, seed: number): string {
  const rnd = random(seed);
  const subnets = Math.max(6, Math.round(count / 300));
  const groups = Math.max(1, Math.round(count * 0.05));
  const reservations = [];
  for (let i = 0; i < count; i += 100) {
    const instances = [];
    for (let j = i; j < Math.min(count, i + 100); j += 1) {
      const s = Math.floor(rnd() * subnets);
      instances.push({
        InstanceId: `i-${j}`, InstanceType: 't3.small', SubnetId: `subnet-${s}`, VpcId: `vpc-${s % 10}`, PrivateIpAddress: `10.0.${s % 250}.${j % 250}`,
        Placement: { AvailabilityZone: `${region}${'abc'[s % 3]}` }, State: { Name: 'running' },
        SecurityGroups: [{ GroupId: `sg-${Math.floor(rnd() * groups)}`, GroupName: 'web' }], Tags: [{ Key: 'Name', Value: `web-${j}` }],
      });
    }
    reservations.push({ OwnerId: account, ReservationId: `r-${i}`, Instances: instances });
  }
  return JSON.stringify({ Reservations: reservations });
}
