import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../schema/imports.ts';
import { catalogToSnapshot } from '../../importers/backstage/catalogToSnapshot.ts';
import { manifestsToSnapshot } from '../../importers/kubernetes/manifestsToSnapshot.ts';
import { readManifests, type KubeObject } from '../../importers/kubernetes/readManifests.ts';
import { corpusDir } from '../support/corpus.ts';
import { runCli } from '../support/runCli.ts';

const k8sDir = join(corpusDir, 'k8s');
const backstageDir = join(corpusDir, 'backstage');
const allManifests: KubeObject[] = readdirSync(k8sDir).flatMap((file) => readManifests(readFileSync(join(k8sDir, file), 'utf8'), file).objects);
const kube = (file: string): Snapshot => {
  const { objects, warnings } = readManifests(readFileSync(join(k8sDir, file), 'utf8'), file);
  return manifestsToSnapshot(objects, { cluster: 'c1', scope: `kubernetes:file:c1/${file}`, file }, warnings, allManifests);
};
const catalog = (file: string): Snapshot => {
  const { objects, warnings } = readManifests(readFileSync(join(backstageDir, file), 'utf8'), file, 'Backstage catalog file');
  return catalogToSnapshot(objects, `backstage:file:${file}`, file, warnings);
};
const short = (key: string) => key.replace(/^k8s:c1\//, '').replace(/^backstage:/, '');
const edges = (s: Snapshot) => s.relationships.map((r) => `${short(r.from)} ${r.type} ${short(r.to)}`);
const item = (s: Snapshot, key: string) => s.items.find((i) => short(i.keys[0]!) === key);

describe('Kubernetes manifests', () => {
  it('reads every manifest in the corpus; only unmapped kinds are reported', () => {
    for (const file of readdirSync(k8sDir)) {
      const s = kube(file);
      expect(s.items.length, file).toBeGreaterThan(0);
      expect(s.warnings.filter((w) => w.code !== 'unmapped_type'), file).toEqual([]);
    }
  });

  it('Services rely on the Deployments their selectors match (guestbook)', () => {
    const s = kube('k8s-examples__guestbook-all-in-one.yaml');
    expect(item(s, 'default/Deployment/frontend')).toMatchObject({ type: 'RedundancyGroup', attributes: { replicas: 3, minHealthy: 3, namespace: 'default' } });
    expect(edges(s)).toEqual(expect.arrayContaining([
      'default/Service/frontend DEPENDS_ON default/Deployment/frontend',
      'default/Service/redis-master DEPENDS_ON default/Deployment/redis-master',
      'default/Service/redis-replica DEPENDS_ON default/Deployment/redis-replica',
    ]));
    expect(s.relationships).toHaveLength(3);
  });

  it('across files: the Service selects the Deployment of another file, the Ingress routes to the Service, the HPA scales the Deployment', () => {
    const deployment = kube('k8s-examples__model-serving-tensorflow-deployment.yaml');
    expect(deployment.relationships.some((r) => r.type === 'DEPENDS_ON' && r.to.includes('/PersistentVolumeClaim/'))).toBe(true);
    const service = kube('k8s-examples__model-serving-tensorflow-service.yaml');
    expect(service.relationships.some((r) => r.to.includes('/Deployment/'))).toBe(true);
    const ingress = kube('k8s-examples__model-serving-tensorflow-ingress.yaml');
    expect(ingress.relationships.some((r) => r.type === 'DEPENDS_ON' && r.to.includes('/Service/'))).toBe(true);
    const hpa = kube('k8s-examples__vllm-horizontal-pod-autoscaler.yaml');
    expect(hpa.relationships).toEqual([expect.objectContaining({ type: 'CONNECTS_TO', to: expect.stringContaining('/Deployment/') })]);
  });

  it('a StatefulSet relies on its StorageClass named only by the legacy annotation', () => {
    const s = kube('k8s-examples__cassandra-statefulset.yaml');
    expect(edges(s)).toContain('default/StatefulSet/cassandra DEPENDS_ON -/StorageClass/fast');
  });

  it('JSON manifests and the legacy ReplicationController kind', () => {
    const s = kube('k8s-examples__meteor-controller.json');
    expect(s.items[0]).toMatchObject({ type: 'RedundancyGroup', attributes: { 'kubernetes.kind': 'ReplicationController' } });
  });

  it('services that find each other through environment variables rely on each other (microservices-demo)', () => {
    const s = kube('microservices-demo__kubernetes-manifests.yaml');
    expect(s.items.filter((i) => i.attributes['kubernetes.kind'] === 'Deployment')).toHaveLength(12);
    expect(edges(s)).toEqual(expect.arrayContaining([
      'default/Deployment/frontend DEPENDS_ON default/Service/productcatalogservice',
      'default/Deployment/checkoutservice DEPENDS_ON default/Service/paymentservice',
      'default/Deployment/frontend DEPENDS_ON default/ServiceAccount/frontend',
    ]));
    expect(JSON.stringify(s.items)).not.toContain('PRODUCT_CATALOG_SERVICE_ADDR');
  });

  it('RBAC bindings link to their roles; Istio routes to Services', () => {
    const rbac = kube('k8s-examples__podsecuritypolicy-rbac-bindings.yaml');
    expect(rbac.relationships.every((r) => r.type === 'CONNECTS_TO' && r.to.includes('/ClusterRole/'))).toBe(true);
    expect(rbac.relationships.length).toBeGreaterThan(0);
    const istio = kube('microservices-demo__istio-manifests.yaml');
    expect(istio.warnings.filter((w) => w.code === 'unmapped_type')).toEqual([]);
    expect(istio.relationships.some((r) => r.to.endsWith('/Service/frontend'))).toBe(true);
  });

  it('minHealthy comes from a PodDisruptionBudget when one selects the pods', () => {
    const manifests = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  replicas: 4
  template: { metadata: { labels: { app: api } }, spec: { containers: [{ name: api, image: api:1, env: [{ name: DB_PASSWORD, value: hunter2 }] }] } }
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: api, namespace: shop }
spec: { maxUnavailable: 25%, selector: { matchLabels: { app: api } } }
---
apiVersion: v1
kind: Secret
metadata: { name: db, namespace: shop }
stringData: { password: hunter2 }
`;
    const { objects } = readManifests(manifests, 'pdb.yaml');
    const s = manifestsToSnapshot(objects, { cluster: 'c1', scope: 'kubernetes:file:c1/pdb.yaml' });
    expect(item(s, 'shop/Deployment/api')?.attributes.minHealthy).toBe(3);
    expect(JSON.stringify(s)).not.toContain('hunter2');
  });

  it('refuses a file that is not YAML or JSON, naming it', () => {
    expect(() => readManifests('kind: [unclosed', 'bad.yaml')).toThrow(/bad\.yaml: not a Kubernetes manifest/);
  });
});

describe('Backstage catalogs', () => {
  it('reads every catalog file in the corpus', () => {
    for (const file of readdirSync(backstageDir)) expect(catalog(file).items.length, file).toBeGreaterThan(0);
  });

  it('components rely on resources and on the APIs they consume; APIs on the component providing them; systems on their parts', () => {
    expect(edges(catalog('backstage__artist-lookup-component.yaml'))).toEqual(expect.arrayContaining([
      'component:default/artist-lookup DEPENDS_ON resource:default/artists-db',
      'system:default/artist-engagement-portal DEPENDS_ON component:default/artist-lookup',
      'component:default/artist-lookup OWNED_BY group:default/team-a',
    ]));
    expect(edges(catalog('backstage__wayback-search-component.yaml'))).toEqual(expect.arrayContaining([
      'api:default/wayback-search DEPENDS_ON component:default/wayback-search',
      'component:default/wayback-search DEPENDS_ON api:default/wayback-archive',
    ]));
    expect(edges(catalog('backstage__artist-engagement-portal-system.yaml'))).toContain('system:default/artist-engagement-portal CONNECTS_TO domain:default/artists');
  });

  it('groups become teams with their users as contacts; owners with a namespace keep it', () => {
    const team = catalog('backstage__team-a-group.yaml').items.find((i) => i.keys[0] === 'backstage:group:default/team-a')!;
    expect(team).toMatchObject({ type: 'Team', attributes: { contacts: expect.arrayContaining([{ name: 'team-a', role: 'team', email: 'team-a@example.com' }, { name: 'breanna.davison', email: 'breanna-davison@example.com' }]) } });
    expect(edges(catalog('backstage-demo__catalog-info.yaml'))).toContain('component:default/backstage-demo OWNED_BY group:backstage/maintainers');
  });

  it('services and their intent: type, lifecycle, description', () => {
    const s = catalog('backstage__wayback-search-component.yaml');
    expect(s.items[0]).toMatchObject({ type: 'Service', attributes: { kind: 'technical', lifecycle: 'live', description: 'Search of the wayback machine' } });
  });
});

describe('trellis import kubernetes and backstage', () => {
  it('imports the corpus directories and joins what they describe', async () => {
    const env = { TRELLIS_DATA: mkdtempSync(join(tmpdir(), 'trellis-k8s-')) };
    for (const dir of [k8sDir, backstageDir]) {
      const result = await runCli(['import', dir], env);
      expect(result.code, result.stderr).toBe(0);
    }
    const service = JSON.parse((await runCli(['get', 'k8s:default/default/Service/frontend', '--json'], env)).stdout);
    expect(service.outgoing).toContainEqual(expect.objectContaining({ type: 'DEPENDS_ON', to: 'k8s:default/default/Deployment/frontend' }));
    const system = JSON.parse((await runCli(['get', 'backstage:system:default/artist-engagement-portal', '--json'], env)).stdout);
    expect(system.ci).toMatchObject({ type: 'Service', attributes: { 'trellis.sources': ['backstage:file:backstage__artist-engagement-portal-system.yaml'] } });
    const again = await runCli(['import', backstageDir, '--json'], env);
    for (const part of again.stdout.split(/\n(?=\{)/)) expect(JSON.parse(part).run.counts).toMatchObject({ created: 0, updated: 0, withdrawn: 0 });
  });
});
