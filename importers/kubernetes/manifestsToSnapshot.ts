import type { Attributes } from '../../schema/attributes.ts';
import type { CIType } from '../../schema/ciTypes.ts';
import type { ImportWarning, Snapshot, SnapshotItem, SnapshotRelationship } from '../../schema/imports.ts';
import type { RelationshipType } from '../../schema/relationships.ts';
import type { ComponentKind } from '../shared/resourceRules.ts';
import { stringsAt } from '../shared/paths.ts';
import { withoutSecrets } from '../shared/secrets.ts';
import type { KubeObject } from './readManifests.ts';
import type { KubernetesReading } from './readKubernetesApi.ts';

/**
 * Kubernetes objects as a snapshot. Workloads (Deployments, StatefulSets,
 * DaemonSets, ReplicaSets, ReplicationControllers) are redundancy groups whose
 * minHealthy comes from a matching PodDisruptionBudget, else their replicas;
 * Services rely on the workloads they select, Ingresses and routes on the
 * Services they send to, workloads on the ConfigMaps, Secrets (names only),
 * volume claims and service accounts they use, and on the Services their
 * environment names. Values of environment variables, ConfigMaps and Secrets
 * never leave this function.
 */

/** What each kind is in the graph. Kinds not listed are kept as generic resources and reported. */
const kinds: Record<string, { type: CIType; kind?: ComponentKind }> = {
  Deployment: { type: 'RedundancyGroup' },
  StatefulSet: { type: 'RedundancyGroup' },
  DaemonSet: { type: 'RedundancyGroup' },
  ReplicaSet: { type: 'RedundancyGroup' },
  ReplicationController: { type: 'RedundancyGroup' },
  Pod: { type: 'Component', kind: 'container' },
  Job: { type: 'Component', kind: 'application' },
  CronJob: { type: 'Component', kind: 'application' },
  Service: { type: 'Component', kind: 'load_balancer' },
  Ingress: { type: 'Component', kind: 'load_balancer' },
  Gateway: { type: 'Component', kind: 'load_balancer' },
  HTTPRoute: { type: 'Component', kind: 'load_balancer' },
  VirtualService: { type: 'Component', kind: 'load_balancer' },
  ServiceEntry: { type: 'Component', kind: 'network' },
  ConfigMap: { type: 'Component', kind: 'other' },
  Secret: { type: 'Component', kind: 'secret_store' },
  PersistentVolumeClaim: { type: 'Component', kind: 'storage' },
  PersistentVolume: { type: 'Component', kind: 'storage' },
  StorageClass: { type: 'Component', kind: 'storage' },
  ServiceAccount: { type: 'Component', kind: 'identity' },
  Role: { type: 'Component', kind: 'identity' },
  ClusterRole: { type: 'Component', kind: 'identity' },
  RoleBinding: { type: 'Component', kind: 'identity' },
  ClusterRoleBinding: { type: 'Component', kind: 'identity' },
  HorizontalPodAutoscaler: { type: 'Component', kind: 'monitoring' },
  Namespace: { type: 'Component', kind: 'cluster' },
};
const clusterScoped = new Set(['Namespace', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding']);
const workloads = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);
/** Policies that shape other objects rather than being things of their own. */
const policies = new Set(['PodDisruptionBudget']);

export interface ManifestScope {
  cluster: string;
  /** The snapshot's scope: `kubernetes:file:<cluster>/<name>` for a file. */
  scope: string;
  /** A live reading: each object's scope (`kubernetes:<cluster>/<namespace>/<Kind>`); the caller then says which scopes it covered. */
  scopeOf?: (o: KubeObject) => string;
  file?: string;
}

/** The identity key of an object: cluster, namespace (`-` for cluster-wide kinds), kind, name. */
export function kubeKey(cluster: string, kind: string, name: string, namespace?: string): string {
  return `k8s:${cluster}/${clusterScoped.has(kind) ? '-' : (namespace ?? 'default')}/${kind}/${name}`;
}

/**
 * `context` holds the objects of the other files read with this one (a directory
 * of manifests): a Service in one file selects the Deployment in another.
 */
export function manifestsToSnapshot(objects: KubeObject[], where: ManifestScope, warnings: ImportWarning[] = [], context: KubeObject[] = []): Snapshot {
  const own = new Set(objects.map(identity));
  const known = [...objects, ...context.filter((c) => !own.has(identity(c)))];
  const resolve: Resolver = { cluster: where.cluster, known, budgets: known.filter((o) => policies.has(o.kind)), services: known.filter((o) => o.kind === 'Service') };
  const items: SnapshotItem[] = [];
  const relationships: SnapshotRelationship[] = [];
  const linked = new Set<string>();
  const scopeOf = where.scopeOf ?? (() => where.scope);
  const link = (scope: string, from: string, type: RelationshipType, to: string, place: string) => {
    if (from === to || linked.has(`${from} ${type} ${to}`)) return;
    linked.add(`${from} ${type} ${to}`);
    relationships.push({ scope, from, type, to, place });
  };
  const seen = new Set<string>();
  const unmapped = new Map<string, number>();
  for (const o of objects) {
    if (policies.has(o.kind)) continue;
    const key = keyOf(o, where.cluster);
    if (seen.has(key)) {
      warnings.push({ code: 'duplicate', file: where.file, place: o.place, message: `${o.kind} ${namespaceOf(o)}/${o.metadata.name} appears more than once; the first is kept` });
      continue;
    }
    seen.add(key);
    if (!kinds[o.kind]) unmapped.set(o.kind, (unmapped.get(o.kind) ?? 0) + 1);
    const scope = scopeOf(o);
    items.push({ scope, keys: o.metadata.uid ? [key, `k8s:uid:${o.metadata.uid}`] : [key], ...describe(o, resolve), place: o.place });
    for (const [type, target] of reliesOn(o, resolve)) link(scope, key, type, target, o.place);
  }
  for (const [kind, count] of unmapped) {
    warnings.push({ code: 'unmapped_type', file: where.file, message: `${kind}: no mapping (${count} object${count === 1 ? '' : 's'} kept as generic resources)` });
  }
  return { source: 'kubernetes', scopes: [where.scope], gaps: [], items, relationships, warnings };
}

/** The scope of a kind in a namespace of a live cluster (`-` for cluster-wide kinds). */
export function kubernetesScope(cluster: string, namespace: string | undefined, kind: string): string {
  return `kubernetes:${cluster}/${namespace ?? '-'}/${kind}`;
}

/** A live cluster reading as a snapshot: one scope per namespace and kind, the refused ones as gaps. */
export function kubernetesReadingToSnapshot(reading: KubernetesReading): Snapshot {
  const scopeOf = (o: KubeObject) => kubernetesScope(reading.cluster, clusterScoped.has(o.kind) ? undefined : namespaceOf(o), o.kind);
  const snapshot = manifestsToSnapshot(reading.objects, { cluster: reading.cluster, scope: `kubernetes:${reading.cluster}`, scopeOf });
  return { ...snapshot, scopes: reading.covered, gaps: reading.failed.map(({ scope, reason }) => ({ scope, reason })) };
}

/** What resolving references needs: every object read with this file, its budgets and Services. */
interface Resolver {
  cluster: string;
  known: KubeObject[];
  budgets: KubeObject[];
  services: KubeObject[];
}

const namespaceOf = (o: KubeObject) => o.metadata.namespace ?? 'default';
const identity = (o: KubeObject) => `${o.kind} ${namespaceOf(o)} ${o.metadata.name}`;
const keyOf = (o: KubeObject, cluster: string) => kubeKey(cluster, o.kind, o.metadata.name, o.metadata.namespace);

/** The CI fields of an object: type and kind from the table, labels, images, replicas and minHealthy of workloads. */
function describe(o: KubeObject, resolve: Resolver): Pick<SnapshotItem, 'type' | 'name' | 'attributes'> {
  const mapped = kinds[o.kind];
  const attributes: Attributes = {
    provider: 'kubernetes', cluster: resolve.cluster, 'kubernetes.kind': o.kind, 'kubernetes.apiVersion': o.apiVersion,
    ...(clusterScoped.has(o.kind) ? {} : { namespace: namespaceOf(o) }),
  };
  if (mapped?.type !== 'RedundancyGroup') attributes.kind = mapped?.kind ?? 'cloud_resource';
  const labels = o.metadata.labels && typeof o.metadata.labels === 'object' ? withoutSecrets(o.metadata.labels) : {};
  if (Object.keys(labels).length) attributes.tags = labels;
  const images = containers(podTemplate(o)).map((c) => c.image).filter((i): i is string => typeof i === 'string');
  if (images.length) attributes.images = images;
  if (workloads.has(o.kind)) {
    const replicas = typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1;
    if (o.kind !== 'DaemonSet') attributes.replicas = replicas;
    attributes.minHealthy = minHealthyOf(o, replicas, resolve.budgets);
  }
  return { type: mapped?.type ?? 'Component', name: o.metadata.name, attributes };
}

/** What an object relies on (or, for autoscalers and bindings, informs), as relationship type and target key. */
function* reliesOn(o: KubeObject, resolve: Resolver): Generator<[RelationshipType, string]> {
  const local = (kind: string, name: unknown) => (typeof name === 'string' && name ? kubeKey(resolve.cluster, kind, name, namespaceOf(o)) : undefined);
  const dependsOn = function* (kind: string, names: unknown[]): Generator<[RelationshipType, string]> {
    for (const name of names) {
      const target = local(kind, name);
      if (target) yield ['DEPENDS_ON', target];
    }
  };
  if (o.kind === 'Service' && o.spec?.selector && typeof o.spec.selector === 'object') {
    const selected = resolve.known.filter((x) => workloads.has(x.kind) && namespaceOf(x) === namespaceOf(o) && selects(o.spec!.selector as Record<string, string>, podTemplate(x)?.metadata?.labels));
    for (const w of selected) yield ['DEPENDS_ON', keyOf(w, resolve.cluster)];
  }
  if (o.kind === 'Ingress') yield* dependsOn('Service', ingressBackends(o.spec));
  if (o.kind === 'HTTPRoute') yield* dependsOn('Service', stringsAt(o.spec, 'rules.backendRefs.name'));
  if (o.kind === 'VirtualService') yield* dependsOn('Service', stringsAt(o.spec, 'http.route.destination.host').map((host) => host.split('.')[0]));
  if (o.kind === 'PersistentVolumeClaim') yield* dependsOn('StorageClass', [o.spec?.storageClassName]);
  if (o.kind === 'HorizontalPodAutoscaler') {
    const target = o.spec?.scaleTargetRef as { kind?: string; name?: string } | undefined;
    const to = target?.kind ? local(target.kind, target.name) : undefined;
    if (to) yield ['CONNECTS_TO', to];
  }
  // Bindings grant roles to accounts: informational.
  if (o.roleRef?.kind && o.roleRef.name) yield ['CONNECTS_TO', kubeKey(resolve.cluster, o.roleRef.kind, o.roleRef.name, o.metadata.namespace)];
  for (const subject of o.subjects ?? []) {
    if (subject.kind === 'ServiceAccount' && subject.name) yield ['CONNECTS_TO', kubeKey(resolve.cluster, 'ServiceAccount', subject.name, subject.namespace ?? o.metadata.namespace)];
  }
  yield* podReliance(o, resolve, dependsOn);
}

/** What a workload's pods rely on: config, secrets (by name), claims, storage classes, account, and Services named in their environment. */
function* podReliance(o: KubeObject, resolve: Resolver, dependsOn: (kind: string, names: unknown[]) => Generator<[RelationshipType, string]>): Generator<[RelationshipType, string]> {
  const spec = podTemplate(o)?.spec;
  if (!spec) return;
  yield* dependsOn('ConfigMap', [...stringsAt(spec, 'volumes.configMap.name'), ...stringsAt(spec, 'volumes.projected.sources.configMap.name'), ...stringsAt(spec, 'containers.envFrom.configMapRef.name'), ...stringsAt(spec, 'containers.env.valueFrom.configMapKeyRef.name')]);
  yield* dependsOn('Secret', [...stringsAt(spec, 'volumes.secret.secretName'), ...stringsAt(spec, 'volumes.projected.sources.secret.name'), ...stringsAt(spec, 'containers.envFrom.secretRef.name'), ...stringsAt(spec, 'containers.env.valueFrom.secretKeyRef.name')]);
  yield* dependsOn('PersistentVolumeClaim', stringsAt(spec, 'volumes.persistentVolumeClaim.claimName'));
  yield* dependsOn('ServiceAccount', [spec.serviceAccountName ?? spec.serviceAccount]);
  const claims = (Array.isArray(o.spec?.volumeClaimTemplates) ? o.spec.volumeClaimTemplates : []) as KubeObject[];
  yield* dependsOn('StorageClass', claims.map((claim) => claim.spec?.storageClassName ?? claim.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class']));
  // Services named in the environment (`productcatalogservice:3550`, `redis-cart.default.svc`): the usual way apps find each other.
  for (const value of stringsAt(spec, 'containers.env.value')) {
    const host = /^(?:[a-z]+:\/\/)?([a-z0-9-]+)(?:\.[a-z0-9-]+)*(?::\d+)?(?:\/.*)?$/.exec(value)?.[1];
    const service = resolve.services.find((svc) => svc.metadata.name === host && namespaceOf(svc) === namespaceOf(o));
    if (service) yield ['DEPENDS_ON', keyOf(service, resolve.cluster)];
  }
}

interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec?: Record<string, unknown>;
}

/** The pod template of a workload, job or cron job; a Pod is its own template. */
function podTemplate(o: KubeObject): PodTemplate | undefined {
  if (o.kind === 'Pod') return { metadata: o.metadata, spec: o.spec };
  if (o.kind === 'CronJob') return ((o.spec?.jobTemplate as { spec?: { template?: PodTemplate } } | undefined)?.spec?.template);
  return o.spec?.template as PodTemplate | undefined;
}

function containers(template: PodTemplate | undefined): { image?: unknown }[] {
  const spec = template?.spec ?? {};
  return [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])] as { image?: unknown }[];
}

/** True when every selector label is on the pod template. */
function selects(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  const wanted = Object.entries(selector);
  return wanted.length > 0 && !!labels && wanted.every(([k, v]) => labels[k] === v);
}

/** From a PodDisruptionBudget selecting the workload's pods (minAvailable or maxUnavailable, count or percent), else the replicas. */
function minHealthyOf(o: KubeObject, replicas: number, budgets: KubeObject[]): number {
  const labels = podTemplate(o)?.metadata?.labels;
  const budget = budgets.find((b) => (b.metadata.namespace ?? 'default') === (o.metadata.namespace ?? 'default') && selects(((b.spec?.selector as { matchLabels?: Record<string, string> }) ?? {}).matchLabels ?? {}, labels));
  const count = (value: unknown, round: (x: number) => number) => (typeof value === 'string' && value.endsWith('%') ? round((Number.parseFloat(value) / 100) * replicas) : Number(value));
  if (budget?.spec?.minAvailable !== undefined) return Math.max(1, count(budget.spec.minAvailable, Math.ceil) || 1);
  if (budget?.spec?.maxUnavailable !== undefined) return Math.max(1, replicas - (count(budget.spec.maxUnavailable, Math.floor) || 0));
  return Math.max(1, replicas);
}

function ingressBackends(spec: Record<string, unknown> | undefined): string[] {
  return [
    ...stringsAt(spec, 'rules.http.paths.backend.service.name'),
    ...stringsAt(spec, 'rules.http.paths.backend.serviceName'),
    ...stringsAt(spec, 'defaultBackend.service.name'),
    ...stringsAt(spec, 'backend.serviceName'),
  ];
}

