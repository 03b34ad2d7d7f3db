import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Kubernetes API server's read side over real HTTP, for the live importer's
 * tests: discovery documents, list endpoints (cluster-wide and per namespace)
 * paged with continue tokens, RBAC refusals and throttling. No kube-apiserver
 * binary can be installed on these machines (no container engine, no
 * dl.k8s.io), so this plays its documented list protocol; the client under
 * test is the real @kubernetes/client-node.
 */

/** A stored object, as the API server holds it (items of a list carry no kind). */
export type StoredObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [key: string]: unknown }; [key: string]: unknown };

export interface ApiBehaviour {
  /** `<plural>` or `<namespace>/<plural>` lists answered 403. */
  forbidden: Set<string>;
  /** Lists answered 429 once each (with Retry-After: 0) before they succeed. */
  throttleOnce: Set<string>;
  /** Lists answered 503 every time (with Retry-After: 0): an API server that stays broken past the retries. */
  failing: Set<string>;
  /** Items per page, whatever limit the client asks (servers may return fewer). */
  pageSize: number;
}

interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

/** The resource types this server serves; Gateway API and Istio groups are not installed (404). */
const served: ResourceType[] = [
  ['', 'v1', 'Namespace', 'namespaces', false], ['', 'v1', 'PersistentVolume', 'persistentvolumes', false],
  ['', 'v1', 'Service', 'services', true], ['', 'v1', 'ConfigMap', 'configmaps', true], ['', 'v1', 'Secret', 'secrets', true],
  ['', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true], ['', 'v1', 'ServiceAccount', 'serviceaccounts', true],
  ['', 'v1', 'ReplicationController', 'replicationcontrollers', true], ['', 'v1', 'Pod', 'pods', true],
  ['apps', 'v1', 'Deployment', 'deployments', true], ['apps', 'v1', 'StatefulSet', 'statefulsets', true],
  ['apps', 'v1', 'DaemonSet', 'daemonsets', true], ['apps', 'v1', 'ReplicaSet', 'replicasets', true],
  ['batch', 'v1', 'Job', 'jobs', true], ['batch', 'v1', 'CronJob', 'cronjobs', true],
  ['networking.k8s.io', 'v1', 'Ingress', 'ingresses', true], ['policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true],
  ['autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true],
  ['rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true], ['rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true],
  ['storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false],
].map(([group, version, kind, plural, namespaced]) => ({ group, version, kind, plural, namespaced }) as ResourceType);

export interface KubernetesApiServer {
  url: string;
  objects: StoredObject[];
  behaviour: ApiBehaviour;
  /** Requests answered, as `METHOD path?query`. */
  requests: string[];
  /** TCP connections accepted, requests or not (a TLS client speaking to this plain server sends none). */
  connections: number;
  close(): Promise<void>;
}

export async function startKubernetesApiServer(objects: StoredObject[]): Promise<KubernetesApiServer> {
  const state: KubernetesApiServer = {
    url: '', objects, requests: [], connections: 0, close: async () => {},
    behaviour: { forbidden: new Set(), throttleOnce: new Set(), failing: new Set(), pageSize: 3 },
  };
  const server: Server = createServer((request, response) => answer(state, request, response));
  server.on('connection', () => (state.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}

function answer(state: KubernetesApiServer, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', state.url);
  state.requests.push(`${request.method} ${url.pathname}${url.search}`);
  const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
  const status = (code: number, reason: string, message: string) => send(code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code });

  // /api/v1 or /apis/<group>/<version>, then optionally namespaces/<ns>/, then <plural>.
  const match = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?(?:\/([^/]+))?$/.exec(url.pathname);
  if (!match) return status(404, 'NotFound', `the server could not find the requested resource (${url.pathname})`);
  const [, coreVersion, group = '', groupVersion, namespace, plural] = match;
  const version = coreVersion ?? groupVersion!;
  const types = served.filter((t) => t.group === group && t.version === version);
  if (!types.length) return status(404, 'NotFound', `the server could not find the requested resource (${url.pathname})`);
  if (!plural) {
    // With a namespace and no plural, the path is GET namespaces/<name>: not needed by a lister.
    if (namespace) return status(404, 'NotFound', 'not served here');
    return send(200, {
      kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version,
      resources: types.map((t) => ({ name: t.plural, singularName: t.kind.toLowerCase(), namespaced: t.namespaced, kind: t.kind, verbs: ['get', 'list', 'watch'] })),
    });
  }
  const type = types.find((t) => t.plural === plural);
  if (!type) return status(404, 'NotFound', `the server could not find the requested resource (${plural})`);
  const where = namespace ? `${namespace}/${plural}` : plural;
  if (state.behaviour.forbidden.has(where)) {
    return status(403, 'Forbidden', `${plural} is forbidden: User "reader" cannot list resource "${plural}" in API group "${group}" ${namespace ? `in the namespace "${namespace}"` : 'at the cluster scope'}`);
  }
  if (state.behaviour.failing.has(where)) return send(503, { kind: 'Status', code: 503, reason: 'ServiceUnavailable', message: 'etcd is down' }, { 'retry-after': '0' });
  if (state.behaviour.throttleOnce.delete(where)) return send(429, { kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'slow down' }, { 'retry-after': '0' });

  const all = state.objects
    .filter((o) => o.kind === type.kind && (!namespace || (o.metadata.namespace ?? 'default') === namespace))
    .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
  const start = Number(url.searchParams.get('continue') ?? 0);
  const size = Math.min(state.behaviour.pageSize, Number(url.searchParams.get('limit') ?? Infinity));
  const page = all.slice(start, start + size);
  const next = start + size < all.length ? String(start + size) : undefined;
  // List items carry no apiVersion and kind, as on a real API server.
  const items = page.map(({ apiVersion: _v, kind: _k, ...rest }) => rest);
  send(200, { kind: `${type.kind}List`, apiVersion: group ? `${group}/${version}` : version, metadata: { resourceVersion: '1', ...(next ? { continue: next } : {}) }, items });
}

/** A kubeconfig naming the server, for the importer to load as it would a real one. */
export function kubeconfigFor(url: string, context = 'test', cluster = 'lab'): string {
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': context,
    clusters: [{ name: cluster, cluster: { server: url, 'insecure-skip-tls-verify': url.startsWith('http:') } }],
    users: [{ name: 'reader', user: { token: 'not-a-secret-test-token' } }],
    contexts: [{ name: context, context: { cluster, user: 'reader' } }],
  });
}
