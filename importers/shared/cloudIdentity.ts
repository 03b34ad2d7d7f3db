/**
 * Identity keys of cloud resources, the same whichever source saw them: AWS ARNs
 * (or an ARN-shaped key where the API gives none), Azure resource ids in lower
 * case (Azure compares them case-insensitively), Google resource paths without
 * the API host. Terraform states and the cloud APIs both land on these keys.
 */

export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(text: unknown): ArnParts | undefined {
  if (typeof text !== 'string' || !text.startsWith('arn:')) return undefined;
  const parts = text.split(':');
  if (parts.length < 6) return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** Where an AWS resource lives, for building the ARN-shaped keys of what it references. */
export interface AwsPlace {
  partition: string;
  region: string;
  account: string;
}

/** How a resource's ARN is built from its id: `ec2` + `vpc/`; S3 and Route 53 leave region and account empty. */
export interface ArnRule {
  service: string;
  prefix: string;
  regionless?: boolean;
  accountless?: boolean;
}

/** `arn:aws:ec2:eu-west-1:123:vpc/vpc-1` from a place, a rule and an id; undefined when the place is needed but unknown. */
export function awsKey(rule: ArnRule, place: AwsPlace | undefined, id: string): string | undefined {
  const region = rule.regionless ? '' : place?.region;
  const account = rule.accountless ? '' : place?.account;
  if (region === undefined || account === undefined) return undefined;
  return `arn:${place?.partition ?? 'aws'}:${rule.service}:${region}:${account}:${rule.prefix}${id}`;
}

/** The key of an Azure resource id. */
export function azureKey(id: string): string | undefined {
  return id.startsWith('/subscriptions/') ? `azure:${id.toLowerCase()}` : undefined;
}

/** The key of a Google resource from its self link or its `projects/...` id. */
export function gcpKey(reference: string): string | undefined {
  const path = reference.replace(/^https:\/\/[^/]+\/[^/]+\/(v1|beta|v1beta1)\//, '');
  return path.startsWith('projects/') ? `gcp:${path}` : undefined;
}
