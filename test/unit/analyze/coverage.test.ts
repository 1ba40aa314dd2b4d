import { analyzeCoverage } from '../../../src/analyze/coverage.js';
import { netpol, ns, pod, snapshotOf, type Obj } from './helpers.js';

const pods: Obj[] = [ns('a'), pod('a', 'web', { app: 'web' }), pod('a', 'db', { app: 'db' })];

function coverageOf(policies: Obj[]) {
  const c = analyzeCoverage(snapshotOf([...pods, ...policies]))[0]!;
  return {
    ingress: c.ingressDefaultDeny,
    egress: c.egressDefaultDeny,
    denyIn: c.ingressDenyPolicies,
    denyOut: c.egressDenyPolicies,
    selected: [c.selectedIngress, c.selectedEgress],
    unselected: c.unselected,
  };
}

const cases = [
  {
    rule: 'no policies',
    reason: 'nothing is denied and every workload is unselected',
    policies: [],
    expected: {
      ingress: false,
      egress: false,
      denyIn: [],
      denyOut: [],
      selected: [0, 0],
      unselected: ['a/db[Pod]', 'a/web[Pod]'],
    },
  },
  {
    rule: 'podSelector {} without policyTypes',
    reason: 'policyTypes defaults to Ingress only when there are no egress rules',
    policies: [netpol('a', 'deny', { podSelector: {} })],
    expected: {
      ingress: true,
      egress: false,
      denyIn: ['a/deny'],
      denyOut: [],
      selected: [2, 0],
      unselected: [],
    },
  },
  {
    rule: 'podSelector {} with egress rules and no policyTypes',
    reason: 'egress rules add Egress to the default policyTypes',
    policies: [
      netpol('a', 'both', { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }),
    ],
    expected: {
      ingress: true,
      egress: true,
      denyIn: ['a/both'],
      denyOut: ['a/both'],
      selected: [2, 2],
      unselected: [],
    },
  },
  {
    rule: 'policyTypes [Egress] only',
    reason: 'listing only Egress leaves ingress without a default deny',
    policies: [netpol('a', 'out', { podSelector: {}, policyTypes: ['Egress'] })],
    expected: {
      ingress: false,
      egress: true,
      denyIn: [],
      denyOut: ['a/out'],
      selected: [0, 2],
      unselected: [],
    },
  },
  {
    rule: 'a policy selecting one workload',
    reason: 'it is not a default deny; the other workload stays unselected',
    policies: [netpol('a', 'web', { podSelector: { matchLabels: { app: 'web' } } })],
    expected: {
      ingress: false,
      egress: false,
      denyIn: [],
      denyOut: [],
      selected: [1, 0],
      unselected: ['a/db[Pod]'],
    },
  },
  {
    rule: 'podSelector {} with an ingress rule that has no peers and no ports',
    reason: 'an empty rule allows every source on every port: the pods are isolated but nothing is denied',
    policies: [netpol('a', 'allow-all', { podSelector: {}, ingress: [{}] })],
    expected: {
      ingress: false,
      egress: false,
      denyIn: [],
      denyOut: [],
      selected: [2, 0],
      unselected: [],
    },
  },
  {
    rule: 'a BaselineAdminNetworkPolicy denying ingress from every namespace',
    reason: 'the baseline denies whatever no NetworkPolicy allows, as a namespace default deny does',
    policies: [
      {
        apiVersion: 'policy.networking.k8s.io/v1alpha1',
        kind: 'BaselineAdminNetworkPolicy',
        metadata: { name: 'default' },
        spec: {
          subject: { namespaces: {} },
          ingress: [{ name: 'deny', action: 'Deny', from: [{ namespaces: {} }] }],
        },
      },
    ],
    expected: {
      ingress: true,
      egress: false,
      denyIn: ['BaselineAdminNetworkPolicy/default'],
      denyOut: [],
      selected: [0, 0],
      unselected: ['a/db[Pod]', 'a/web[Pod]'],
    },
  },
];

describe('analyzeCoverage', () => {
  describe.each(cases)('when $rule', ({ reason, policies, expected }) => {
    it(`reports coverage because ${reason}`, () => {
      expect(coverageOf(policies)).toEqual(expected);
    });
  });
});
