import type { CIType, componentKinds } from '../../schema/ciTypes.ts';
import type { RelationshipType } from '../../schema/relationships.ts';
import type { ArnRule } from './cloudIdentity.ts';

/**
 * The one table that says what a cloud resource is in the graph: its CI type and
 * kind, how to build its identity key when a source gives only an id, which of
 * its attributes reference other resources (and as which relationship), and
 * which live attributes are worth keeping. Terraform resource types name the
 * rows; the AWS importer maps API resources onto the same rows, so both sources
 * produce the same CIs and the same relationships.
 */

export type ComponentKind = (typeof componentKinds)[number];
export type Cloud = 'aws' | 'azure' | 'gcp';

/** An attribute that points at another resource. `path` is dotted; lists and nested blocks are walked. */
export interface ReferenceRule {
  path: string;
  /** The rule (resource type) of the target, used to build its key from a bare id. */
  to: string;
  type: RelationshipType;
  soft?: boolean;
  /** The edge runs from the target to this resource (a group and its members). */
  reverse?: boolean;
}

export interface ResourceRule {
  cloud: Cloud;
  ciType: CIType;
  kind?: ComponentKind;
  /** AWS: service and resource prefix of the ARN, to build a key from an id (`ec2`, `vpc/`). */
  arn?: ArnRule;
  /** A key built from attributes, for resources with neither ARN nor cloud-wide id. */
  key?: (attributes: Record<string, unknown>) => string | undefined;
  references?: ReferenceRule[];
  /** Live attributes worth keeping on the CI (secret-named ones are dropped regardless). */
  keep?: string[];
  /** For redundancy groups: how many members must be healthy. */
  minHealthy?: (attributes: Record<string, unknown>) => number;
  /** Only a relationship, not a CI of its own: `from` and `to` are references of the resource. */
  edge?: { from: ReferenceRule; to: ReferenceRule; type: RelationshipType };
  /** How the AWS API (live or recorded) describes the same resource. */
  api?: ApiMapping;
}

/**
 * The AWS API's view of a resource: where its records are in a response, which
 * fields identify and name it, which reference other resources. Field paths are
 * dotted and walk lists; kept fields land on the attribute names Terraform's
 * view uses, so both sources fill the same attributes of the same CI.
 */
export interface ApiMapping {
  /** The resource type in the scope (`aws:<account>/<region>/<scope>`), e.g. `ec2:instance`. */
  scope: string;
  /** Path of the records in a response page, e.g. `Reservations.Instances`. */
  list: string;
  id: string;
  arn?: string;
  /** Field naming the resource when it has no `Name` tag. */
  name?: string;
  keep?: Record<string, string>;
  references?: ReferenceRule[];
  minHealthy?: (record: Record<string, unknown>) => number;
  /** Builds the identity key when the API gives neither ARN nor an id the ARN rule takes. */
  key?: (record: Record<string, unknown>) => string | undefined;
}

const sg = (path: string): ReferenceRule => ({ path, to: 'aws_security_group', type: 'DEPENDS_ON' });
const subnet = (path: string): ReferenceRule => ({ path, to: 'aws_subnet', type: 'DEPENDS_ON' });
const vpc: ReferenceRule = { path: 'vpc_id', to: 'aws_vpc', type: 'DEPENDS_ON' };
const role = (path: string): ReferenceRule => ({ path, to: 'aws_iam_role', type: 'DEPENDS_ON' });
const bucketPart: ResourceRule = { cloud: 'aws', ciType: 'Component', kind: 'storage', references: [{ path: 'bucket', to: 'aws_s3_bucket', type: 'DEPENDS_ON' }] };
const number = (value: unknown, fallback: number) => (Number.isFinite(Number(value)) && value !== '' && value !== null ? Number(value) : fallback);

const awsRules: Record<string, ResourceRule> = {
  aws_vpc: { cloud: 'aws', ciType: 'Component', kind: 'network', arn: { service: 'ec2', prefix: 'vpc/' }, keep: ['cidr_block'] },
  aws_subnet: { cloud: 'aws', ciType: 'Component', kind: 'network', arn: { service: 'ec2', prefix: 'subnet/' }, references: [vpc], keep: ['cidr_block', 'availability_zone'] },
  aws_security_group: { cloud: 'aws', ciType: 'Component', kind: 'network', arn: { service: 'ec2', prefix: 'security-group/' }, references: [vpc] },
  aws_security_group_rule: { cloud: 'aws', ciType: 'Component', kind: 'network', references: [{ path: 'security_group_id', to: 'aws_security_group', type: 'CONNECTS_TO' }, { path: 'source_security_group_id', to: 'aws_security_group', type: 'CONNECTS_TO' }], keep: ['type', 'protocol', 'from_port', 'to_port'] },
  aws_internet_gateway: { cloud: 'aws', ciType: 'Component', kind: 'network', arn: { service: 'ec2', prefix: 'internet-gateway/' }, references: [vpc] },
  aws_nat_gateway: { cloud: 'aws', ciType: 'Component', kind: 'network', arn: { service: 'ec2', prefix: 'natgateway/' }, references: [subnet('subnet_id'), { path: 'allocation_id', to: 'aws_eip', type: 'DEPENDS_ON' }] },
  aws_eip: { cloud: 'aws', ciType: 'Component', kind: 'network', arn: { service: 'ec2', prefix: 'elastic-ip/' }, keep: ['public_ip'] },
  aws_route_table: { cloud: 'aws', ciType: 'Component', kind: 'network', arn: { service: 'ec2', prefix: 'route-table/' }, references: [vpc] },
  aws_instance: {
    cloud: 'aws', ciType: 'Component', kind: 'host', arn: { service: 'ec2', prefix: 'instance/' },
    references: [subnet('subnet_id'), sg('vpc_security_group_ids')], keep: ['instance_type', 'availability_zone', 'private_ip', 'instance_state'],
  },
  aws_ebs_volume: { cloud: 'aws', ciType: 'Component', kind: 'storage', arn: { service: 'ec2', prefix: 'volume/' }, keep: ['size', 'type', 'availability_zone'] },
  aws_volume_attachment: { cloud: 'aws', ciType: 'Component', kind: 'storage', edge: { from: { path: 'instance_id', to: 'aws_instance', type: 'DEPENDS_ON' }, to: { path: 'volume_id', to: 'aws_ebs_volume', type: 'DEPENDS_ON' }, type: 'DEPENDS_ON' } },
  aws_lb: { cloud: 'aws', ciType: 'Component', kind: 'load_balancer', references: [subnet('subnets'), sg('security_groups')], keep: ['dns_name', 'internal', 'load_balancer_type'] },
  aws_lb_listener: {
    cloud: 'aws', ciType: 'Component', kind: 'load_balancer',
    references: [{ path: 'load_balancer_arn', to: 'aws_lb', type: 'DEPENDS_ON' }, { path: 'default_action.target_group_arn', to: 'aws_lb_target_group', type: 'DEPENDS_ON' }],
    keep: ['port', 'protocol'],
  },
  aws_lb_target_group: { cloud: 'aws', ciType: 'RedundancyGroup', references: [vpc], keep: ['port', 'protocol', 'target_type'], minHealthy: () => 1 },
  aws_lb_target_group_attachment: {
    cloud: 'aws', ciType: 'Component',
    edge: { from: { path: 'target_group_arn', to: 'aws_lb_target_group', type: 'HAS_MEMBER' }, to: { path: 'target_id', to: 'aws_instance', type: 'HAS_MEMBER' }, type: 'HAS_MEMBER' },
  },
  aws_autoscaling_group: {
    cloud: 'aws', ciType: 'RedundancyGroup', references: [subnet('vpc_zone_identifier')], keep: ['min_size', 'max_size', 'desired_capacity'],
    minHealthy: (a) => Math.max(1, number(a.min_size, 1)),
  },
  aws_db_instance: { cloud: 'aws', ciType: 'Component', kind: 'database', arn: { service: 'rds', prefix: 'db:' }, references: [sg('vpc_security_group_ids')], keep: ['engine', 'engine_version', 'instance_class', 'multi_az', 'endpoint'] },
  aws_rds_cluster: { cloud: 'aws', ciType: 'RedundancyGroup', arn: { service: 'rds', prefix: 'cluster:' }, references: [sg('vpc_security_group_ids')], keep: ['engine', 'engine_version', 'endpoint'], minHealthy: () => 1 },
  aws_rds_cluster_instance: { cloud: 'aws', ciType: 'Component', kind: 'database', arn: { service: 'rds', prefix: 'db:' }, references: [{ path: 'cluster_identifier', to: 'aws_rds_cluster', type: 'HAS_MEMBER', reverse: true }], keep: ['engine', 'instance_class'] },
  aws_elasticache_cluster: { cloud: 'aws', ciType: 'Component', kind: 'cache', arn: { service: 'elasticache', prefix: 'cluster:' }, references: [sg('security_group_ids')], keep: ['engine', 'node_type', 'num_cache_nodes'] },
  aws_lambda_function: { cloud: 'aws', ciType: 'Component', kind: 'function', arn: { service: 'lambda', prefix: 'function:' }, references: [subnet('vpc_config.subnet_ids'), sg('vpc_config.security_group_ids'), role('role')], keep: ['runtime', 'handler', 'memory_size'] },
  aws_lambda_permission: { cloud: 'aws', ciType: 'Component', kind: 'identity', references: [{ path: 'function_name', to: 'aws_lambda_function', type: 'CONNECTS_TO' }] },
  aws_ecs_cluster: { cloud: 'aws', ciType: 'Component', kind: 'cluster', arn: { service: 'ecs', prefix: 'cluster/' } },
  aws_ecs_service: {
    cloud: 'aws', ciType: 'RedundancyGroup', references: [{ path: 'cluster', to: 'aws_ecs_cluster', type: 'RUNS_ON' }, subnet('network_configuration.subnets'), sg('network_configuration.security_groups')],
    keep: ['desired_count', 'launch_type'],
    minHealthy: (a) => Math.max(1, Math.ceil((number(a.desired_count, 1) * number(a.deployment_minimum_healthy_percent, 100)) / 100)),
  },
  aws_eks_cluster: { cloud: 'aws', ciType: 'Component', kind: 'cluster', arn: { service: 'eks', prefix: 'cluster/' }, references: [subnet('vpc_config.subnet_ids'), sg('vpc_config.security_group_ids'), role('role_arn')], keep: ['version', 'endpoint'] },
  aws_eks_node_group: {
    cloud: 'aws', ciType: 'RedundancyGroup', references: [{ path: 'cluster_name', to: 'aws_eks_cluster', type: 'RUNS_ON' }, subnet('subnet_ids')],
    minHealthy: (a) => Math.max(1, number((a.scaling_config as { min_size?: unknown }[] | undefined)?.[0]?.min_size, 1)),
  },
  aws_s3_bucket: { cloud: 'aws', ciType: 'Component', kind: 'storage', arn: { service: 's3', prefix: '', regionless: true, accountless: true } },
  aws_s3_bucket_policy: bucketPart,
  aws_s3_bucket_notification: bucketPart,
  aws_s3_bucket_analytics_configuration: bucketPart,
  aws_s3_bucket_inventory: bucketPart,
  aws_s3_bucket_metric: bucketPart,
  aws_s3_bucket_acl: bucketPart,
  aws_s3_bucket_public_access_block: bucketPart,
  aws_s3_bucket_versioning: bucketPart,
  aws_dynamodb_table: { cloud: 'aws', ciType: 'Component', kind: 'database', arn: { service: 'dynamodb', prefix: 'table/' }, keep: ['billing_mode'] },
  aws_sqs_queue: { cloud: 'aws', ciType: 'Component', kind: 'queue', keep: ['fifo_queue'] },
  aws_sns_topic: { cloud: 'aws', ciType: 'Component', kind: 'queue' },
  aws_route53_zone: { cloud: 'aws', ciType: 'Component', kind: 'dns', arn: { service: 'route53', prefix: 'hostedzone/', regionless: true, accountless: true }, keep: ['name'] },
  aws_route53_record: {
    cloud: 'aws', ciType: 'Component', kind: 'dns',
    key: (a) => (typeof a.zone_id === 'string' && typeof a.name === 'string' && typeof a.type === 'string' ? `aws:route53:${a.zone_id}/${a.name.replace(/\.$/, '')}/${a.type}${a.set_identifier ? `/${a.set_identifier}` : ''}` : undefined),
    references: [{ path: 'zone_id', to: 'aws_route53_zone', type: 'DEPENDS_ON' }], keep: ['name', 'type', 'ttl'],
  },
  aws_cloudfront_distribution: { cloud: 'aws', ciType: 'Component', kind: 'cdn', keep: ['domain_name', 'enabled'] },
  aws_iam_role: { cloud: 'aws', ciType: 'Component', kind: 'identity' },
  aws_iam_role_policy: { cloud: 'aws', ciType: 'Component', kind: 'identity', references: [{ path: 'role', to: 'aws_iam_role', type: 'CONNECTS_TO' }] },
  aws_iam_role_policy_attachment: { cloud: 'aws', ciType: 'Component', kind: 'identity', references: [{ path: 'role', to: 'aws_iam_role', type: 'CONNECTS_TO' }] },
  aws_cloudwatch_log_group: { cloud: 'aws', ciType: 'Component', kind: 'monitoring' },
  aws_cloudwatch_event_rule: { cloud: 'aws', ciType: 'Component', kind: 'monitoring' },
  aws_cloudwatch_event_target: { cloud: 'aws', ciType: 'Component', kind: 'monitoring', references: [{ path: 'rule', to: 'aws_cloudwatch_event_rule', type: 'CONNECTS_TO' }] },
  aws_ecr_repository: { cloud: 'aws', ciType: 'Component', kind: 'storage' },
  aws_secretsmanager_secret: { cloud: 'aws', ciType: 'Component', kind: 'secret_store' },
  aws_ssm_parameter: { cloud: 'aws', ciType: 'Component', kind: 'secret_store' },
  aws_kms_key: { cloud: 'aws', ciType: 'Component', kind: 'secret_store' },
};
awsRules.aws_alb = awsRules.aws_lb!;
awsRules.aws_alb_listener = awsRules.aws_lb_listener!;
awsRules.aws_alb_target_group = awsRules.aws_lb_target_group!;
awsRules.aws_alb_target_group_attachment = awsRules.aws_lb_target_group_attachment!;

const rg: ReferenceRule = { path: 'resource_group_name', to: 'azurerm_resource_group', type: 'DEPENDS_ON' };
const azureRules: Record<string, ResourceRule> = {
  azurerm_resource_group: { cloud: 'azure', ciType: 'Component', kind: 'cloud_resource', keep: ['location'] },
  azurerm_virtual_network: { cloud: 'azure', ciType: 'Component', kind: 'network', references: [rg], keep: ['location', 'address_space'] },
  azurerm_subnet: { cloud: 'azure', ciType: 'Component', kind: 'network', references: [{ path: 'virtual_network_name', to: 'azurerm_virtual_network', type: 'DEPENDS_ON' }], keep: ['address_prefixes'] },
  azurerm_network_interface: { cloud: 'azure', ciType: 'Component', kind: 'network', references: [{ path: 'ip_configuration.subnet_id', to: 'azurerm_subnet', type: 'DEPENDS_ON' }] },
  azurerm_network_security_group: { cloud: 'azure', ciType: 'Component', kind: 'network', references: [rg] },
  azurerm_network_security_rule: { cloud: 'azure', ciType: 'Component', kind: 'network', references: [{ path: 'network_security_group_name', to: 'azurerm_network_security_group', type: 'CONNECTS_TO' }] },
  azurerm_network_interface_security_group_association: {
    cloud: 'azure', ciType: 'Component',
    edge: { from: { path: 'network_interface_id', to: 'azurerm_network_interface', type: 'DEPENDS_ON' }, to: { path: 'network_security_group_id', to: 'azurerm_network_security_group', type: 'DEPENDS_ON' }, type: 'DEPENDS_ON' },
  },
  azurerm_public_ip: { cloud: 'azure', ciType: 'Component', kind: 'network', references: [rg], keep: ['ip_address'] },
  azurerm_availability_set: { cloud: 'azure', ciType: 'RedundancyGroup', references: [rg], minHealthy: () => 1 },
  azurerm_linux_virtual_machine: { cloud: 'azure', ciType: 'Component', kind: 'host', references: [{ path: 'network_interface_ids', to: 'azurerm_network_interface', type: 'DEPENDS_ON' }, { path: 'availability_set_id', to: 'azurerm_availability_set', type: 'HAS_MEMBER', reverse: true }], keep: ['size', 'location'] },
  azurerm_virtual_network_peering: { cloud: 'azure', ciType: 'Component', kind: 'network', references: [{ path: 'virtual_network_name', to: 'azurerm_virtual_network', type: 'DEPENDS_ON' }, { path: 'remote_virtual_network_id', to: 'azurerm_virtual_network', type: 'DEPENDS_ON' }] },
  azurerm_storage_account: { cloud: 'azure', ciType: 'Component', kind: 'storage', references: [rg] },
};
azureRules.azurerm_virtual_machine = { ...azureRules.azurerm_linux_virtual_machine!, keep: ['vm_size', 'location'] };
azureRules.azurerm_windows_virtual_machine = azureRules.azurerm_linux_virtual_machine!;

const gcpRules: Record<string, ResourceRule> = {
  google_compute_network: { cloud: 'gcp', ciType: 'Component', kind: 'network' },
  google_compute_subnetwork: { cloud: 'gcp', ciType: 'Component', kind: 'network', references: [{ path: 'network', to: 'google_compute_network', type: 'DEPENDS_ON' }], keep: ['ip_cidr_range', 'region'] },
  google_compute_router: { cloud: 'gcp', ciType: 'Component', kind: 'network', references: [{ path: 'network', to: 'google_compute_network', type: 'DEPENDS_ON' }], keep: ['region'] },
  google_compute_instance: { cloud: 'gcp', ciType: 'Component', kind: 'host', references: [{ path: 'network_interface.subnetwork', to: 'google_compute_subnetwork', type: 'DEPENDS_ON' }, { path: 'network_interface.network', to: 'google_compute_network', type: 'DEPENDS_ON' }], keep: ['machine_type', 'zone'] },
  google_container_cluster: { cloud: 'gcp', ciType: 'Component', kind: 'cluster', references: [{ path: 'network', to: 'google_compute_network', type: 'DEPENDS_ON' }], keep: ['location'] },
  google_sql_database_instance: { cloud: 'gcp', ciType: 'Component', kind: 'database', keep: ['database_version', 'region'] },
  google_storage_bucket: { cloud: 'gcp', ciType: 'Component', kind: 'storage', keep: ['location'] },
  google_service_account: { cloud: 'gcp', ciType: 'Component', kind: 'identity' },
};

const apiSubnet = (path: string): ReferenceRule => ({ path, to: 'aws_subnet', type: 'DEPENDS_ON' });
const apiSg = (path: string): ReferenceRule => ({ path, to: 'aws_security_group', type: 'DEPENDS_ON' });
const apiVpc: ReferenceRule = { path: 'VpcId', to: 'aws_vpc', type: 'DEPENDS_ON' };

/** The API column of the AWS rows. */
const awsApi: Record<string, ApiMapping> = {
  aws_vpc: { scope: 'ec2:vpc', list: 'Vpcs', id: 'VpcId', keep: { CidrBlock: 'cidr_block' } },
  aws_subnet: { scope: 'ec2:subnet', list: 'Subnets', id: 'SubnetId', arn: 'SubnetArn', references: [apiVpc], keep: { CidrBlock: 'cidr_block', AvailabilityZone: 'availability_zone' } },
  aws_security_group: {
    scope: 'ec2:security-group', list: 'SecurityGroups', id: 'GroupId', arn: 'SecurityGroupArn', name: 'GroupName',
    references: [apiVpc, { path: 'IpPermissions.UserIdGroupPairs.GroupId', to: 'aws_security_group', type: 'CONNECTS_TO' }],
  },
  aws_instance: {
    scope: 'ec2:instance', list: 'Reservations.Instances', id: 'InstanceId',
    references: [apiSubnet('SubnetId'), apiSg('SecurityGroups.GroupId')],
    keep: { InstanceType: 'instance_type', 'Placement.AvailabilityZone': 'availability_zone', PrivateIpAddress: 'private_ip', 'State.Name': 'instance_state' },
  },
  aws_internet_gateway: { scope: 'ec2:internet-gateway', list: 'InternetGateways', id: 'InternetGatewayId', references: [{ path: 'Attachments.VpcId', to: 'aws_vpc', type: 'DEPENDS_ON' }] },
  aws_nat_gateway: { scope: 'ec2:natgateway', list: 'NatGateways', id: 'NatGatewayId', references: [apiSubnet('SubnetId'), { path: 'NatGatewayAddresses.AllocationId', to: 'aws_eip', type: 'DEPENDS_ON' }] },
  aws_route_table: {
    scope: 'ec2:route-table', list: 'RouteTables', id: 'RouteTableId',
    references: [
      apiVpc,
      { path: 'Routes.GatewayId', to: 'aws_internet_gateway', type: 'DEPENDS_ON' },
      { path: 'Routes.NatGatewayId', to: 'aws_nat_gateway', type: 'DEPENDS_ON' },
      { path: 'Associations.SubnetId', to: 'aws_subnet', type: 'DEPENDS_ON', reverse: true },
    ],
  },
  aws_lb: {
    scope: 'elasticloadbalancing:loadbalancer', list: 'LoadBalancers', id: 'LoadBalancerArn', arn: 'LoadBalancerArn', name: 'LoadBalancerName',
    references: [apiSubnet('AvailabilityZones.SubnetId'), apiSg('SecurityGroups')], keep: { DNSName: 'dns_name', Type: 'load_balancer_type' },
  },
  aws_lb_target_group: {
    scope: 'elasticloadbalancing:targetgroup', list: 'TargetGroups', id: 'TargetGroupArn', arn: 'TargetGroupArn', name: 'TargetGroupName',
    // `Targets` is added from DescribeTargetHealth when reading live.
    references: [apiVpc, { path: 'Targets.Id', to: 'aws_instance', type: 'HAS_MEMBER' }, { path: 'LoadBalancerArns', to: 'aws_lb', type: 'DEPENDS_ON', reverse: true }],
    keep: { Port: 'port', Protocol: 'protocol', TargetType: 'target_type' }, minHealthy: () => 1,
  },
  aws_autoscaling_group: {
    scope: 'autoscaling:autoScalingGroup', list: 'AutoScalingGroups', id: 'AutoScalingGroupName', arn: 'AutoScalingGroupARN', name: 'AutoScalingGroupName',
    references: [{ path: 'Instances.InstanceId', to: 'aws_instance', type: 'HAS_MEMBER' }, apiSubnet('VPCZoneIdentifier'), { path: 'TargetGroupARNs', to: 'aws_lb_target_group', type: 'DEPENDS_ON', reverse: true }],
    keep: { MinSize: 'min_size', MaxSize: 'max_size', DesiredCapacity: 'desired_capacity' },
    minHealthy: (r) => Math.max(1, number(r.MinSize, 1)),
  },
  aws_db_instance: {
    scope: 'rds:db', list: 'DBInstances', id: 'DBInstanceIdentifier', arn: 'DBInstanceArn',
    references: [apiSg('VpcSecurityGroups.VpcSecurityGroupId'), apiSubnet('DBSubnetGroup.Subnets.SubnetIdentifier')],
    keep: { Engine: 'engine', EngineVersion: 'engine_version', DBInstanceClass: 'instance_class', MultiAZ: 'multi_az', 'Endpoint.Address': 'endpoint' },
  },
  aws_rds_cluster: {
    scope: 'rds:cluster', list: 'DBClusters', id: 'DBClusterIdentifier', arn: 'DBClusterArn',
    references: [apiSg('VpcSecurityGroups.VpcSecurityGroupId'), { path: 'DBClusterMembers.DBInstanceIdentifier', to: 'aws_db_instance', type: 'HAS_MEMBER' }],
    keep: { Engine: 'engine', EngineVersion: 'engine_version', Endpoint: 'endpoint' }, minHealthy: () => 1,
  },
  aws_lambda_function: {
    scope: 'lambda:function', list: 'Functions', id: 'FunctionName', arn: 'FunctionArn',
    references: [apiSubnet('VpcConfig.SubnetIds'), apiSg('VpcConfig.SecurityGroupIds'), { path: 'Role', to: 'aws_iam_role', type: 'DEPENDS_ON' }],
    keep: { Runtime: 'runtime', Handler: 'handler', MemorySize: 'memory_size' },
  },
  aws_ecs_cluster: { scope: 'ecs:cluster', list: 'clusters', id: 'clusterName', arn: 'clusterArn' },
  aws_ecs_service: {
    scope: 'ecs:service', list: 'services', id: 'serviceName', arn: 'serviceArn',
    references: [
      { path: 'clusterArn', to: 'aws_ecs_cluster', type: 'RUNS_ON' },
      apiSubnet('networkConfiguration.awsvpcConfiguration.subnets'), apiSg('networkConfiguration.awsvpcConfiguration.securityGroups'),
      { path: 'loadBalancers.targetGroupArn', to: 'aws_lb_target_group', type: 'DEPENDS_ON', reverse: true },
    ],
    keep: { desiredCount: 'desired_count', launchType: 'launch_type' },
    minHealthy: (r) => Math.max(1, Math.ceil((number(r.desiredCount, 1) * number((r.deploymentConfiguration as { minimumHealthyPercent?: unknown } | undefined)?.minimumHealthyPercent, 100)) / 100)),
  },
  aws_eks_cluster: {
    scope: 'eks:cluster', list: 'cluster', id: 'name', arn: 'arn',
    references: [apiSubnet('resourcesVpcConfig.subnetIds'), apiSg('resourcesVpcConfig.securityGroupIds'), { path: 'roleArn', to: 'aws_iam_role', type: 'DEPENDS_ON' }],
    keep: { version: 'version', endpoint: 'endpoint' },
  },
  aws_s3_bucket: { scope: 's3:bucket', list: 'Buckets', id: 'Name' },
  aws_dynamodb_table: { scope: 'dynamodb:table', list: 'Table', id: 'TableName', arn: 'TableArn', keep: { 'BillingModeSummary.BillingMode': 'billing_mode' } },
  aws_sqs_queue: { scope: 'sqs:queue', list: 'Queues', id: 'QueueName', arn: 'QueueArn' },
  aws_sns_topic: { scope: 'sns:topic', list: 'Topics', id: 'TopicArn', arn: 'TopicArn' },
  aws_route53_zone: { scope: 'route53:hostedzone', list: 'HostedZones', id: 'ZoneId', name: 'Name', keep: { Name: 'name' } },
  aws_route53_record: {
    scope: 'route53:record', list: 'ResourceRecordSets', id: 'Name', name: 'Name',
    key: (r) => awsRules.aws_route53_record!.key!({ zone_id: r.ZoneId, name: r.Name, type: r.Type, set_identifier: r.SetIdentifier }),
    references: [{ path: 'ZoneId', to: 'aws_route53_zone', type: 'DEPENDS_ON' }], keep: { Name: 'name', Type: 'type', TTL: 'ttl' },
  },
  aws_iam_role: { scope: 'iam:role', list: 'RoleDetailList', id: 'RoleName', arn: 'Arn', references: [{ path: 'AttachedManagedPolicies.PolicyArn', to: 'aws_iam_policy', type: 'CONNECTS_TO' }] },
  aws_iam_user: { scope: 'iam:user', list: 'UserDetailList', id: 'UserName', arn: 'Arn', references: [{ path: 'AttachedManagedPolicies.PolicyArn', to: 'aws_iam_policy', type: 'CONNECTS_TO' }] },
  aws_iam_group: { scope: 'iam:group', list: 'GroupDetailList', id: 'GroupName', arn: 'Arn', references: [{ path: 'AttachedManagedPolicies.PolicyArn', to: 'aws_iam_policy', type: 'CONNECTS_TO' }] },
  aws_iam_policy: { scope: 'iam:policy', list: 'Policies', id: 'PolicyName', arn: 'Arn' },
};
awsRules.aws_iam_user = { cloud: 'aws', ciType: 'Component', kind: 'identity' };
awsRules.aws_iam_group = { cloud: 'aws', ciType: 'Component', kind: 'identity' };
awsRules.aws_iam_policy = { cloud: 'aws', ciType: 'Component', kind: 'identity' };
for (const [type, api] of Object.entries(awsApi)) awsRules[type] = { ...awsRules[type]!, api };

/** Every mapped resource type. */
export const resourceRules: Readonly<Record<string, ResourceRule>> = { ...awsRules, ...azureRules, ...gcpRules };

/** The cloud a resource type belongs to, from its provider prefix (also for unmapped types). */
export function cloudOfType(type: string): Cloud | undefined {
  if (type.startsWith('aws_')) return 'aws';
  if (type.startsWith('azurerm_')) return 'azure';
  if (type.startsWith('google_')) return 'gcp';
  return undefined;
}
