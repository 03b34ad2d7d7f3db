import type { Attributes, JsonValue } from '../../schema/attributes.ts';
import type { CIType } from '../../schema/ciTypes.ts';
import type { ImportWarning, Snapshot, SnapshotItem, SnapshotRelationship } from '../../schema/imports.ts';
import type { RelationshipType } from '../../schema/relationships.ts';
import type { KubeObject } from '../kubernetes/readManifests.ts';

/**
 * A Backstage catalog (the descriptor files teams keep beside their code) as a
 * snapshot: Components, Systems, APIs, Resources and Domains become services and
 * components, Groups become teams with their Users as contacts, and the
 * catalog's relations become relationships: ownership, dependencies, APIs
 * provided and consumed, parts of systems. Backstage is the source of intent:
 * owners, descriptions and lifecycles win over what cloud APIs say.
 */

/** An entity reference `[kind:][namespace/]name` as a key; kinds and namespaces compare case-insensitively. */
export function entityKey(ref: string, defaultKind: string, defaultNamespace = 'default'): string | undefined {
  const match = /^(?:([A-Za-z]+):)?(?:([A-Za-z0-9._-]+)\/)?([A-Za-z0-9._-]+)$/.exec(ref.trim());
  if (!match) return undefined;
  const [, kind = defaultKind, namespace = defaultNamespace, name] = match;
  return `backstage:${kind.toLowerCase()}:${namespace.toLowerCase()}/${name}`;
}

const componentKinds: Record<string, string> = { database: 'database', 's3-bucket': 'storage', bucket: 'storage', storage: 'storage', queue: 'queue', cache: 'cache' };

export function catalogToSnapshot(entities: KubeObject[], scope: string, file: string, warnings: ImportWarning[] = []): Snapshot {
  const items: SnapshotItem[] = [];
  const relationships: SnapshotRelationship[] = [];
  const keyOf = (e: KubeObject) => entityKey(`${e.kind}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`, e.kind)!;
  const refs = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string');
  const relate = (e: KubeObject, from: string, type: RelationshipType, ref: string, defaultKind: string, reverse = false) => {
    const target = entityKey(ref, defaultKind, e.metadata.namespace);
    if (!target) {
      warnings.push({ code: 'malformed', file, place: e.place, message: `"${ref}" is not an entity reference` });
      return;
    }
    const [a, b] = reverse ? [target, from] : [from, target];
    if (a !== b) relationships.push({ scope, from: a, type, to: b, place: e.place });
  };
  const contacts = new Map<string, JsonValue[]>();
  for (const user of entities.filter((e) => e.kind === 'User')) {
    const profile = (user.spec?.profile ?? {}) as { email?: unknown; displayName?: unknown };
    if (typeof profile.email !== 'string') continue;
    const contact = { name: typeof profile.displayName === 'string' ? profile.displayName : user.metadata.name, email: profile.email.trim() };
    for (const group of refs(user.spec?.memberOf)) {
      const key = entityKey(group, 'group', user.metadata.namespace);
      if (key) contacts.set(key, [...(contacts.get(key) ?? []), contact]);
    }
  }

  for (const e of entities) {
    const spec = e.spec ?? {};
    const key = keyOf(e);
    const described = describe(e, spec, contacts.get(key));
    if (!described) {
      if (e.kind !== 'User') warnings.push({ code: 'skipped', file, place: e.place, message: `${e.kind} entities are not imported${e.kind === 'Location' ? '; import the files it names' : ''}` });
      continue;
    }
    items.push({ scope, keys: [key], ...described, place: e.place });
    for (const owner of refs(spec.owner)) relate(e, key, 'OWNED_BY', owner, 'group');
    for (const ref of refs(spec.dependsOn)) relate(e, key, 'DEPENDS_ON', ref, 'component');
    for (const ref of refs(spec.dependencyOf)) relate(e, key, 'DEPENDS_ON', ref, 'component', true);
    for (const ref of refs(spec.consumesApis)) relate(e, key, 'DEPENDS_ON', ref, 'api');
    for (const ref of refs(spec.providesApis)) relate(e, key, 'DEPENDS_ON', ref, 'api', true);
    for (const ref of refs(spec.system)) relate(e, key, 'DEPENDS_ON', ref, 'system', true);
    for (const ref of refs(spec.subcomponentOf)) relate(e, key, 'DEPENDS_ON', ref, 'component', true);
    for (const ref of refs(spec.domain)) relate(e, key, 'CONNECTS_TO', ref, 'domain');
  }
  return { source: 'backstage', scopes: [scope], gaps: [], items, relationships, warnings };
}

/** The CI an entity becomes, or undefined for kinds that are not CIs (users become contacts of their groups). */
function describe(e: KubeObject, spec: Record<string, unknown>, contacts: JsonValue[] | undefined): Pick<SnapshotItem, 'type' | 'name' | 'attributes'> | undefined {
  const meta = e.metadata as KubeObject['metadata'] & { title?: unknown; description?: unknown; tags?: unknown };
  const attributes: Attributes = { provider: 'backstage', 'backstage.kind': e.kind };
  if (typeof meta.description === 'string' && meta.description.trim()) attributes.description = meta.description.trim().slice(0, 5000);
  if (typeof spec.type === 'string') attributes['backstage.type'] = spec.type;
  if (typeof spec.lifecycle === 'string') {
    attributes['backstage.lifecycle'] = spec.lifecycle;
    const lifecycle = { production: 'live', experimental: 'planned' }[spec.lifecycle];
    if (lifecycle) attributes.lifecycle = lifecycle;
  }
  if (Array.isArray(meta.tags)) attributes.labels = meta.tags.filter((t): t is string => typeof t === 'string');
  const name = (typeof meta.title === 'string' && meta.title.trim()) || e.metadata.name;
  let type: CIType;
  switch (e.kind) {
    case 'Component':
      type = spec.type === 'service' || spec.type === 'website' ? 'Service' : 'Component';
      if (type === 'Service') attributes.kind = 'technical';
      else attributes.kind = 'application';
      break;
    case 'System':
    case 'Domain':
      type = 'Service';
      attributes.kind = 'business';
      break;
    case 'API':
      type = 'Component';
      attributes.kind = 'api';
      break;
    case 'Resource':
      type = 'Component';
      attributes.kind = componentKinds[String(spec.type)] ?? 'cloud_resource';
      break;
    case 'Group': {
      type = 'Team';
      const profile = (spec.profile ?? {}) as { email?: unknown; displayName?: unknown };
      const own = typeof profile.email === 'string' ? [{ name: typeof profile.displayName === 'string' ? profile.displayName : e.metadata.name, role: 'team', email: profile.email.trim() }] : [];
      if (own.length || contacts?.length) attributes.contacts = [...own, ...(contacts ?? [])];
      break;
    }
    default:
      return undefined;
  }
  return { type, name: name.slice(0, 200), attributes };
}
