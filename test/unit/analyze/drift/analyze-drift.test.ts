import { SnapshotBuilder } from '../../../../src/collect/objects/builder.js';
import { parseManifestText } from '../../../../src/collect/manifests/load-manifests.js';
import { analyzeDrift } from '../../../../src/analyze/drift/index.js';
import type { GitPolicySet } from '../../../../src/model/git.js';
import type { Snapshot } from '../../../../src/model/snapshot.js';
import { emptySnapshot } from '../../../helpers/empty-snapshot.js';

function policies(yaml: string): GitPolicySet {
  const b = new SnapshotBuilder();
  const problems = parseManifestText(yaml, 'test.yaml', b);
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  return b;
}

function snapshot(yaml: string): Snapshot {
  const p = policies(yaml);
  return emptySnapshot(
    {
      networkPolicies: p.networkPolicies,
      adminNetworkPolicies: p.adminNetworkPolicies,
      baselineAdminNetworkPolicies: p.baselineAdminNetworkPolicies,
    },
    'live',
  );
}

const np = (name: string, spec: string, ns = 'web'): string =>
  `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: ${name}, namespace: ${ns} }\nspec:\n${spec}\n`;

describe('analyzeDrift', () => {
  describe('when Git and the cluster declare the same policies written differently', () => {
    it.each([
      [
        'policyTypes left to the default (Ingress only, no egress rules)',
        '  podSelector: {}\n  ingress: [{}]',
        '  podSelector: {}\n  policyTypes: [Ingress]\n  ingress: [{}]',
      ],
      [
        'policyTypes left to the default with egress rules (Ingress and Egress)',
        '  podSelector: {}\n  egress: [{ ports: [{ port: 53, protocol: UDP }] }]',
        '  podSelector: {}\n  policyTypes: [Egress, Ingress]\n  egress: [{ ports: [{ port: 53, protocol: UDP }] }]',
      ],
      [
        'a port protocol left to its TCP default',
        '  podSelector: {}\n  ingress: [{ ports: [{ port: 80 }] }]',
        '  podSelector: {}\n  ingress: [{ ports: [{ port: 80, protocol: TCP }] }]',
      ],
      [
        'empty lists and selectors instead of missing ones',
        '  podSelector: { matchLabels: {} }\n  ingress: [{ from: [], ports: [] }]\n  egress: []',
        '  podSelector: {}\n  ingress: [{}]',
      ],
      [
        'a numeric port written as text',
        "  podSelector: {}\n  ingress: [{ ports: [{ port: '443' }] }]",
        '  podSelector: {}\n  ingress: [{ ports: [{ port: 443 }] }]',
      ],
    ])('reports no drift for %s', (_why, gitSpec, clusterSpec) => {
      const r = analyzeDrift(policies(np('p', gitSpec)), snapshot(np('p', clusterSpec)));
      expect(r).toEqual({ drift: [], findings: [] });
    });
  });

  describe('when a policy is in Git but not in the cluster', () => {
    it('reports it missing in the cluster, naming where Git declares it', () => {
      const r = analyzeDrift(policies(np('deny', '  podSelector: {}')), snapshot(''));
      expect(r.drift).toEqual([
        { kind: 'NetworkPolicy', namespace: 'web', name: 'deny', state: 'missingInCluster', differences: [] },
      ]);
      expect(r.findings.map((f) => [f.rule, f.severity])).toEqual([['drift-missing-in-cluster', 'high']]);
      expect(r.findings[0]?.explanation).toContain('test.yaml:2');
    });
  });

  describe('when a policy runs in the cluster but is not in Git', () => {
    it('reports it as unmanaged', () => {
      const r = analyzeDrift(policies(''), snapshot(np('hand-made', '  podSelector: {}', 'staging')));
      expect(r.drift).toEqual([
        {
          kind: 'NetworkPolicy',
          namespace: 'staging',
          name: 'hand-made',
          state: 'notInGit',
          differences: [],
        },
      ]);
      expect(r.findings[0]?.rule).toBe('drift-not-in-git');
    });
  });

  describe('when the live spec differs from Git', () => {
    it('lists each differing field with both values', () => {
      const git = np(
        'api',
        '  podSelector: { matchLabels: { app: api } }\n  ingress: [{ ports: [{ port: 8080 }] }]',
      );
      const live = np(
        'api',
        '  podSelector: { matchLabels: { app: api } }\n  ingress: [{ ports: [{ port: 8080 }, { port: 9090 }] }, { from: [{ ipBlock: { cidr: 0.0.0.0/0 } }] }]',
      );
      const r = analyzeDrift(policies(git), snapshot(live));
      expect(r.drift).toEqual([
        {
          kind: 'NetworkPolicy',
          namespace: 'web',
          name: 'api',
          state: 'modified',
          differences: [
            { path: 'spec.ingress[0].ports[1]', cluster: { protocol: 'TCP', port: 9090 } },
            { path: 'spec.ingress[1]', cluster: { from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] } },
          ],
        },
      ]);
      expect(r.findings[0]?.rule).toBe('drift-modified');
      expect(r.findings[0]?.explanation).toContain(
        'spec.ingress[0].ports[1]: git undefined, cluster {"protocol":"TCP","port":9090}',
      );
    });

    it('compares admin network policies including their priority', () => {
      const anp = (prio: number): string =>
        `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: { name: guard }\nspec: { priority: ${prio}, subject: { namespaces: {} }, ingress: [] }\n`;
      const r = analyzeDrift(policies(anp(10)), snapshot(anp(20)));
      expect(r.drift.map((d) => [d.kind, d.state, d.differences.map((x) => x.path)])).toEqual([
        ['AdminNetworkPolicy', 'modified', ['spec.priority']],
      ]);
    });
  });

  describe('when run twice on the same input', () => {
    it('gives identical output in a stable order', () => {
      const g = policies(np('b', '  podSelector: {}') + np('a', '  podSelector: {}'));
      const s = snapshot(np('c', '  podSelector: {}'));
      const first = analyzeDrift(g, s);
      expect(first.drift.map((d) => d.name)).toEqual(['a', 'b', 'c']);
      expect(JSON.stringify(analyzeDrift(g, s))).toBe(JSON.stringify(first));
    });
  });
});

describe('analyzeDrift when the desired state in Git is incomplete', () => {
  const live = snapshot(np('a', '  podSelector: {}') + np('b', '  podSelector: {}'));
  const git = policies(np('a', '  podSelector: {}\n  ingress: [{}]'));
  const broken = [
    {
      path: 'overlays/prod',
      tool: 'kustomize' as const,
      rendered: false,
      reason: 'kubectl kustomize failed: boom',
    },
  ];

  it('calls a live policy Git does not show unknown, with the reason, and raises no finding for it', () => {
    const r = analyzeDrift(git, live, broken);
    expect(r.drift.find((d) => d.name === 'b')).toEqual({
      kind: 'NetworkPolicy',
      namespace: 'web',
      name: 'b',
      state: 'unknown',
      differences: [],
      reason:
        'the desired state could not be determined: kustomize overlays/prod (kubectl kustomize failed: boom)',
    });
    expect(r.findings.map((f) => f.rule)).toEqual(['drift-modified']);
  });

  it('still compares the policies Git does show', () => {
    expect(analyzeDrift(git, live, broken).drift.find((d) => d.name === 'a')?.state).toBe('modified');
  });

  it('calls it notInGit when every source rendered', () => {
    const ok = [{ ...broken[0]!, rendered: true }];
    expect(analyzeDrift(git, live, ok).drift.find((d) => d.name === 'b')?.state).toBe('notInGit');
  });
});
