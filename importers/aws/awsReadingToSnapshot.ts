import type { Attributes, JsonValue } from '../../schema/attributes.ts';
import type { ImportWarning, Snapshot, SnapshotItem, SnapshotRelationship } from '../../schema/imports.ts';
import { awsKey, parseArn, type AwsPlace } from '../shared/cloudIdentity.ts';
import { resourceRules, type ApiMapping, type ResourceRule } from '../shared/resourceRules.ts';
import { stringsAt } from '../shared/paths.ts';
import { isSecretName, withoutSecrets } from '../shared/secrets.ts';

/**
 * What an AWS reading produced, live or from recorded responses: per resource
 * type the records read, and the types that could not be read (their scopes
 * become coverage gaps, so nothing is withdrawn for them).
 */
export interface AwsReading {
  account: string;
  region: string;
  partition?: string;
  /** Records per rule (Terraform resource type naming the row of the rule table). */
  records: { rule: string; records: Record<string, unknown>[]; place: string }[];
  failed: { rule: string; reason: string }[];
  warnings: ImportWarning[];
}

/** Resource types the AWS API lists account-wide rather than per region. */
const globalScopes = /^(iam|s3|route53):/;

/** The scope a rule's records cover in an account and region. */
export function awsScope(account: string, region: string, api: ApiMapping): string {
  return `aws:${account}/${globalScopes.test(api.scope) ? 'global' : region}/${api.scope}`;
}

/** Turns a reading into a snapshot through the API column of the shared rule table. */
export function awsReadingToSnapshot(reading: AwsReading): Snapshot {
  const place: AwsPlace = { partition: reading.partition ?? 'aws', region: reading.region, account: reading.account };
  const warnings = [...reading.warnings];
  const items: SnapshotItem[] = [];
  const keyOfId = new Map<string, string>();
  const scopes = new Set<string>();
  const gaps = new Map<string, string>();
  const pending: { rule: ResourceRule; record: Record<string, unknown>; key: string; scope: string; place: string }[] = [];

  for (const { rule: type, reason } of reading.failed) {
    const api = resourceRules[type]?.api;
    if (api) gaps.set(awsScope(reading.account, reading.region, api), reason);
  }
  for (const group of reading.records) {
    const rule = resourceRules[group.rule];
    if (!rule?.api) throw new Error(`no API mapping for ${group.rule}`);
    const scope = awsScope(reading.account, reading.region, rule.api);
    if (!gaps.has(scope)) scopes.add(scope);
    group.records.forEach((record, i) => {
      const where = `${group.place}[${i}]`;
      const key = keyOf(rule, rule.api!, record, place);
      if (!key) {
        warnings.push({ code: 'malformed', place: where, message: `${group.rule}: no ${rule.api!.arn ?? rule.api!.id} in this record` });
        return;
      }
      for (const id of [text(record[rule.api!.id]), rule.api!.arn ? text(record[rule.api!.arn]) : undefined]) if (id) keyOfId.set(id, key);
      items.push({ scope, keys: [key], ...describe(group.rule, rule, rule.api!, record, reading), place: where });
      pending.push({ rule, record, key, scope, place: where });
    });
  }

  const relationships: SnapshotRelationship[] = [];
  for (const { rule, record, key, scope, place: where } of pending) {
    for (const reference of rule.api!.references ?? []) {
      // Some fields list ids in one string (VPCZoneIdentifier: "subnet-1,subnet-2").
      for (const value of stringsAt(record, reference.path).flatMap((v) => v.split(',').map((id) => id.trim()).filter(Boolean))) {
        const target = keyOfId.get(value) ?? referenceKey(value, reference.to, place);
        if (!target || target === key) continue;
        const [from, to] = reference.reverse ? [target, key] : [key, target];
        relationships.push({ scope, from, type: reference.type, to, place: where, ...(reference.soft ? { strength: 'soft' as const } : {}) });
      }
    }
  }
  return { source: 'aws', scopes: [...scopes], gaps: [...gaps].map(([scope, reason]) => ({ scope, reason })), items, relationships, warnings };
}

function keyOf(rule: ResourceRule, api: ApiMapping, record: Record<string, unknown>, place: AwsPlace): string | undefined {
  const arn = api.arn ? text(record[api.arn]) : undefined;
  if (arn && parseArn(arn)) return arn;
  const built = api.key?.(record);
  if (built) return built;
  const id = text(valueAt(record, api.id));
  return id && rule.arn ? awsKey(rule.arn, place, id) : undefined;
}

function describe(type: string, rule: ResourceRule, api: ApiMapping, record: Record<string, unknown>, reading: AwsReading): Pick<SnapshotItem, 'type' | 'name' | 'attributes'> {
  const tags = tagsOf(record.Tags ?? record.tags);
  const id = text(valueAt(record, api.id));
  const arn = api.arn ? text(record[api.arn]) : undefined;
  const attributes: Attributes = { provider: 'aws', resourceType: type, account: reading.account };
  if (rule.ciType === 'Component') attributes.kind = rule.kind ?? 'cloud_resource';
  if (!globalScopes.test(api.scope)) attributes.region = reading.region;
  if (id) attributes.cloudId = id;
  if (arn && parseArn(arn)) attributes.arn = arn;
  if (Object.keys(tags).length) attributes.tags = tags;
  for (const [path, name] of Object.entries(api.keep ?? {})) {
    const value = valueAt(record, path);
    if (value === undefined || value === null || value === '' || isSecretName(name) || typeof value === 'object') continue;
    attributes[['id', 'type', 'name', 'attributes'].includes(name) ? `resource_${name}` : name] = value as JsonValue;
  }
  if (rule.ciType === 'RedundancyGroup') attributes.minHealthy = api.minHealthy?.(record) ?? 1;
  const name = tags.Name ?? (api.name ? text(valueAt(record, api.name)) : undefined) ?? id ?? type;
  return { type: rule.ciType, name: name.slice(0, 200), attributes };
}

/** EC2-style `[{Key, Value}]` lists and plain maps alike, without secret-named tags. */
function tagsOf(tags: unknown): Record<string, string> {
  if (Array.isArray(tags)) {
    const map: Record<string, string> = {};
    for (const tag of tags) {
      const { Key, Value, key, value } = (tag ?? {}) as Record<string, unknown>;
      const k = Key ?? key;
      if (typeof k === 'string') map[k] = String(Value ?? value ?? '');
    }
    return withoutSecrets(map);
  }
  return tags && typeof tags === 'object' ? withoutSecrets(tags as Record<string, unknown>) : {};
}

/** The key of a referenced resource not in this reading: the ARN it is, or one built from its id. */
function referenceKey(value: string, target: string, place: AwsPlace): string | undefined {
  if (parseArn(value)) return value;
  const rule = resourceRules[target];
  if (rule?.api?.key || !rule?.arn || !/^[A-Za-z0-9._-]+$/.test(value)) return undefined;
  return awsKey(rule.arn, place, value);
}

/** The value at a dotted path (first match when lists are crossed). */
function valueAt(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (Array.isArray(value)) value = value[0];
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}



function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
