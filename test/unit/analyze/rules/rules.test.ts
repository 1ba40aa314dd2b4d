import { analyzeSnapshot } from '../../../../src/analyze/index.js';
import type { Finding } from '../../../../src/model/finding.js';
import { findingId } from '../../../../src/model/hash.js';
import { ns, netpol, pod, snapshotOf, type Obj } from '../helpers.js';

const labelled = { owner: 'x', 'data-classification': 'internal' };
const dnsPod = pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns', ...labelled }, [
  { name: 'dns', containerPort: 53, protocol: 'UDP' },
  { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
]);
const world: Obj[] = [
  ns('kube-system'),
  ns('a', { team: 'x', 'data-classification': 'internal' }),
  ns('b', { team: 'y', 'data-classification': 'internal' }),
  dnsPod,
  pod('a', 'web', { app: 'web' }, [{ name: 'http', containerPort: 80 }]),
  pod('b', 'db', { app: 'db' }, [{ containerPort: 5432 }]),
];
const denyAll = (n: string): Obj =>
  netpol(n, 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const allowDns = (n: string): Obj =>
  netpol(n, 'dns', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ],
  });
const lockedDown = [
  denyAll('a'),
  denyAll('b'),
  denyAll('kube-system'),
  allowDns('a'),
  allowDns('b'),
  allowDns('kube-system'),
];

function findings(objects: Obj[], rule: string): Finding[] {
  return analyzeSnapshot(snapshotOf(objects)).findings.filter((f) => f.rule === rule);
}

interface Case {
  readonly rule: string;
  readonly reason: string;
  readonly objects: Obj[];
  /** "kind/namespace/name" of the expected findings' resources. */
  readonly resources: string[];
  /** Text the first finding's explanation must contain (the exact policy and rule path). */
  readonly explains?: string;
}

const key = (f: Finding): string => `${f.resource.kind}/${f.resource.namespace ?? ''}/${f.resource.name}`;

const cases: Case[] = [
  {
    rule: 'default-deny-ingress-missing',
    reason: 'namespace b has no podSelector {} policy with Ingress',
    objects: [...world, denyAll('a'), denyAll('kube-system')],
    resources: ['Namespace//b'],
    explains: 'No NetworkPolicy in b',
  },
  {
    rule: 'default-deny-egress-missing',
    reason: 'an ingress-only default deny leaves egress open',
    objects: [...world, denyAll('a'), denyAll('kube-system'), netpol('b', 'in', { podSelector: {} })],
    resources: ['Namespace//b'],
  },
  {
    rule: 'workload-not-selected',
    reason: 'no policy in b selects db',
    objects: [
      ...world,
      denyAll('a'),
      denyAll('kube-system'),
      netpol('b', 'other', { podSelector: { matchLabels: { app: 'x' } } }),
    ],
    resources: ['Pod/b/db'],
  },
  {
    rule: 'allow-all-rule',
    reason: 'namespaceSelector {} without a pod selector matches every pod',
    objects: [
      ...world,
      netpol('b', 'open', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] }),
    ],
    resources: ['NetworkPolicy/b/open'],
    explains: 'b/open spec.ingress[0].from[0]',
  },
  {
    rule: 'reachable-from-internet',
    reason: 'an ipBlock 0.0.0.0/0 ingress rule lets outside traffic reach web on port 80',
    objects: [
      ...world,
      ...lockedDown,
      netpol('a', 'public', {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 80 }] }],
      }),
    ],
    resources: ['Pod/a/web'],
    explains: 'a/public spec.ingress[0]',
  },
  {
    rule: 'internet-egress',
    reason: 'an egress rule to 0.0.0.0/0 lets db reach outside addresses',
    objects: [
      ...world,
      ...lockedDown,
      netpol('b', 'out', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 443 }] }],
      }),
    ],
    resources: ['Pod/b/db'],
    explains: 'b/out spec.egress[0]',
  },
  {
    rule: 'cross-namespace-path',
    reason: 'a allows ingress from b, so b reaches a',
    objects: [
      ...world,
      ...lockedDown,
      netpol('a', 'from-b', {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'y' } } }] }],
      }),
      netpol('b', 'to-a', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'x' } } }] }],
      }),
    ],
    resources: ['Namespace//b'],
  },
  {
    rule: 'policy-selects-nothing',
    reason: 'no pod in a has app=ghost',
    objects: [...world, netpol('a', 'ghost', { podSelector: { matchLabels: { app: 'ghost' } } })],
    resources: ['NetworkPolicy/a/ghost'],
    explains: 'a/ghost spec.podSelector',
  },
  {
    rule: 'peer-matches-nothing',
    reason: 'the namespace label team=yy is a typo: no namespace has it',
    objects: [
      ...world,
      netpol('a', 'typo', {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'yy' } } }] }],
      }),
    ],
    resources: ['NetworkPolicy/a/typo'],
    explains: 'a/typo spec.ingress[0].from[0]: the namespaceSelector matches no namespace',
  },
  {
    rule: 'dns-blocked-by-default-deny',
    reason: 'b denies all egress and has no DNS allow',
    objects: [...world, denyAll('a'), denyAll('b'), allowDns('a')],
    resources: ['Namespace//b'],
    explains: 'b/deny',
  },
  {
    rule: 'missing-ownership-labels',
    reason: 'svc and its namespace carry neither an owner nor a classification label',
    objects: [ns('c'), pod('c', 'svc', { app: 'svc' }), pod('c', 'tagged', labelled)],
    resources: ['Pod/c/svc'],
    explains: 'an owner label (owner, team, app.kubernetes.io/owner)',
  },
];

describe('finding rules', () => {
  describe.each(cases)('when $rule applies', ({ rule, reason, objects, resources, explains }) => {
    it(`reports it because ${reason}`, () => {
      const got = findings(objects, rule);
      expect(got.map(key).sort()).toEqual(resources.sort());
      for (const f of got) {
        expect(f.id).toBe(
          findingId(rule, `${f.resource.kind}/${f.resource.namespace ?? ''}/${f.resource.name}`),
        );
        expect(f.remediation).toBeTruthy();
        expect((f.pairs ?? []).length).toBeLessThanOrEqual(20);
      }
      if (explains) expect(got[0]?.explanation).toContain(explains);
    });
  });

  describe('when the cluster is locked down with DNS allowed and labels present', () => {
    it('reports none of the segmentation rules', () => {
      const objs = [
        ns('kube-system', { team: 'platform', 'data-classification': 'internal' }),
        ns('a', { team: 'x', 'data-classification': 'internal' }),
        dnsPod,
        pod('a', 'web', { app: 'web' }),
        ...lockedDown.filter((o) => (o.metadata as { namespace: string }).namespace !== 'b'),
      ];
      const rules = new Set(analyzeSnapshot(snapshotOf(objs)).findings.map((f) => f.rule));
      expect([...rules].sort()).toEqual([]);
    });
  });

  describe('when findings of several severities exist', () => {
    it('sorts them by severity, then id', () => {
      const all = analyzeSnapshot(snapshotOf(world)).findings;
      const order = ['critical', 'high', 'medium', 'low', 'info'];
      const keys = all.map((f) => `${order.indexOf(f.severity)}|${f.id}`);
      expect(keys).toEqual([...keys].sort());
    });
  });
});
