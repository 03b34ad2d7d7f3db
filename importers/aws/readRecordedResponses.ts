import { InvalidError } from '../../server/errors.ts';
import { parseJsonDocument } from '../shared/parseJsonDocument.ts';
import { parseArn } from '../shared/cloudIdentity.ts';
import { resourceRules } from '../shared/resourceRules.ts';
import { recordsAt } from '../shared/paths.ts';
import type { AwsReading } from './awsReadingToSnapshot.ts';

/**
 * Recorded AWS API responses as an AwsReading: the plain output of the AWS CLI
 * (`aws ec2 describe-instances > file.json`) or a boto3 response recorded by
 * placebo (`{"status_code": 200, "data": {...}}`). The operation is recognised
 * by the response's top-level list; account and region come from the ARNs,
 * owner ids and availability zones in the data, or from the caller.
 */
export function readRecordedResponse(
  text: string,
  file: string,
  given: { account?: string; region?: string } = {},
  fallback: (found: { account?: string; region?: string }, file: string) => { account?: string; region?: string; from?: string } = () => ({}),
  parsed?: unknown,
): AwsReading {
  const document = parseJsonDocument(text, file, 'a recorded AWS response', parsed);
  const wrapped = document as { status_code?: unknown; data?: unknown };
  const data = (typeof wrapped?.status_code === 'number' && typeof wrapped.data === 'object' ? wrapped.data : document) as Record<string, unknown>;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new InvalidError([{ file, message: 'not a recorded AWS response: expected an object' }]);

  const records: AwsReading['records'] = [];
  for (const [type, rule] of Object.entries(resourceRules)) {
    const api = rule.api;
    if (!api || !(api.list.split('.')[0]! in data)) continue;
    if (type === 'aws_lb' && !('LoadBalancers' in data && recordsAt(data, 'LoadBalancers').some((lb) => 'LoadBalancerArn' in lb))) continue;
    records.push({ rule: type, records: enrichRecords(type, recordsAt(data, api.list)), place: `${file}: ${api.list}` });
  }
  if (!records.length) {
    throw new InvalidError([{ file, message: `not a recorded AWS response Trellis reads (top-level keys: ${Object.keys(data).slice(0, 8).join(', ')})` }]);
  }
  const found = accountAndRegion(data);
  const allGlobal = records.every((r) => /^(iam|s3|route53):/.test(resourceRules[r.rule]!.api!.scope));
  let account = given.account ?? found.account;
  let region = given.region ?? found.region ?? (allGlobal ? 'global' : undefined);
  const warnings: AwsReading['warnings'] = [];
  if (!account || !region) {
    const inferred = fallback({ account, region }, file);
    if (!account && inferred.account) warnings.push({ code: 'inferred', file, message: `account ${inferred.account} taken from ${inferred.from}: this recording does not name one` });
    if (!region && inferred.region) warnings.push({ code: 'inferred', file, message: `region ${inferred.region} taken from ${inferred.from}: this recording does not name one` });
    account ??= inferred.account;
    region ??= inferred.region;
  }
  if (!account || !region) {
    throw new InvalidError([{ file, message: `cannot tell which ${!account ? 'account' : 'region'} this recording is from; pass --${!account ? 'account' : 'region'}` }]);
  }
  return { account, region, partition: found.partition, records, failed: [], warnings };
}

/** Fields the API spells differently from what the rule table reads (Route 53 ids carry a prefix). */
export function enrichRecords(type: string, records: Record<string, unknown>[], extra: Record<string, unknown> = {}): Record<string, unknown>[] {
  return records.map((record) => {
    const enriched = { ...record, ...extra };
    if (type === 'aws_route53_zone' && typeof record.Id === 'string') enriched.ZoneId = record.Id.replace(/^\/hostedzone\//, '');
    if (type === 'aws_sqs_queue' && typeof record.QueueUrl === 'string' && !record.QueueName) enriched.QueueName = record.QueueUrl.split('/').pop();
    return enriched;
  });
}

/**
 * For the recordings of one directory: a recording that does not name its
 * account or region takes them from recordings that share resource ids with it
 * (the subnet file names the VPC the security group file also names), or else
 * from recordings of the same account or region, when those all agree.
 */
export function recordingNeighbours(documents: { file: string; text: string }[]): RecordingNeighbours {
  return neighboursOf(documents.flatMap(({ file, text }) => {
    try {
      return [recordingFacts(file, JSON.parse(text))];
    } catch {
      // Unreadable files are reported when they are imported.
      return [];
    }
  }));
}

/** Where a recording that does not say may take its account and region from. */
export type RecordingNeighbours = (found: { account?: string; region?: string }, file?: string) => { account?: string; region?: string; from?: string };

/** What one recording (parsed) tells its neighbours: the resource ids it names, and its account and region if it says. */
export interface RecordingFacts {
  file: string;
  ids: Set<string>;
  account?: string;
  region?: string;
}

export function recordingFacts(file: string, parsed: unknown): RecordingFacts {
  const wrapper = parsed as { status_code?: unknown; data?: unknown } | null;
  const data = typeof wrapper?.status_code === 'number' ? wrapper.data : parsed;
  const ids = new Set(JSON.stringify(data ?? null).match(/\b(vpc|subnet|sg|i|igw|rtb|nat|eni)-[0-9a-f]{8,17}\b/g) ?? []);
  const { account, region } = accountAndRegion(data);
  return { file, ids, account, region };
}

/** The neighbour lookup over the facts of a directory's recordings. */
export function neighboursOf(facts: readonly RecordingFacts[]): RecordingNeighbours {
  const known: { account: string; region: string; file: string; ids: Set<string> }[] = [];
  const idsOf = new Map<string, Set<string>>();
  for (const { file, ids, account, region } of facts) {
    idsOf.set(file, ids);
    if (account && region) known.push({ account, region, file, ids });
  }
  const agreed = (candidates: typeof known, how: string) => {
    const places = new Set(candidates.map((c) => `${c.account} ${c.region}`));
    return places.size === 1 ? { account: candidates[0]!.account, region: candidates[0]!.region, from: `${candidates.map((c) => c.file).join(', ')} (${how})` } : undefined;
  };
  return ({ account, region }, file) => {
    const ids = file ? idsOf.get(file) : undefined;
    const sharing = ids ? known.filter((k) => k.file !== file && [...ids].some((id) => k.ids.has(id))) : [];
    return agreed(sharing, 'same resource ids')
      ?? agreed(known.filter((k) => (account && k.account === account) || (region && k.region === region)), account ? 'same account' : 'same region')
      ?? {};
  };
}

/** The most frequent account and region named in the data (ARNs, owner ids, zones). */
function accountAndRegion(data: unknown): { account?: string; region?: string; partition?: string } {
  const accounts = new Map<string, number>();
  const regions = new Map<string, number>();
  let partition: string | undefined;
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const visit = (value: unknown, key?: string) => {
    if (typeof value === 'string') {
      const arn = parseArn(value);
      if (arn) {
        if (/^\d{12}$/.test(arn.account)) count(accounts, arn.account);
        if (arn.region) count(regions, arn.region);
        partition ??= arn.partition;
      } else if (key === 'OwnerId' && /^\d{12}$/.test(value)) count(accounts, value);
      else if (key === 'AvailabilityZone' && /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/.test(value)) count(regions, value.slice(0, -1));
      return;
    }
    if (Array.isArray(value)) value.forEach((v) => visit(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(data);
  const top = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  return { account: top(accounts), region: top(regions), partition };
}
