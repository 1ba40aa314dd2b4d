import { analyzeSnapshot } from '../../../../src/analyze/index.js';
import type { Finding } from '../../../../src/model/finding.js';
import { ccnp, cnp, netpol, ns, pod, snapshotOf, type Obj } from '../helpers.js';

const world: Obj[] = [
  ns('kube-system'),
  ns('a'),
  ns('b'),
  pod('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
  ]),
  pod('a', 'web', { app: 'web' }, [{ name: 'http', containerPort: 80 }]),
  pod('b', 'db', { app: 'db' }, [{ containerPort: 5432 }]),
];

function run(objects: Obj[]): ReturnType<typeof analyzeSnapshot> {
  return analyzeSnapshot(snapshotOf([...world, ...objects]));
}
const of = (objects: Obj[], rule: string): Finding[] => run(objects).findings.filter((f) => f.rule === rule);
const key = (f: Finding): string => `${f.resource.kind}/${f.resource.namespace ?? ''}/${f.resource.name}`;

interface Case {
  readonly rule: string;
  readonly reason: string;
  readonly objects: Obj[];
  /** "kind/namespace/name" of the expected findings' resources. */
  readonly resources: string[];
  /** Text the explanation of the finding on resources[0] must contain (the CRD and the rule index). */
  readonly explains?: string;
}

const cases: Case[] = [
  {
    rule: 'policy-selects-nothing',
    reason: 'a CNP whose endpointSelector matches no pod protects nothing',
    objects: [cnp('a', 'typo', { endpointSelector: { matchLabels: { app: 'wbe' } }, ingress: [{}] })],
    resources: ['CiliumNetworkPolicy/a/typo'],
    explains: 'CiliumNetworkPolicy/a/typo spec.endpointSelector',
  },
  {
    rule: 'peer-matches-nothing',
    reason: 'a toEndpoints selector matching no pod allows nothing (a label typo silently denies)',
    objects: [
      cnp('a', 'p', { endpointSelector: {}, egress: [{ toEndpoints: [{ matchLabels: { app: 'dbb' } }] }] }),
    ],
    resources: ['CiliumNetworkPolicy/a/p'],
    explains: 'CiliumNetworkPolicy/a/p spec.egress[0].toEndpoints[0]: no pod matches',
  },
  {
    rule: 'allow-all-rule',
    reason: 'fromEntities world admits every outside address',
    objects: [cnp('a', 'open', { endpointSelector: {}, ingress: [{ fromEntities: ['world'] }] })],
    resources: ['CiliumNetworkPolicy/a/open'],
    explains: 'CiliumNetworkPolicy/a/open spec.ingress[0].fromEntities[0]: matches every outside address',
  },
  {
    rule: 'reachable-from-internet',
    reason: 'the explanation names the Cilium rule that lets the outside in',
    objects: [
      cnp('a', 'open', {
        endpointSelector: {},
        ingress: [{ fromCIDR: ['0.0.0.0/0'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }],
      }),
    ],
    resources: ['Pod/a/web', 'Pod/b/db', 'Pod/kube-system/coredns'],
    explains: 'allowed by CiliumNetworkPolicy/a/open spec.ingress[0].toPorts[0]',
  },
  {
    rule: 'default-deny-ingress-missing',
    reason: 'a CNP selecting every pod with an ingress section makes its namespace default-deny for ingress',
    objects: [cnp('a', 'deny', { endpointSelector: {}, ingress: [{}] })],
    resources: ['Namespace//b', 'Namespace//kube-system'],
  },
  {
    rule: 'default-deny-egress-missing',
    reason: 'a CCNP selecting every pod with egressDeny only makes every namespace default-deny for egress',
    objects: [ccnp('deny', { endpointSelector: {}, egressDeny: [{ toCIDR: ['10.0.0.0/8'] }] })],
    resources: [],
  },
  {
    rule: 'dns-blocked-by-default-deny',
    reason: 'a Cilium egress default deny without DNS blocks name resolution, and the finding names the CRD',
    objects: [cnp('b', 'deny', { endpointSelector: {}, egress: [{}] })],
    resources: ['Namespace//b'],
    explains: 'CiliumNetworkPolicy/b/deny isolates every pod in b for egress',
  },
  {
    rule: 'workload-not-selected',
    reason: 'a workload a CNP selects is not reported as selected by nothing',
    objects: [cnp('a', 'web', { endpointSelector: { matchLabels: { app: 'web' } }, ingress: [{}] })],
    resources: ['Namespace//b', 'Namespace//kube-system'],
  },
];

describe('findings over Cilium policies', () => {
  describe.each(cases)('$rule', ({ rule, reason, objects, resources, explains }) => {
    it(`reports ${resources.length ? resources.join(', ') : 'nothing'} because ${reason}`, () => {
      const got = of(objects, rule);
      expect(got.map(key).sort()).toEqual([...resources].sort());
      if (explains) expect(got.find((f) => key(f) === resources[0])?.explanation).toContain(explains);
    });
  });

  describe('when NetworkPolicy, ANP-free Cilium allow and deny meet on one namespace', () => {
    it('counts Cilium isolation in coverage and lists the CRD among the default-deny policies', () => {
      const a = run([
        netpol('a', 'np', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] }),
        cnp('a', 'all', { endpointSelector: {}, egress: [{ toEntities: ['cluster'] }] }),
      ]);
      const cov = a.coverage.find((c) => c.namespace === 'a');
      expect(cov).toMatchObject({
        egressDefaultDeny: true,
        egressDenyPolicies: ['CiliumNetworkPolicy/a/all'],
      });
      expect(cov).toMatchObject({ ingressDefaultDeny: false, selectedIngress: 1, selectedEgress: 1 });
    });
  });

  describe('when a Cilium policy names something the snapshot cannot hold', () => {
    it('says what was not analysed, with the file, the policy and the field', () => {
      const a = run([
        cnp('a', 'p', {
          endpointSelector: {},
          egress: [{ toEntities: ['kube-apiserver'] }, { toFQDNs: [{ matchName: 'api.example.com' }] }],
        }),
      ]);
      expect(a.notes).toEqual([
        'inline.yaml:13: CiliumNetworkPolicy/a/p spec.egress[0].toEntities[0]: entity kube-apiserver has no endpoint in the snapshot; not analysed',
        'inline.yaml:13: CiliumNetworkPolicy/a/p spec.egress[1].toFQDNs[0]: api.example.com is kept as a host allowance; its addresses are unknown',
      ]);
    });
  });
});
