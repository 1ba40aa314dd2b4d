import { assessChanges } from '../../../src/impact/changes/assess-changes.js';
import type { DesiredStateStep, GitEvidence, PolicyVersion } from '../../../src/model/git.js';
import type { NetworkPolicy } from '../../../src/model/snapshot.js';
import { base, netpol, ns, pod, snapshotOf } from '../analyze/helpers.js';

// Workloads: a/client, a/server (http 80), b/other. Git's HEAD declares a default deny in a and an allow
// from a/client to a/server on 80. The steps (newest first) walk back through four changes.

const workloads = snapshotOf([...base, ns('c'), pod('c', 'api', { app: 'api' })]);

const policy = (namespace: string, name: string, spec: Record<string, unknown>): NetworkPolicy => {
  const s = snapshotOf([netpol(namespace, name, spec)]);
  return s.networkPolicies[0]!;
};

const denyA = policy('a', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
const allowClient = policy('a', 'allow-client', {
  podSelector: { matchLabels: { app: 'server' } },
  ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }], ports: [{ port: 80 }] }],
});
const allowFromB = policy('a', 'allow-client', {
  podSelector: { matchLabels: { app: 'server' } },
  ingress: [
    {
      from: [
        { podSelector: { matchLabels: { app: 'client' } } },
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } },
      ],
      ports: [{ port: 80 }],
    },
  ],
});

const v = (p: NetworkPolicy): PolicyVersion => ({
  kind: 'NetworkPolicy',
  namespace: p.namespace,
  name: p.name,
  object: p,
});
const gone = (p: NetworkPolicy): PolicyVersion => ({
  kind: 'NetworkPolicy',
  namespace: p.namespace,
  name: p.name,
});

function gitWith(steps: DesiredStateStep[]): GitEvidence {
  return {
    repo: 'policies',
    ref: 'main',
    headSha: '4'.repeat(40),
    paths: ['k8s/**'],
    period: { since: '2026-01-01T00:00:00Z', until: '2026-02-01T00:00:00Z' },
    commits: [],
    policyChanges: [],
    unrendered: [],
    headPolicies: {
      networkPolicies: [denyA, allowFromB],
      adminNetworkPolicies: [],
      baselineAdminNetworkPolicies: [],
    },
    desiredStates: steps,
    warnings: [],
  };
}

// HEAD = 4: deny + allow from client and b.  4 widened the allow (parent 3: deny + allow from client).
// 3 changed only a comment-like label (same spec).  2 added the deny (parent 1: allow only).
// 1 could not be rendered.
const steps: DesiredStateStep[] = [
  { sha: '4'.repeat(40), parent: '3'.repeat(40), toCommit: [], toParent: [v(allowClient)] },
  { sha: '3'.repeat(40), parent: '2'.repeat(40), toCommit: [], toParent: [] },
  { sha: '2'.repeat(40), parent: '1'.repeat(40), toCommit: [], toParent: [gone(denyA)] },
  {
    sha: '1'.repeat(40),
    parent: '0'.repeat(40),
    toCommit: [],
    toParent: [],
    unknown:
      'the desired state could not be determined at 111111111111: kustomize overlays/prod (kubectl kustomize failed)',
  },
];

describe('the assessed effect of each change', () => {
  const r = assessChanges(workloads, gitWith(steps));
  const at = (c: string) => r.bySha.get(c.repeat(40))!;

  describe('when a commit lets another namespace in', () => {
    it('reports the path it opened, across namespaces, with its port', () => {
      const i = at('4');
      expect(i.status).toBe('assessed');
      expect(i.policies).toEqual({
        added: 0,
        removed: 0,
        changed: 1,
        top: ['NetworkPolicy a/allow-client (changed)'],
      });
      expect(i.paths).toMatchObject({ opened: 1, closed: 0, changed: 0, crossNamespace: 1, external: 0 });
      expect(i.paths?.top).toEqual([
        {
          src: 'b/other[Pod]',
          dst: 'a/server[Pod]',
          change: 'opened',
          after: 'TCP 80',
          scope: 'cross-namespace',
        },
      ]);
    });
  });

  describe('when a commit adds a default deny', () => {
    it('reports the paths it closed and the findings it closed', () => {
      const i = at('2');
      expect(i.status).toBe('assessed');
      expect(i.policies?.top).toEqual(['NetworkPolicy a/default-deny (added)']);
      // a/client was open to everyone; the deny closes it from the outside world, b, c and a/server.
      expect(i.paths?.closed).toBeGreaterThan(0);
      expect(i.paths?.opened).toBe(0);
      expect(i.paths?.top[0]).toMatchObject({ change: 'closed', scope: 'external', dst: 'a/client[Pod]' });
      expect(i.paths?.top.map((p) => `${p.src} ${p.dst}`)).toContain('b/other[Pod] a/client[Pod]');
      expect(i.findings?.top).toContainEqual(
        expect.objectContaining({
          rule: 'default-deny-ingress-missing',
          resource: 'Namespace a',
          change: 'closed',
        }),
      );
      expect(i.findings?.opened).toBe(0);
    });
  });

  describe('when a commit changes nothing the analysis sees', () => {
    it('is assessed with no policy, path or finding changed', () => {
      expect(at('3')).toEqual({
        status: 'assessed',
        policies: { added: 0, removed: 0, changed: 0, top: [] },
        paths: { opened: 0, closed: 0, changed: 0, external: 0, crossNamespace: 0, complete: true, top: [] },
        findings: { opened: 0, closed: 0, top: [] },
      });
    });
  });

  describe('when the desired state at a commit could not be rendered', () => {
    it('is unknown, with the reason, and claims nothing', () => {
      expect(at('1')).toEqual({
        status: 'unknown',
        reason:
          'the desired state could not be determined at 111111111111: kustomize overlays/prod (kubectl kustomize failed)',
      });
    });
  });

  it('says what the changes were assessed against: this snapshot, not the workloads of the time', () => {
    expect(r.basis).toMatchObject({ assessed: 3, unknown: 1, workloads: 4, namespaces: 3, topRows: 10 });
    expect(r.basis.statement).toContain("this report's snapshot (inline, collected 2026-01-15T10:00:00Z)");
    expect(r.basis.statement).toContain('not against the workloads that ran when the change was made');
  });
});
