import {
  SAMPLE_KUBE_SYSTEM_UID,
  sampleCluster,
  sampleOptionalPolicies,
} from '../../helpers/api-server/sample-cluster.js';
import { pagesOf, startHarness, type Harness } from './harness.js';

describe('collectClusterSnapshot', () => {
  describe('when the cluster serves only the built-in groups', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ objects: sampleCluster(), gitVersion: 'v1.30.4' });
    });
    afterAll(() => h.stop());

    it('follows continue tokens until the last page of every list', async () => {
      const s = await h.collect({ pageSize: 2 });
      const pods = pagesOf(h.server, '/api/v1/pods');
      // 5 pods in pages of 2: the first page has no token, the next two carry the previous page's token.
      expect(pods).toHaveLength(3);
      expect(pods[0]?.continue).toBeUndefined();
      expect(pods.slice(1).every((p) => p.continue !== undefined && p.status === 200)).toBe(true);
      expect(h.server.requests.filter((r) => r.path === '/api/v1/pods').map((r) => r.query.limit)).toEqual([
        '2',
        '2',
        '2',
      ]);
      expect(s.pods.map((p) => `${p.namespace}/${p.name}`)).toEqual([
        'payments/api-7d9f-0',
        'payments/api-7d9f-1',
        'shop/web-7d9f-0',
        'shop/web-7d9f-1',
        'shop/web-7d9f-2',
      ]);
    });

    it('records the cluster identity, each list resourceVersion and the counts per kind', async () => {
      const s = await h.collect();
      expect(s.source).toEqual({
        type: 'cluster',
        name: 'test',
        cluster: {
          server: h.server.url,
          context: 'test',
          kubeSystemUid: SAMPLE_KUBE_SYSTEM_UID,
          serverVersion: 'v1.30.4',
          // The API server's own answer to "who am I" for the token the kubeconfig carries.
          authenticatedAs: {
            username: 'system:serviceaccount:netpol-evidence:netpol-evidence',
            uid: '5b0c1c2e-0000-4000-8000-000000000001',
            groups: [
              'system:authenticated',
              'system:serviceaccounts',
              'system:serviceaccounts:netpol-evidence',
            ],
          },
        },
      });
      const reviews = h.server.requests.filter(
        (r) => r.path === '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      );
      expect(reviews.length).toBeGreaterThan(0);
      expect(reviews.every((r) => r.method === 'POST' && r.status === 201)).toBe(true);
      expect(s.collection.counts).toEqual({
        CronJob: 1,
        Deployment: 2,
        Ingress: 1,
        Namespace: 3,
        NetworkPolicy: 2,
        Pod: 5,
        ReplicaSet: 2,
        Service: 2,
      });
      expect(Object.keys(s.collection.resourceVersions ?? {})).toEqual([
        'cronjobs.batch',
        'daemonsets.apps',
        'deployments.apps',
        'ingresses.networking.k8s.io',
        'jobs.batch',
        'namespaces',
        'networkpolicies.networking.k8s.io',
        'pods',
        'replicasets.apps',
        'services',
        'statefulsets.apps',
      ]);
      expect(new Set(Object.values(s.collection.resourceVersions ?? {})).size).toBe(1);
      expect(s.collection.startedAt).toBe('2026-01-15T10:00:00.000Z');
    });

    it('notes every absent optional group without failing', async () => {
      const s = await h.collect();
      expect(s.collection.absentApiGroups).toEqual([
        'argoproj.io',
        'cilium.io',
        'crd.projectcalico.org',
        'kustomize.toolkit.fluxcd.io',
        'policy.networking.k8s.io',
        'projectcalico.org',
        'route.openshift.io',
        'source.toolkit.fluxcd.io',
      ]);
      const notes = h.logs.filter((l) => l.event === 'cluster api group absent');
      expect(notes.every((l) => l.level === 'info')).toBe(true);
      expect(s.otherPolicies).toEqual([]);
    });

    it('gives items without kind the kind of their list', async () => {
      const s = await h.collect();
      expect(s.workloads.map((w) => `${w.kind} ${w.namespace}/${w.name}`)).toEqual([
        'CronJob payments/settle',
        'Deployment payments/api',
        'Deployment shop/web',
        'ReplicaSet payments/api-7d9f',
        'ReplicaSet shop/web-7d9f',
      ]);
      expect(s.networkPolicies.map((p) => p.name)).toEqual(['api-from-shop', 'default-deny']);
    });
  });

  describe('when the optional policy groups are served', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({
        objects: [...sampleCluster(), ...sampleOptionalPolicies()],
        groups: ['policy.networking.k8s.io', 'cilium.io', 'projectcalico.org', 'crd.projectcalico.org'],
      });
    });
    afterAll(() => h.stop());

    it('reads them, and reads Calico through projectcalico.org/v3 only', async () => {
      const s = await h.collect();
      expect(s.adminNetworkPolicies.map((p) => [p.name, p.priority])).toEqual([['pci-isolation', 10]]);
      expect(s.otherPolicies.map((p) => `${p.apiVersion} ${p.kind} ${p.namespace}/${p.name}`)).toEqual([
        'cilium.io/v2 CiliumNetworkPolicy shop/l7-web',
      ]);
      expect(s.collection.absentApiGroups).toEqual([
        'argoproj.io',
        'kustomize.toolkit.fluxcd.io',
        'route.openshift.io',
        'source.toolkit.fluxcd.io',
      ]);
      const listed = new Set(h.server.requests.map((r) => r.path));
      expect(listed.has('/apis/projectcalico.org/v3/globalnetworkpolicies')).toBe(true);
      expect([...listed].some((p) => p.startsWith('/apis/crd.projectcalico.org/v1/'))).toBe(false);
    });
  });
});

describe('collectClusterSnapshot with an object the model cannot read', () => {
  let h: Harness;
  beforeAll(async () => {
    const [anp] = sampleOptionalPolicies();
    const bad = {
      ...anp,
      metadata: { name: 'too-high' },
      spec: { ...(anp?.spec as object), priority: 5000 },
    };
    h = await startHarness({ objects: [...sampleCluster(), ...sampleOptionalPolicies(), bad] });
  });
  afterAll(() => h.stop());

  it('skips that object with a warning naming the request, the object and the field', async () => {
    const s = await h.collect();
    expect(s.adminNetworkPolicies.map((p) => p.name)).toEqual(['pci-isolation']);
    expect(s.warnings).toEqual([
      {
        where: 'GET /apis/policy.networking.k8s.io/v1alpha1/adminnetworkpolicies too-high',
        message: 'spec.priority: must be from 0 to 1000; object skipped',
      },
    ]);
  });

  describe('when the identity may not be read (SelfSubjectReview refused)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({
        objects: sampleCluster(),
        faults: [{ path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', status: 403, times: 5 }],
      });
    });
    afterAll(() => h.stop());

    it('collects anyway and records why the identity is unknown', async () => {
      const s = await h.collect();
      expect(s.source.type === 'cluster' && s.source.cluster.authenticatedAs).toEqual({
        unavailable: 'SelfSubjectReview answered HTTP 403',
      });
      expect(s.pods).toHaveLength(5);
    });
  });
});
