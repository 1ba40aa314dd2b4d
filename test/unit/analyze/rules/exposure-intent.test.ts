import { analyzeSnapshot } from '../../../../src/analyze/index.js';
import { attributeIntent } from '../../../../src/analyze/changes/intent.js';
import type { Finding } from '../../../../src/model/finding.js';
import type { GitEvidence } from '../../../../src/model/git.js';
import { netpol, ns, pod, snapshotOf, type Obj } from '../helpers.js';

const INTENT = { 'netpol-evidence.io/intended-exposure': 'internet' };
const annotated = (o: Obj, annotations: Record<string, string>): Obj => ({
  ...o,
  metadata: { ...(o.metadata as Obj), annotations },
});
const web = pod('web', 'shop', { app: 'shop' }, [{ containerPort: 443 }]);
const publicRule = netpol('web', 'public', {
  podSelector: { matchLabels: { app: 'shop' } },
  ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }],
});
const loadBalancer: Obj = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { namespace: 'web', name: 'shop-lb' },
  spec: { type: 'LoadBalancer', selector: { app: 'shop' }, ports: [{ port: 443 }] },
};

function internet(objects: Obj[], rule = 'reachable-from-internet'): Finding[] {
  return analyzeSnapshot(snapshotOf(objects)).findings.filter((f) => f.rule === rule);
}

describe('intended exposure (netpol-evidence.io/intended-exposure: internet)', () => {
  describe('when the namespace carries the annotation', () => {
    it('makes the finding expected (info) and names the namespace', () => {
      const [f] = internet([annotated(ns('web'), INTENT), web, publicRule]);
      expect(f?.severity).toBe('info');
      expect(f?.message).toMatch(/^Expected: .* as Namespace web declares\.$/);
      expect(f?.intent).toEqual({
        annotation: 'netpol-evidence.io/intended-exposure=internet',
        on: { kind: 'Namespace', name: 'web' },
      });
    });
  });

  describe('when a NetworkPolicy that selects the workload carries it', () => {
    it('makes the finding expected and names the policy', () => {
      const [f] = internet([ns('web'), web, annotated(publicRule, INTENT)]);
      expect(f?.severity).toBe('info');
      expect(f?.intent?.on).toEqual({ kind: 'NetworkPolicy', namespace: 'web', name: 'public' });
    });
  });

  describe('when the annotation has another value', () => {
    it('keeps the documented severity', () => {
      const other = { 'netpol-evidence.io/intended-exposure': 'partners' };
      const [f] = internet([annotated(ns('web'), other), web, publicRule]);
      expect(f?.severity).toBe('medium');
      expect(f?.intent).toBeUndefined();
    });
  });

  describe('when Git evidence is given', () => {
    it('says who last changed the annotated policy in Git, and why it cannot for a namespace', () => {
      const commit = {
        sha: 'a'.repeat(40),
        parents: [],
        author: { name: 'Ana', email: 'ana@example.com', date: '2026-01-10T09:00:00Z' },
        committer: { name: 'Ana', email: 'ana@example.com', date: '2026-01-10T09:00:00Z' },
        subject: 'Open the shop (#7)',
        trailers: [],
        files: [{ status: 'modified' as const, path: 'policies/web.yaml' }],
        signature: { status: 'none' as const, format: 'none' as const },
        review: { reviewed: true, kind: 'merge-request' as const, reference: '#7', approvers: [] },
      };
      const git = {
        repo: 'repo',
        ref: 'main',
        headSha: commit.sha,
        paths: ['policies'],
        period: { since: '2026-01-01T00:00:00Z', until: '2026-02-01T00:00:00Z' },
        commits: [commit],
        policyChanges: [
          {
            kind: 'NetworkPolicy' as const,
            namespace: 'web',
            name: 'public',
            changes: [
              {
                sha: commit.sha,
                date: commit.committer.date,
                action: 'modified' as const,
                path: 'policies/web.yaml',
              },
            ],
          },
        ],
        unrendered: [],
        headPolicies: { networkPolicies: [], adminNetworkPolicies: [], baselineAdminNetworkPolicies: [] },
        warnings: [],
      } satisfies GitEvidence;
      const [byPolicy] = attributeIntent(internet([ns('web'), web, annotated(publicRule, INTENT)]), git);
      expect(byPolicy?.intent?.setBy).toBe(
        'Ana <ana@example.com> in commit aaaaaaaaaaaa on 2026-01-10 (modified policies/web.yaml; review: #7)',
      );
      const [byNs] = attributeIntent(internet([annotated(ns('web'), INTENT), web, publicRule]), git);
      expect(byNs?.intent?.setBy).toMatch(/^not in the Git evidence/);
    });
  });
});

describe('reachable from outside: exposed versus not isolated', () => {
  describe('when a LoadBalancer Service selects the workload', () => {
    it('says it is exposed and names the Service', () => {
      const [f] = internet([ns('web'), web, publicRule, loadBalancer]);
      expect(f?.message).toContain('is exposed (Service/web/shop-lb (LoadBalancer))');
    });
  });

  describe('when nothing publishes it', () => {
    it('says only that policy does not isolate it', () => {
      const [f] = internet([ns('web'), web, publicRule]);
      expect(f?.message).toContain(
        'is allowed by policy to receive traffic from outside the cluster, but nothing publishes it',
      );
      const [open] = internet([ns('web'), web]);
      expect(open?.message).toContain(
        'is not isolated by policy from outside the cluster, but nothing publishes it',
      );
    });
  });
});

describe('one root cause, one finding', () => {
  describe('when a rule allows the internet except one block', () => {
    it('gives one row "any internet address except …" instead of one per fragment', () => {
      const rule = netpol('web', 'public', {
        podSelector: {},
        ingress: [
          { from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['203.0.113.0/24'] } }], ports: [{ port: 443 }] },
        ],
      });
      const [f] = internet([ns('web'), web, rule]);
      expect(f?.pairs).toEqual([
        {
          src: 'any internet address except 203.0.113.0-203.0.113.255',
          dst: 'web/shop[Pod]',
          conns: 'TCP 443',
        },
      ]);
    });
  });

  describe('when a namespace has no NetworkPolicy at all', () => {
    it('gives one workload-not-selected finding for the namespace, listing its workloads', () => {
      const objs = [ns('web'), web, pod('web', 'cart', { app: 'cart' }), pod('web', 'api', { app: 'api' })];
      const found = internet(objs, 'workload-not-selected');
      expect(found.map((f) => `${f.resource.kind}/${f.resource.name}`)).toEqual(['Namespace/web']);
      expect(found[0]?.explanation).toContain('Workloads: web/api[Pod], web/cart[Pod], web/shop[Pod]');
    });
  });
});
