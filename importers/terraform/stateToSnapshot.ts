import type { Attributes, JsonValue } from '../../schema/attributes.ts';
import type { ImportWarning, Snapshot, SnapshotItem, SnapshotRelationship } from '../../schema/imports.ts';
import type { RelationshipType } from '../../schema/relationships.ts';
import { awsKey, azureKey, gcpKey, parseArn, type AwsPlace } from '../shared/cloudIdentity.ts';
import { cloudOfType, resourceRules, type ResourceRule } from '../shared/resourceRules.ts';
import { stringsAt } from '../shared/paths.ts';
import { isSecretName, withoutSecrets } from '../shared/secrets.ts';
import type { StateInstance } from './readStateInstances.ts';

/**
 * Turns the instances of one Terraform state into a snapshot of scope
 * `terraform:<lineage>`: one CI per managed resource instance (mapped types by
 * the shared rule table, the rest kept as generic cloud resources and reported),
 * typed relationships from attribute references, and the direct part of
 * Terraform's transitive `dependencies`.
 */
export function stateToSnapshot(instances: StateInstance[], scopeName: string, file: string): Snapshot {
  const state = indexState(instances, scopeName, file);
  const links = new Links(state.scope);
  addReferences(state, links);
  addDependencies(state, links);
  return { source: 'terraform', scopes: [state.scope], gaps: [], items: state.items, relationships: links.relationships, warnings: dedupeWarnings(state.warnings) };
}

/** The state's items and the lookups that relationships need. */
interface StateIndex {
  scope: string;
  file: string;
  items: SnapshotItem[];
  warnings: ImportWarning[];
  /** Instances by address, the first of duplicates. */
  byAddress: Map<string, StateInstance>;
  /** Primary keys of every instance of a resource address. */
  keysOfResource: Map<string, string[]>;
  /** Primary keys by the ids, ARNs and links other resources refer to them by. */
  keyOfCloudId: Map<string, string>;
  primaryKey: Map<StateInstance, string>;
}

function indexState(instances: StateInstance[], scopeName: string, file: string): StateIndex {
  const state: StateIndex = {
    scope: `terraform:${scopeName}`, file, items: [], warnings: [], byAddress: new Map(), keysOfResource: new Map(), keyOfCloudId: new Map(), primaryKey: new Map(),
  };
  const unmapped = new Map<string, number>();
  for (const instance of instances) {
    if (state.byAddress.has(instance.address)) {
      state.warnings.push({ code: 'duplicate', file, place: instance.place, message: `${instance.address} appears more than once; the first is kept` });
      continue;
    }
    state.byAddress.set(instance.address, instance);
    const rule = resourceRules[instance.type];
    if (rule?.edge) continue;
    if (!rule) unmapped.set(instance.type, (unmapped.get(instance.type) ?? 0) + 1);
    const addressKey = `tf:${scopeName}:${instance.address}`;
    const cloudKey = rule ? cloudKeyOf(rule, instance) : genericCloudKey(instance);
    const keys = cloudKey ? [cloudKey, addressKey] : [addressKey];
    state.primaryKey.set(instance, keys[0]!);
    push(state.keysOfResource, instance.resource, keys[0]!);
    for (const id of cloudIds(instance.attributes)) if (!state.keyOfCloudId.has(id)) state.keyOfCloudId.set(id, keys[0]!);
    state.items.push({ scope: state.scope, keys, ...describe(instance, rule), place: instance.place });
  }
  for (const [type, count] of unmapped) {
    state.warnings.push({ code: 'unmapped_type', file, message: `${type}: no mapping (${count} instance${count === 1 ? '' : 's'} kept as generic cloud resources)` });
  }
  return state;
}

/** The snapshot's relationships, each once, remembering which pairs attribute references linked. */
class Links {
  readonly relationships: SnapshotRelationship[] = [];
  private readonly seen = new Set<string>();
  private readonly referenced = new Set<string>();
  private readonly scope: string;

  constructor(scope: string) {
    this.scope = scope;
  }

  add(from: string, type: RelationshipType, to: string, place: string, options: { soft?: boolean; reference?: boolean } = {}): void {
    if (from === to) return;
    if (options.reference) this.referenced.add(`${from} ${to}`);
    const key = `${from} ${type} ${to}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.relationships.push({ scope: this.scope, from, type, to, place, ...(options.soft ? { strength: 'soft' as const } : {}) });
  }

  /** True when an attribute reference links the two, either way round. */
  linkedByReference(a: string, b: string): boolean {
    return this.referenced.has(`${a} ${b}`) || this.referenced.has(`${b} ${a}`);
  }
}

/** Typed relationships from attribute references (and attachment resources, which are only a relationship). */
function addReferences(state: StateIndex, links: Links): void {
  const resolve = (value: string, target: string, instance: StateInstance) => state.keyOfCloudId.get(normalizeId(value)) ?? referenceKey(value, target, instance);
  for (const instance of state.byAddress.values()) {
    const rule = resourceRules[instance.type];
    if (rule?.edge) {
      const [from] = stringsAt(instance.attributes, rule.edge.from.path).map((v) => resolve(v, rule.edge!.from.to, instance));
      const [to] = stringsAt(instance.attributes, rule.edge.to.path).map((v) => resolve(v, rule.edge!.to.to, instance));
      if (from && to) links.add(from, rule.edge.type, to, instance.place, { reference: true });
      else state.warnings.push({ code: 'dangling_reference', file: state.file, place: instance.place, message: `${instance.type} names no ${from ? rule.edge.to.path : rule.edge.from.path}` });
      continue;
    }
    const self = state.primaryKey.get(instance)!;
    for (const reference of rule?.references ?? []) {
      for (const value of stringsAt(instance.attributes, reference.path)) {
        const target = resolve(value, reference.to, instance);
        if (!target) continue;
        if (reference.reverse) links.add(target, reference.type, self, instance.place, { reference: true });
        else links.add(self, reference.type, target, instance.place, { soft: reference.soft, reference: true });
      }
    }
  }
}

/** Terraform's dependencies, direct ones only, where no reference already says which instance is meant. */
function addDependencies(state: StateIndex, links: Links): void {
  const direct = directDependencies([...state.byAddress.values()]);
  const missing = new Map<string, string[]>();
  for (const instance of state.byAddress.values()) {
    const self = state.primaryKey.get(instance);
    if (!self) continue;
    for (const resource of direct.get(instance.resource) ?? []) {
      const targets = state.keysOfResource.get(resource);
      if (!targets) {
        if (!/^(var|data|local|module)\./.test(resource)) push(missing, resource, instance.address);
        continue;
      }
      if (targets.some((target) => links.linkedByReference(self, target))) continue;
      for (const target of targets) links.add(self, 'DEPENDS_ON', target, instance.place);
    }
  }
  // Attachments are resources without a CI of their own: depending on one is not dangling.
  const resources = new Set([...state.byAddress.values()].map((i) => i.resource));
  for (const [resource, dependents] of missing) {
    if (resources.has(resource)) continue;
    const named = dependents.slice(0, 3).join(', ') + (dependents.length > 3 ? ` and ${dependents.length - 3} more` : '');
    state.warnings.push({ code: 'dangling_reference', file: state.file, place: resource, message: `${named} depend${dependents.length === 1 ? 's' : ''} on ${resource}, which is not in this state` });
  }
}

/** The CI fields of an instance: type, name and the attributes worth keeping, never secrets. */
function describe(instance: StateInstance, rule: ResourceRule | undefined): Pick<SnapshotItem, 'type' | 'name' | 'attributes'> {
  const a = instance.attributes;
  const arn = parseArn(a.arn);
  const tags = isStringMap(a.tags) ? withoutSecrets(a.tags) : undefined;
  const attributes: Attributes = {
    kind: rule?.kind ?? 'cloud_resource',
    provider: rule?.cloud ?? cloudOfType(instance.type) ?? instance.type.split('_')[0]!,
    resourceType: instance.type,
    'terraform.address': instance.address,
  };
  if (rule && rule.ciType !== 'Component') delete attributes.kind;
  if (typeof a.id === 'string' && a.id) attributes.cloudId = a.id;
  if (arn) Object.assign(attributes, { arn: a.arn as string, ...(arn.region ? { region: arn.region } : {}), ...(arn.account ? { account: arn.account } : {}) });
  else if (typeof a.location === 'string') attributes.region = a.location;
  else if (typeof a.region === 'string') attributes.region = a.region;
  if (tags && Object.keys(tags).length) attributes.tags = tags;
  for (const name of rule?.keep ?? []) {
    const value = a[name];
    if (value === undefined || value === null || value === '' || isSecretName(name) || instance.sensitive.has(name)) continue;
    attributes[reservedFieldNames.has(name) ? `resource_${name}` : name] = value as JsonValue;
  }
  if (rule?.ciType === 'RedundancyGroup') attributes.minHealthy = rule.minHealthy?.(a) ?? 1;
  const name = (tags?.Name ?? (typeof a.name === 'string' && a.name ? a.name : undefined) ?? instance.address).slice(0, 200);
  return { type: rule?.ciType ?? 'Component', name, attributes };
}

/** Names a CI uses for its own fields; a resource attribute of that name is kept under `resource_<name>`. */
const reservedFieldNames = new Set(['id', 'type', 'name', 'attributes']);

/** The strongest identity key a mapped resource has: its ARN, Azure id, Google path, or a rule-built key. */
function cloudKeyOf(rule: ResourceRule, instance: StateInstance): string | undefined {
  const a = instance.attributes;
  if (rule.key) return rule.key(a);
  if (rule.cloud !== 'aws') return genericCloudKey(instance);
  if (parseArn(a.arn)) return a.arn as string;
  return rule.arn && typeof a.id === 'string' && a.id ? awsKey(rule.arn, awsPlaceOf(instance), a.id) : undefined;
}

/** Azure ids and Google paths identify resources whatever their type. */
function genericCloudKey(instance: StateInstance): string | undefined {
  const a = instance.attributes;
  if (parseArn(a.arn)) return a.arn as string;
  if (typeof a.id === 'string') {
    const azure = azureKey(a.id);
    if (azure) return azure;
  }
  if (typeof a.self_link === 'string') return gcpKey(a.self_link);
  if (typeof a.id === 'string') return gcpKey(a.id);
  return undefined;
}

/** Values by which other resources may refer to this one. */
function cloudIds(a: Record<string, unknown>): string[] {
  return ['id', 'arn', 'self_link', 'name'].flatMap((field) => (typeof a[field] === 'string' && a[field] ? [normalizeId(a[field] as string)] : []));
}

function normalizeId(value: string): string {
  return value.startsWith('/subscriptions/') ? value.toLowerCase() : value;
}

/** The key of a referenced resource that is not in this state, built from the value and the referrer's place. */
function referenceKey(value: string, target: string, instance: StateInstance): string | undefined {
  if (parseArn(value)) return value;
  const azure = azureKey(value);
  if (azure) return azure;
  const gcp = gcpKey(value);
  if (gcp) return gcp;
  const rule = resourceRules[target];
  if (rule?.cloud !== 'aws' || !rule.arn || !/^[A-Za-z0-9._-]+$/.test(value)) return undefined;
  return awsKey(rule.arn, awsPlaceOf(instance), value);
}

/** Region and account of an AWS resource, from its ARN or owner id. */
function awsPlaceOf(instance: StateInstance): AwsPlace | undefined {
  const a = instance.attributes;
  const arn = parseArn(a.arn);
  if (arn?.region && arn.account) return { partition: arn.partition, region: arn.region, account: arn.account };
  const zone = typeof a.availability_zone === 'string' ? a.availability_zone.replace(/[a-z]$/, '') : undefined;
  const account = typeof a.owner_id === 'string' ? a.owner_id : arn?.account;
  return zone && account ? { partition: 'aws', region: zone, account } : undefined;
}


/**
 * Terraform records every ancestor in `dependencies`. An edge A → C is indirect
 * when some other dependency B of A itself depends on C (and C not on B, which
 * would be a cycle where both edges matter).
 */
export function directDependencies(instances: StateInstance[]): Map<string, string[]> {
  const deps = new Map<string, Set<string>>();
  for (const instance of instances) {
    const set = deps.get(instance.resource) ?? new Set<string>();
    for (const d of instance.dependsOn) if (d !== instance.resource) set.add(d);
    deps.set(instance.resource, set);
  }
  const direct = new Map<string, string[]>();
  for (const [resource, set] of deps) {
    const indirect = new Set<string>();
    for (const b of set) {
      for (const c of deps.get(b) ?? []) {
        if (c !== b && set.has(c) && !deps.get(c)?.has(b)) indirect.add(c);
      }
    }
    direct.set(resource, [...set].filter((c) => !indirect.has(c)));
  }
  return direct;
}

function isStringMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function dedupeWarnings(warnings: ImportWarning[]): ImportWarning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code} ${w.place} ${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
