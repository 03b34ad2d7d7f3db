import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../support/corpus.ts';
import { runCli } from '../support/runCli.ts';
import { kubeconfigFor, startKubernetesApiServer, type KubernetesApiServer, type StoredObject } from '../support/kubernetesApiServer.ts';

/** The Online Boutique manifests of the corpus, deployed into namespace `shop`, plus what a running cluster adds. */
function clusterObjects(): StoredObject[] {
  const text = readFileSync(join(corpusDir, 'k8s', 'microservices-demo__kubernetes-manifests.yaml'), 'utf8');
  const shop = parseAllDocuments(text)
    .map((d) => d.toJS() as StoredObject | null)
    .filter((o): o is StoredObject => !!o?.kind)
    .map((o) => ({ ...o, metadata: { ...o.metadata, namespace: 'shop', uid: `uid-${o.kind}-${o.metadata.name}` } }));
  const namespace = (name: string): StoredObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return [
    namespace('shop'), namespace('restricted'),
    ...shop,
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'payment-keys', namespace: 'shop' }, data: { key: Buffer.from('CANARY-k8s-secret').toString('base64') }, stringData: { token: 'CANARY-k8s-string' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data: { password: 'CANARY-k8s-config' } },
    // What the Deployment controller made: they come and go with rollouts and are not CIs of their own.
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'frontend-5d8f', namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'frontend', uid: 'uid-Deployment-frontend', controller: true }] }, spec: { replicas: 1 } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'frontend-5d8f-x2x9z', namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend-5d8f', uid: 'rs', controller: true }] }, spec: { containers: [{ name: 'server', image: 'frontend:v1' }] } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'vault-token', namespace: 'restricted' }, type: 'Opaque', data: { token: Buffer.from('CANARY-restricted').toString('base64') } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'vault', namespace: 'restricted' }, spec: { replicas: 3, selector: { matchLabels: { app: 'vault' } }, template: { metadata: { labels: { app: 'vault' } }, spec: { containers: [{ name: 'vault', image: 'vault:1' }] } } } },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'vault', namespace: 'restricted' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'vault' } } } },
  ];
}

describe('trellis import kubernetes --context: a live cluster through @kubernetes/client-node', () => {
  let api: KubernetesApiServer;
  let env: Record<string, string>;
  let kubeconfig: string;
  const cli = (args: string[]) => runCli(args, env);
  const live = (...more: string[]) => cli(['import', 'kubernetes', '--kubeconfig', kubeconfig, '--context', 'test', '--json', ...more]);
  const get = async (id: string) => {
    const result = await cli(['get', id, '--json']);
    expect(result.code, `${id}: ${result.stderr}`).toBe(0);
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    api = await startKubernetesApiServer(clusterObjects());
    const dir = mkdtempSync(join(tmpdir(), 'trellis-k8s-'));
    kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigFor(api.url));
    env = { TRELLIS_DATA: join(dir, 'data') };
  });
  afterAll(() => api?.close());

  it('reads every namespace page by page, retries when throttled, and builds the same graph as the manifests', async () => {
    api.behaviour.throttleOnce.add('deployments');
    const result = await live();
    expect(result.code, result.stderr).toBe(0);
    const { run } = JSON.parse(result.stdout);
    expect(run).toMatchObject({ source: 'kubernetes', status: 'applied', gaps: [] });
    expect(run.scopes).toEqual(expect.arrayContaining(['kubernetes:lab/shop/Deployment', 'kubernetes:lab/restricted/Secret', 'kubernetes:lab/-/Namespace', 'kubernetes:lab/shop/HTTPRoute']));
    // Twelve Deployments at three per page: the client followed the continue tokens.
    expect(api.requests.filter((r) => r.startsWith('GET /apis/apps/v1/deployments')).length).toBeGreaterThanOrEqual(5);
    expect(api.requests.filter((r) => r.startsWith('GET /apis/apps/v1/deployments?')).length).toBe(6);

    const frontend = await get('k8s:lab/shop/Deployment/frontend');
    expect(frontend.ci).toMatchObject({ type: 'RedundancyGroup', attributes: { namespace: 'shop', cluster: 'lab', minHealthy: 1 } });
    const service = await get('k8s:lab/shop/Service/frontend');
    expect(service.outgoing).toContainEqual(expect.objectContaining({ type: 'DEPENDS_ON', to: 'k8s:lab/shop/Deployment/frontend' }));
    const checkout = await get('k8s:lab/shop/Deployment/checkoutservice');
    // Services named in the environment: checkout calls the payment service.
    expect(checkout.outgoing).toContainEqual(expect.objectContaining({ type: 'DEPENDS_ON', to: 'k8s:lab/shop/Service/paymentservice' }));
    expect((await get('k8s:lab/restricted/Deployment/vault')).ci.attributes.minHealthy).toBe(2);
    expect((await cli(['get', 'k8s:lab/shop/ReplicaSet/frontend-5d8f'])).code).toBe(3);
    expect((await cli(['get', 'k8s:lab/shop/Pod/frontend-5d8f-x2x9z'])).code).toBe(3);
  });

  it('keeps Secret and ConfigMap names, never their values', async () => {
    expect((await get('k8s:lab/shop/Secret/payment-keys')).ci.type).toBe('Component');
    const exported = await cli(['export']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('payment-keys');
    expect(exported.stdout).not.toMatch(/CANARY|Q0FOQVJZ/);
  });

  it('an unchanged cluster read again changes nothing', async () => {
    const { run } = JSON.parse((await live()).stdout);
    expect(run.counts).toMatchObject({ created: 0, updated: 0, withdrawn: 0, stale: 0 });
    expect(run.counts.unchanged).toBeGreaterThan(30);
  });

  it('a namespace the reader may not list is a gap: nothing in it is withdrawn, while what left a readable namespace goes stale', async () => {
    api.behaviour.forbidden.add('secrets').add('restricted/secrets');
    api.objects.splice(api.objects.findIndex((o) => o.kind === 'Deployment' && o.metadata.name === 'loadgenerator'), 1);
    const result = await live();
    expect(result.code, result.stderr).toBe(0);
    const { run, diff } = JSON.parse(result.stdout);
    expect(run.gaps).toEqual([{ scope: 'kubernetes:lab/restricted/Secret', reason: expect.stringMatching(/^HTTP 403: secrets is forbidden/) }]);
    // Refused cluster-wide, Secrets were read namespace by namespace: `shop` still covered.
    expect(run.scopes).toContain('kubernetes:lab/shop/Secret');
    const gone = 'k8s:lab/shop/Deployment/loadgenerator';
    expect(diff.stale).toEqual([gone, `${gone} DEPENDS_ON k8s:lab/shop/Service/frontend`, `${gone} DEPENDS_ON k8s:lab/shop/ServiceAccount/loadgenerator`]);
    expect((await get('k8s:lab/restricted/Secret/vault-token')).ci.attributes['trellis.staleSince']).toBeUndefined();
    expect((await get('k8s:lab/shop/Deployment/loadgenerator')).ci.attributes['trellis.staleSince']).toEqual(expect.any(String));
  });

  it('a kind the API server fails to list past the retries is a gap in every namespace, not in a made-up cluster-wide scope', async () => {
    api.behaviour.forbidden.clear();
    api.behaviour.failing.add('ingresses');
    try {
      const result = await live('--dry-run');
      expect(result.code, result.stderr).toBe(0);
      const { run } = JSON.parse(result.stdout);
      expect(run.gaps).toEqual(['restricted', 'shop'].map((ns) => ({ scope: `kubernetes:lab/${ns}/Ingress`, reason: 'HTTP 503: etcd is down' })));
      expect(run.scopes).not.toContain('kubernetes:lab/shop/Ingress');
      expect(run.scopes).toContain('kubernetes:lab/shop/Deployment');
    } finally {
      api.behaviour.failing.clear();
    }
  });

  it('names what is wrong: an unknown context, an unreachable server, no path and no context', async () => {
    const unknown = await cli(['import', 'kubernetes', '--kubeconfig', kubeconfig, '--context', 'prod']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no context "prod" in the kubeconfig (contexts: test)');
    const dir = mkdtempSync(join(tmpdir(), 'trellis-k8s-down-'));
    writeFileSync(join(dir, 'kubeconfig'), kubeconfigFor('http://127.0.0.1:9'));
    const down = await cli(['import', 'kubernetes', '--kubeconfig', join(dir, 'kubeconfig'), '--context', 'test']);
    expect(down.code).toBe(5);
    expect(down.stderr).toContain('cannot read from the Kubernetes API at http://127.0.0.1:9');
    // TLS spoken to a plain-HTTP server fails the same way every time: one connection, no retries.
    writeFileSync(join(dir, 'tls'), kubeconfigFor(api.url.replace('http:', 'https:')));
    const before = api.connections;
    const tls = await cli(['import', 'kubernetes', '--kubeconfig', join(dir, 'tls'), '--context', 'test']);
    expect(tls.code).toBe(5);
    expect(tls.stderr).toContain(`cannot read from the Kubernetes API at ${api.url.replace('http:', 'https:')}`);
    expect(api.connections - before).toBe(1);
    const neither = await cli(['import', 'kubernetes']);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--context');
  }, 60_000);
});
