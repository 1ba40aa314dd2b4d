import { analyzeReachability } from '../../../../src/analyze/reachability/index.js';
import { anp, banp, base, netpol, snapshotOf, type Obj } from '../helpers.js';

const C = 'a/client[Pod]';
const S = 'a/server[Pod]';
const O = 'b/other[Pod]';

function pair(policies: Obj[], src: string, dst: string): string | null {
  const c = analyzeReachability(snapshotOf([...base, ...policies]));
  return c.connections.find((x) => x.src === src && x.dst === dst)?.text ?? null;
}

const toServer = {
  subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'server' } } } },
};
const fromAll = [{ namespaces: {} }];
const tcp = (port: number): Obj => ({ portNumber: { protocol: 'TCP', port } });
const rule = (action: string, ports?: Obj[]): Obj => ({
  name: action,
  action,
  from: fromAll,
  ...(ports ? { ports } : {}),
});
const npAllow80 = netpol('a', 'np', {
  podSelector: { matchLabels: { app: 'server' } },
  ingress: [{ ports: [{ port: 80 }] }],
});

const cases: { rule: string; reason: string; policies: Obj[]; src: string; expect: string | null }[] = [
  {
    rule: 'ANP Deny',
    reason: 'a Deny overrides everything below it, NetworkPolicy included',
    policies: [anp('deny', 10, { ...toServer, ingress: [rule('Deny')] }), npAllow80],
    src: O,
    expect: null,
  },
  {
    rule: 'ANP Allow over a NetworkPolicy deny',
    reason: 'an ANP Allow is final: the NetworkPolicy is never consulted for that traffic',
    policies: [anp('allow', 10, { ...toServer, ingress: [rule('Allow', [tcp(443)])] }), npAllow80],
    src: O,
    expect: 'TCP 80,443',
  },
  {
    rule: 'priorities',
    reason: 'a lower priority number has precedence (Deny at 5 beats Allow at 6)',
    policies: [
      anp('first', 5, { ...toServer, ingress: [rule('Deny', [tcp(80)])] }),
      anp('second', 6, { ...toServer, ingress: [rule('Allow')] }),
    ],
    src: C,
    expect: 'SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535',
  },
  {
    rule: 'rule order',
    reason: 'inside one ANP the first matching rule decides each port',
    policies: [anp('order', 5, { ...toServer, ingress: [rule('Allow', [tcp(80)]), rule('Deny')] })],
    src: C,
    expect: 'TCP 80',
  },
  {
    rule: 'Pass to NetworkPolicy',
    reason: 'passed traffic is decided by the NetworkPolicies selecting the pod',
    policies: [anp('pass', 5, { ...toServer, ingress: [rule('Pass')] }), npAllow80],
    src: C,
    expect: 'TCP 80',
  },
  {
    rule: 'Pass to BANP',
    reason: 'with no NetworkPolicy selecting the pod, passed traffic falls to the BANP',
    policies: [
      anp('pass', 5, { ...toServer, ingress: [rule('Pass')] }),
      banp({ ...toServer, ingress: [rule('Deny', [tcp(22)])] }),
    ],
    src: C,
    expect: 'SCTP 1-65535,TCP 1-21,23-65535,UDP 1-65535',
  },
  {
    rule: 'NetworkPolicy hides BANP',
    reason: "a NetworkPolicy's implicit deny applies before the BANP, so BANP Allows never show",
    policies: [banp({ ...toServer, ingress: [rule('Allow')] }), npAllow80],
    src: C,
    expect: 'TCP 80',
  },
  {
    rule: 'ANP namedPort',
    reason: "namedPort resolves against the destination pod's container ports",
    policies: [
      anp('named', 5, { ...toServer, ingress: [rule('Allow', [{ namedPort: 'dns' }]), rule('Deny')] }),
    ],
    src: C,
    expect: 'UDP 53',
  },
  {
    rule: 'ANP egress networks',
    reason: 'networks match outside IPs only; pods are not matched by a CIDR',
    policies: [
      anp('egress', 5, {
        subject: { namespaces: {} },
        egress: [
          { name: 'web', action: 'Allow', to: [{ networks: ['0.0.0.0/0'] }] },
          { name: 'rest', action: 'Deny', to: [{ namespaces: {} }] },
        ],
      }),
    ],
    src: C,
    expect: null,
  },
];

describe('AdminNetworkPolicy and BaselineAdminNetworkPolicy semantics', () => {
  describe.each(cases)('when $rule', ({ reason, policies, src, expect: expected }) => {
    it(`gives the expected connections because ${reason}`, () => {
      expect(pair(policies, src, S)).toBe(expected);
    });
  });
});
