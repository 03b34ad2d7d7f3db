import { ApiException, KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import { InvalidError, UnavailableError } from '../../server/errors.ts';
import { toKubeObject, type KubeObject } from './readManifests.ts';
import { kubernetesScope } from './manifestsToSnapshot.ts';

/**
 * Reads a live cluster through @kubernetes/client-node with the user's
 * kubeconfig: the kinds the graph maps, paginated, retried when the API server
 * throttles. A kind or namespace the API refuses becomes a gap, never an empty
 * reading; a kind the cluster does not serve (an uninstalled CRD) is simply empty.
 */

/** Which cluster and what of it to read. */
export interface KubernetesTarget {
  /** A context of the kubeconfig (default: its current context). */
  context?: string;
  /** A kubeconfig file (default: $KUBECONFIG, ~/.kube/config, or in-cluster). */
  kubeconfig?: string;
  /** Only these namespaces (default: every namespace the API lists). */
  namespaces?: string[];
  /** The cluster's name in identity keys (default: the context's cluster name). */
  cluster?: string;
  onProgress?: (detail: string, fraction: { done: number; total: number }) => void;
}

/** What a live read found: objects, the scopes it read completely, and those it could not. */
export interface KubernetesReading {
  cluster: string;
  server: string;
  objects: KubeObject[];
  covered: string[];
  failed: { scope: string; reason: string }[];
}

interface KindToRead {
  apiVersion: string;
  kind: string;
  namespaced: boolean;
}

const namespaced = (apiVersion: string, kinds: string[]): KindToRead[] => kinds.map((kind) => ({ apiVersion, kind, namespaced: true }));

/** The kinds the graph maps (see manifestsToSnapshot), and PodDisruptionBudgets for minHealthy. Cluster-wide RBAC is left out: hundreds of system roles, no reliance. */
export const kindsToRead: KindToRead[] = [
  { apiVersion: 'v1', kind: 'Namespace', namespaced: false },
  { apiVersion: 'v1', kind: 'PersistentVolume', namespaced: false },
  { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', namespaced: false },
  ...namespaced('v1', ['Service', 'ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount', 'ReplicationController', 'Pod']),
  ...namespaced('apps/v1', ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']),
  ...namespaced('batch/v1', ['Job', 'CronJob']),
  ...namespaced('networking.k8s.io/v1', ['Ingress']),
  ...namespaced('policy/v1', ['PodDisruptionBudget']),
  ...namespaced('autoscaling/v2', ['HorizontalPodAutoscaler']),
  ...namespaced('rbac.authorization.k8s.io/v1', ['Role', 'RoleBinding']),
  ...namespaced('gateway.networking.k8s.io/v1', ['Gateway', 'HTTPRoute']),
  ...namespaced('networking.istio.io/v1', ['VirtualService', 'ServiceEntry']),
];

const pageSize = 500;
const attempts = 5;

export async function readKubernetesApi(target: KubernetesTarget): Promise<KubernetesReading> {
  const config = loadKubeConfig(target);
  const api = KubernetesObjectApi.makeApiClient(config);
  const context = config.getContextObject(config.getCurrentContext());
  const cluster = target.cluster ?? context?.cluster ?? 'default';
  const reading: KubernetesReading = { cluster, server: config.getCurrentCluster()?.server ?? '', objects: [], covered: [], failed: [] };

  const namespaces = target.namespaces?.length ? target.namespaces : await listNamespaceNames(api, reading.server);
  for (const [i, kind] of kindsToRead.entries()) {
    target.onProgress?.(`${kind.kind}`, { done: i, total: kindsToRead.length });
    if (!kind.namespaced) {
      await readInto(reading, api, kind, undefined, [kubernetesScope(cluster, undefined, kind.kind)]);
      continue;
    }
    const scopesIn = (names: Iterable<string>) => [...names].map((ns) => kubernetesScope(cluster, ns, kind.kind));
    // One request for the whole cluster when allowed; namespace by namespace when not (RBAC often grants namespaces, not the cluster).
    if (!target.namespaces?.length) {
      const found = await readInto(reading, api, kind, undefined, scopesIn(namespaces), true);
      if (found) {
        // Namespaces created since they were listed are covered too.
        reading.covered.push(...scopesIn(new Set(found.map((o) => o.metadata.namespace ?? 'default'))));
        continue;
      }
      if (found === null) continue;
    }
    for (const namespace of namespaces) await readInto(reading, api, kind, namespace, [kubernetesScope(cluster, namespace, kind.kind)]);
  }
  reading.covered = [...new Set(reading.covered)].sort();
  if (!reading.covered.length) throw new UnavailableError(`nothing could be read from the Kubernetes API at ${reading.server}: ${reading.failed[0]?.reason ?? 'no answer'}`);
  return reading;
}

function loadKubeConfig(target: KubernetesTarget): KubeConfig {
  const config = new KubeConfig();
  try {
    if (target.kubeconfig) config.loadFromFile(target.kubeconfig);
    else config.loadFromDefault();
  } catch (error) {
    throw new InvalidError([{ file: target.kubeconfig ?? 'kubeconfig', message: `cannot read the kubeconfig: ${(error as Error).message}` }]);
  }
  if (target.context) {
    if (!config.getContextObject(target.context)) {
      const known = config.getContexts().map((c) => c.name).join(', ') || 'none';
      throw new InvalidError([{ field: '--context', message: `no context "${target.context}" in the kubeconfig (contexts: ${known})` }]);
    }
    config.setCurrentContext(target.context);
  }
  if (!config.getCurrentCluster()) throw new InvalidError([{ field: '--context', message: 'the kubeconfig names no cluster for this context' }]);
  return config;
}

async function listNamespaceNames(api: KubernetesObjectApi, server: string): Promise<string[]> {
  try {
    return (await listAll(api, { apiVersion: 'v1', kind: 'Namespace', namespaced: false }, undefined)).map((o) => o.metadata!.name!).sort();
  } catch (error) {
    if (!(error instanceof ApiException)) throw new UnavailableError(`cannot read from the Kubernetes API at ${server}: ${reasonOf(error)}`);
    if (error.code === 401) throw new InvalidError([{ field: '--context', message: `the Kubernetes API at ${server} refused the kubeconfig's credentials (${reasonOf(error)})` }]);
    throw new InvalidError([{ field: '--namespace', message: `cannot list the cluster's namespaces (${reasonOf(error)}); name them with --namespace` }]);
  }
}

/**
 * Lists one kind (in one namespace, or everywhere) into the reading: the scopes
 * are covered when the list completes, and gaps (null returned) when it fails.
 * With `quietWhenRefused`, a refusal records nothing and returns undefined, so
 * the caller can try namespace by namespace.
 */
async function readInto(reading: KubernetesReading, api: KubernetesObjectApi, kind: KindToRead, namespace: string | undefined, scopes: string[], quietWhenRefused = false): Promise<KubeObject[] | null | undefined> {
  let found: KubernetesObject[];
  try {
    found = await listAll(api, kind, namespace);
  } catch (error) {
    if (notServed(error)) {
      reading.covered.push(...scopes);
      return [];
    }
    if (quietWhenRefused && error instanceof ApiException && (error.code === 401 || error.code === 403)) return undefined;
    const reason = reasonOf(error);
    reading.failed.push(...scopes.map((scope) => ({ scope, reason })));
    return null;
  }
  // Pods of a ReplicaSet, ReplicaSets of a Deployment, Jobs of a CronJob come and go with every rollout: their controller stands for them.
  const own = found.filter((o) => !o.metadata?.ownerReferences?.some((ref) => ref.controller));
  const objects = own.map((o) => toKubeObject(
    { ...(o as Record<string, unknown>), apiVersion: kind.apiVersion, kind: kind.kind },
    { ...(o.metadata as KubeObject['metadata']) },
    `${reading.server} ${kind.kind}/${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`,
  ));
  reading.objects.push(...objects);
  reading.covered.push(...scopes);
  return objects;
}

/** Every page of a list, each request retried when the API server throttles or fails for a moment. */
async function listAll(api: KubernetesObjectApi, kind: KindToRead, namespace: string | undefined): Promise<KubernetesObject[]> {
  const items: KubernetesObject[] = [];
  let continueToken: string | undefined;
  do {
    const page = await withRetries(() => api.list(kind.apiVersion, kind.kind, namespace, undefined, undefined, undefined, undefined, undefined, pageSize, continueToken));
    items.push(...page.items);
    continueToken = page.metadata?._continue || undefined;
  } while (continueToken);
  return items;
}

async function withRetries<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!isTransient(error) || attempt === attempts) throw error;
      const retryAfter = error instanceof ApiException ? Number(error.headers?.['retry-after']) : Number.NaN;
      await new Promise((resolve) => setTimeout(resolve, Number.isFinite(retryAfter) ? retryAfter * 1000 : 200 * 2 ** attempt));
    }
  }
}

/** Network codes worth another try; anything else outside HTTP (TLS, settings, a refused port) will fail the same way again. */
const transientNetworkCodes = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** Throttling, a server error, or a dropped connection: worth retrying. */
function isTransient(error: unknown): boolean {
  if (error instanceof ApiException) return error.code === 429 || error.code >= 500;
  for (let cause = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; cause && depth < 5; cause = cause.cause as typeof cause, depth += 1) {
    if (typeof cause.code === 'string' && transientNetworkCodes.has(cause.code)) return true;
  }
  return false;
}

/** The group or kind does not exist on this cluster (a CRD not installed): nothing of it to read. */
function notServed(error: unknown): boolean {
  return (error instanceof ApiException && error.code === 404) || (error instanceof Error && /Unrecognized API version and kind/.test(error.message));
}

function reasonOf(error: unknown): string {
  if (error instanceof ApiException) return `HTTP ${error.code}${statusMessage(error.body) ? `: ${statusMessage(error.body)}` : ''}`.slice(0, 300);
  return ((error as Error)?.message ?? String(error)).slice(0, 300);
}

/** The message of the API server's Status body, which the client hands over parsed or as text. */
function statusMessage(body: unknown): string {
  let status = body;
  if (typeof body === 'string') {
    try {
      status = JSON.parse(body);
    } catch {
      return body;
    }
  }
  return typeof status === 'object' && status !== null && 'message' in status ? String((status as { message: unknown }).message) : '';
}
