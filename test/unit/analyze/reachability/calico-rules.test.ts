import { analyzeReachability } from '../../../../src/analyze/reachability/index.js';
import { cnp, globalSet, gnp, netSet, tier } from '../calico-helpers.js';
import { anp, banp, base, cnp as ciliumNp, netpol, snapshotOf, type Obj } from '../helpers.js';

const C = 'a/client[Pod]';
const S = 'a/server[Pod]';
const O = 'b/other[Pod]';
const ALL = 'All Connections';

/** The connection text from `src` to `dst` (a prefix of an external block id picks that block). */
function pair(policies: Obj[], src: string, dst: string): string | null {
  const c = analyzeReachability(snapshotOf([...base, ...policies]));
  return c.connections.find((x) => x.src.startsWith(src) && x.dst.startsWith(dst))?.text ?? null;
}

const server = "app == 'server'";
const allowFrom = (selector: string, extra: Obj = {}): Obj => ({
  action: 'Allow',
  source: { selector },
  ...extra,
});
const npAllow80 = netpol('a', 'np', {
  podSelector: { matchLabels: { app: 'server' } },
  ingress: [{ ports: [{ port: 80 }] }],
});

type Case = {
  rule: string;
  reason: string;
  policies: Obj[];
  src: string;
  dst?: string;
  expect: string | null;
};

const cases: Case[] = [
  {
    rule: 'a NetworkPolicy allow rule',
    reason: 'a selected endpoint gets only what a rule allows (end-of-tier deny)',
    policies: [cnp('a', 'p', { selector: server, ingress: [allowFrom("app == 'client'")] })],
    src: O,
    expect: null,
  },
  {
    rule: 'a NetworkPolicy rule selector',
    reason: "a namespaced policy's rule selector matches pods of its own namespace only",
    policies: [cnp('a', 'p', { selector: server, ingress: [allowFrom('all()')] })],
    src: C,
    expect: ALL,
  },
  {
    rule: 'a namespaced selector',
    reason: 'a NetworkPolicy selects only in its namespace (b/other is not isolated by a policy in a)',
    policies: [cnp('a', 'p', { selector: 'all()', types: ['Egress'] })],
    src: O,
    dst: C,
    expect: ALL,
  },
  {
    rule: 'a GlobalNetworkPolicy',
    reason: 'a global policy selects endpoints in every namespace',
    policies: [gnp('g', { selector: "app == 'other'", types: ['Egress'] })],
    src: O,
    dst: S,
    expect: null,
  },
  {
    rule: 'a GlobalNetworkPolicy namespaceSelector',
    reason: 'the policy applies only in namespaces the namespaceSelector matches',
    policies: [gnp('g', { selector: 'all()', namespaceSelector: "team == 'x'", types: ['Egress'] })],
    src: O,
    dst: S,
    expect: ALL,
  },
  {
    rule: 'the projectcalico.org/namespace label',
    reason: 'Calico labels every pod with its namespace, so a global selector can name it',
    policies: [gnp('g', { selector: "projectcalico.org/namespace == 'b'", types: ['Egress'] })],
    src: O,
    dst: S,
    expect: null,
  },
  {
    rule: 'the projectcalico.org/orchestrator label',
    reason: "every pod carries projectcalico.org/orchestrator == 'k8s'",
    policies: [
      gnp('g', { selector: "projectcalico.org/orchestrator == 'k8s' && app == 'other'", types: ['Egress'] }),
    ],
    src: O,
    dst: S,
    expect: null,
  },
  {
    rule: 'types defaulted from egress rules only',
    reason: 'with only egress rules and no types, the policy is Egress only: ingress stays open',
    policies: [cnp('a', 'p', { selector: server, egress: [{ action: 'Allow' }] })],
    src: O,
    expect: ALL,
  },
  {
    rule: 'types defaulted with no rules',
    reason: 'a policy without rules and without types is Ingress: it denies all ingress',
    policies: [cnp('a', 'p', { selector: server })],
    src: C,
    expect: null,
  },
  {
    rule: 'policy order',
    reason: 'the lower order is evaluated first: Deny at 10 beats Allow at 20',
    policies: [
      cnp('a', 'allow', { order: 20, selector: server, ingress: [{ action: 'Allow' }] }),
      cnp('a', 'deny', {
        order: 10,
        selector: server,
        ingress: [{ action: 'Deny', protocol: 'TCP', destination: { ports: [80] } }],
      }),
    ],
    src: C,
    expect: 'SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535',
  },
  {
    rule: 'equal orders',
    reason: 'ties are broken by name: a-allow comes before b-deny',
    policies: [
      cnp('a', 'b-deny', { order: 5, selector: server, ingress: [{ action: 'Deny' }] }),
      cnp('a', 'a-allow', { order: 5, selector: server, ingress: [{ action: 'Allow', protocol: 'UDP' }] }),
    ],
    src: C,
    expect: 'UDP 1-65535',
  },
  {
    rule: 'a missing order',
    reason: 'a policy without order comes after every ordered one',
    policies: [
      cnp('a', 'a-unordered', { selector: server, ingress: [{ action: 'Deny' }] }),
      cnp('a', 'z-ordered', {
        order: 1e9,
        selector: server,
        ingress: [{ action: 'Allow', protocol: 'SCTP' }],
      }),
    ],
    src: C,
    expect: 'SCTP 1-65535',
  },
  {
    rule: 'rule order inside a policy',
    reason: 'the first matching Allow or Deny decides each port',
    policies: [
      cnp('a', 'p', {
        selector: server,
        ingress: [
          { action: 'Allow', protocol: 'TCP', destination: { ports: [80] } },
          { action: 'Deny' },
          { action: 'Allow' },
        ],
      }),
    ],
    src: C,
    expect: 'TCP 80',
  },
  {
    rule: 'a Deny before an Allow',
    reason: 'the Deny decides first, so the Allow after it never sees that source',
    policies: [
      cnp('a', 'p', {
        selector: server,
        ingress: [{ action: 'Deny', source: { selector: "app == 'client'" } }, allowFrom('has(app)')],
      }),
    ],
    src: C,
    expect: null,
  },
  {
    rule: 'a Log rule',
    reason: 'Log records and evaluation continues with the next rule',
    policies: [
      cnp('a', 'p', { selector: server, ingress: [{ action: 'Log' }, { action: 'Allow', protocol: 'UDP' }] }),
    ],
    src: C,
    expect: 'UDP 1-65535',
  },
  {
    rule: 'a Pass rule',
    reason: 'Pass skips the rest of the tier; the next tier (default, with the NetworkPolicy) decides',
    policies: [
      tier('security', { order: 100 }),
      cnp('a', 'security.pass', { tier: 'security', selector: server, ingress: [{ action: 'Pass' }] }),
      npAllow80,
    ],
    src: C,
    expect: 'TCP 80',
  },
  {
    rule: 'the end of a tier',
    reason: 'a tier that selects the endpoint and matches no rule denies, whatever later tiers allow',
    policies: [
      tier('security', { order: 100 }),
      cnp('a', 'security.only-udp', {
        tier: 'security',
        selector: server,
        ingress: [{ action: 'Allow', protocol: 'UDP' }],
      }),
      npAllow80,
    ],
    src: C,
    expect: 'UDP 1-65535',
  },
  {
    rule: 'a tier with defaultAction Pass',
    reason: 'unmatched traffic passes to the next tier instead of being denied',
    policies: [
      tier('security', { order: 100, defaultAction: 'Pass' }),
      cnp('a', 'security.only-udp', {
        tier: 'security',
        selector: server,
        ingress: [{ action: 'Deny', protocol: 'UDP' }],
      }),
      npAllow80,
    ],
    src: C,
    expect: 'TCP 80',
  },
  {
    rule: 'a tier that does not select the endpoint',
    reason: 'a tier is skipped (with its end-of-tier deny) when none of its policies selects the endpoint',
    policies: [
      tier('security', { order: 100 }),
      cnp('a', 'security.client', {
        tier: 'security',
        selector: "app == 'client'",
        ingress: [{ action: 'Deny' }],
      }),
      cnp('a', 'open', { selector: server, ingress: [{ action: 'Allow', protocol: 'TCP' }] }),
    ],
    src: C,
    expect: 'TCP 1-65535',
  },
  {
    rule: 'tier order',
    reason: 'tiers run by order (100 before 200) and a tier without order runs last',
    policies: [
      tier('late', {}),
      tier('first', { order: 100 }),
      tier('second', { order: 200 }),
      cnp('a', 'late.allow', { tier: 'late', selector: server, ingress: [{ action: 'Allow' }] }),
      cnp('a', 'second.deny', { tier: 'second', selector: server, ingress: [{ action: 'Deny' }] }),
      cnp('a', 'first.allow-udp', {
        tier: 'first',
        selector: server,
        ingress: [{ action: 'Allow', protocol: 'UDP' }, { action: 'Pass' }],
      }),
    ],
    src: C,
    expect: 'UDP 1-65535',
  },
  {
    rule: 'Kubernetes NetworkPolicies at order 1000',
    reason: 'a default-tier Calico Deny at order 500 comes before a NetworkPolicy allow',
    policies: [
      cnp('a', 'deny80', {
        order: 500,
        selector: server,
        ingress: [{ action: 'Deny', protocol: 'TCP', destination: { ports: [80] } }],
      }),
      npAllow80,
    ],
    src: C,
    expect: null,
  },
  {
    rule: 'a Calico policy after the NetworkPolicies',
    reason: 'unmatched by the NetworkPolicy (order 1000), traffic reaches a default-tier Allow at order 2000',
    policies: [
      cnp('a', 'later', { order: 2000, selector: server, ingress: [{ action: 'Allow', protocol: 'UDP' }] }),
      npAllow80,
    ],
    src: C,
    expect: 'TCP 80,UDP 1-65535',
  },
  {
    rule: 'the last tier passing',
    reason: 'traffic passed by the last tier reaches the namespace profile, which allows it',
    policies: [cnp('a', 'p', { selector: server, ingress: [{ action: 'Pass' }] })],
    src: C,
    expect: ALL,
  },
  {
    rule: 'a rule namespaceSelector',
    reason: 'namespaceSelector scopes the rule to namespaces, projectcalico.org/name picks one by name',
    policies: [
      cnp('a', 'p', {
        selector: server,
        ingress: [{ action: 'Allow', source: { namespaceSelector: "projectcalico.org/name == 'b'" } }],
      }),
    ],
    src: O,
    expect: ALL,
  },
  {
    rule: 'a rule without source',
    reason: 'a rule with no selector matches every source, outside addresses included',
    policies: [cnp('a', 'p', { selector: server, ingress: [{ action: 'Allow' }] })],
    src: '0.0.0.0',
    expect: ALL,
  },
  {
    rule: 'a rule selector all()',
    reason: 'all() matches endpoints and network sets, never other outside addresses',
    policies: [cnp('a', 'p', { selector: server, ingress: [allowFrom('all()')] })],
    src: '0.0.0.0',
    expect: null,
  },
  {
    rule: 'source nets',
    reason: 'nets match packets from those addresses',
    policies: [
      cnp('a', 'p', { selector: server, ingress: [{ action: 'Allow', source: { nets: ['10.0.0.0/8'] } }] }),
    ],
    src: '10.0.0.0-10.255.255.255',
    expect: ALL,
  },
  {
    rule: 'destination notNets',
    reason: 'notNets match every address outside the listed ones',
    policies: [
      cnp('a', 'p', {
        selector: "app == 'client'",
        types: ['Egress'],
        egress: [{ action: 'Allow', destination: { notNets: ['10.0.0.0/8'] } }],
      }),
    ],
    src: C,
    dst: '10.0.0.0-10.255.255.255',
    expect: null,
  },
  {
    rule: 'a port range',
    reason: 'a "from:to" string is an inclusive port range',
    policies: [
      cnp('a', 'p', {
        selector: server,
        ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: ['1000:2000', 80] } }],
      }),
    ],
    src: C,
    expect: 'TCP 80,1000-2000',
  },
  {
    rule: 'a named port',
    reason: "a port name resolves against the destination's container ports of the rule's protocol",
    policies: [
      cnp('a', 'p', {
        selector: server,
        ingress: [{ action: 'Allow', protocol: 'UDP', destination: { ports: ['dns', 'http'] } }],
      }),
    ],
    src: C,
    expect: 'UDP 53',
  },
  {
    rule: 'notPorts',
    reason: 'notPorts removes ports from what the rule matches',
    policies: [
      cnp('a', 'p', {
        selector: server,
        ingress: [{ action: 'Allow', protocol: 'TCP', destination: { notPorts: ['2:65535'] } }],
      }),
    ],
    src: C,
    expect: 'TCP 1',
  },
  {
    rule: 'a protocol number',
    reason: '17 is UDP',
    policies: [cnp('a', 'p', { selector: server, ingress: [{ action: 'Allow', protocol: 17 }] })],
    src: C,
    expect: 'UDP 1-65535',
  },
  {
    rule: 'notProtocol',
    reason: 'notProtocol TCP matches UDP and SCTP',
    policies: [cnp('a', 'p', { selector: server, ingress: [{ action: 'Allow', notProtocol: 'TCP' }] })],
    src: C,
    expect: 'SCTP 1-65535,UDP 1-65535',
  },
  {
    rule: 'an ICMP rule',
    reason: 'ICMP carries no ports: an ICMP Allow opens no TCP, UDP or SCTP port',
    policies: [cnp('a', 'p', { selector: server, ingress: [{ action: 'Allow', protocol: 'ICMP' }] })],
    src: C,
    expect: null,
  },
  {
    rule: 'a GlobalNetworkSet in a global policy',
    reason: 'a rule selector matches the addresses of global network sets carrying the label',
    policies: [
      globalSet('partners', { role: 'partner' }, ['198.51.100.0/24']),
      gnp('g', {
        selector: "app == 'client'",
        types: ['Egress'],
        egress: [{ action: 'Allow', destination: { selector: "role == 'partner'" } }],
      }),
    ],
    src: C,
    dst: '198.51.100.0-198.51.100.255',
    expect: ALL,
  },
  {
    rule: 'a GlobalNetworkSet from a namespaced policy',
    reason: 'a namespaced rule reaches global sets only through namespaceSelector global()',
    policies: [
      globalSet('partners', { role: 'partner' }, ['198.51.100.0/24']),
      cnp('a', 'p', {
        selector: "app == 'client'",
        types: ['Egress'],
        egress: [{ action: 'Allow', destination: { selector: "role == 'partner'" } }],
      }),
    ],
    src: C,
    dst: '198.51.100.0-198.51.100.255',
    expect: null,
  },
  {
    rule: 'namespaceSelector global()',
    reason: 'global() widens the rule selector to non-namespaced network sets',
    policies: [
      globalSet('partners', { role: 'partner' }, ['198.51.100.0/24']),
      cnp('a', 'p', {
        selector: "app == 'client'",
        types: ['Egress'],
        egress: [
          { action: 'Allow', destination: { selector: "role == 'partner'", namespaceSelector: 'global()' } },
        ],
      }),
    ],
    src: C,
    dst: '198.51.100.0-198.51.100.255',
    expect: ALL,
  },
  {
    rule: 'destination domains',
    reason:
      'the addresses of a domain are unknown, so the rule opens no outside block (its hosts feed the vendor checks)',
    policies: [
      cnp('a', 'p', {
        selector: "app == 'client'",
        types: ['Egress'],
        egress: [{ action: 'Allow', destination: { domains: ['api.example.com'] } }],
      }),
    ],
    src: C,
    dst: '0.0.0.0',
    expect: null,
  },
  {
    rule: 'a NetworkSet',
    reason: "a namespaced policy's rule selector matches network sets of its own namespace",
    policies: [
      netSet('a', 'db', { role: 'db' }, ['192.0.2.0/24']),
      cnp('a', 'p', {
        selector: "app == 'client'",
        types: ['Egress'],
        egress: [{ action: 'Allow', destination: { selector: "role == 'db'" } }],
      }),
    ],
    src: C,
    dst: '192.0.2.0-192.0.2.255',
    expect: ALL,
  },
  {
    rule: 'notSelector',
    reason: 'notSelector matches everything but the selected endpoints',
    policies: [
      cnp('a', 'p', {
        selector: server,
        ingress: [{ action: 'Allow', source: { notSelector: "app == 'client'" } }],
      }),
    ],
    src: C,
    expect: null,
  },
  {
    rule: 'a destination selector on an ingress rule',
    reason: 'the destination side of an ingress rule matches the selected endpoint itself',
    policies: [
      cnp('a', 'p', {
        selector: 'all()',
        ingress: [{ action: 'Allow', destination: { selector: "tier == 'frontend'" } }],
      }),
    ],
    src: C,
    expect: null,
  },
  {
    rule: 'doNotTrack',
    reason: 'do-not-track policies apply to host endpoints only, never to pod traffic',
    policies: [
      gnp('g', { selector: 'all()', doNotTrack: true, applyOnForward: true, ingress: [{ action: 'Deny' }] }),
    ],
    src: C,
    expect: ALL,
  },
  {
    rule: 'the crd.projectcalico.org/v1 form',
    reason: 'the CRD the cluster stores (name with "default." prefix) is the same policy',
    policies: [
      cnp(
        'a',
        'default.p',
        { selector: server, ingress: [{ action: 'Allow', protocol: 'UDP' }] },
        'crd.projectcalico.org/v1',
      ),
    ],
    src: C,
    expect: 'UDP 1-65535',
  },
];

// All four families on one endpoint: ANP tier (order 1,000), Calico tiers, NetworkPolicy (default tier), BANP.
const mixed: Case[] = [
  {
    rule: 'an ANP Deny and a Calico tier after it',
    reason: 'the ANP tier (order 1,000) runs before a Calico tier at order 2,000',
    policies: [
      anp('deny', 10, {
        subject: { namespaces: {} },
        ingress: [
          {
            name: 'd',
            action: 'Deny',
            from: [{ namespaces: {} }],
            ports: [{ portNumber: { protocol: 'UDP', port: 53 } }],
          },
        ],
      }),
      tier('t', { order: 2000 }),
      cnp('a', 't.allow', { tier: 't', selector: server, ingress: [{ action: 'Allow', protocol: 'UDP' }] }),
    ],
    src: C,
    expect: 'UDP 1-52,54-65535',
  },
  {
    rule: 'a Calico tier before the ANP tier',
    reason: 'a tier ordered below 1,000 runs before admin network policies',
    policies: [
      tier('t', { order: 10 }),
      cnp('a', 't.allow', { tier: 't', selector: server, ingress: [{ action: 'Allow', protocol: 'UDP' }] }),
      anp('deny', 10, {
        subject: { namespaces: {} },
        ingress: [{ name: 'd', action: 'Deny', from: [{ namespaces: {} }] }],
      }),
    ],
    src: C,
    expect: 'UDP 1-65535',
  },
  {
    rule: 'ANP Pass, Calico Pass, NetworkPolicy',
    reason: 'both passes lead to the default tier where the NetworkPolicy allows TCP 80',
    policies: [
      anp('pass', 10, {
        subject: { namespaces: {} },
        ingress: [{ name: 'p', action: 'Pass', from: [{ namespaces: {} }] }],
      }),
      tier('t', { order: 2000 }),
      cnp('a', 't.pass', { tier: 't', selector: server, ingress: [{ action: 'Pass' }] }),
      npAllow80,
      banp({
        subject: { namespaces: {} },
        ingress: [{ name: 'b', action: 'Allow', from: [{ namespaces: {} }] }],
      }),
    ],
    src: C,
    expect: 'TCP 80',
  },
  {
    rule: 'a Calico Pass to the baseline',
    reason: 'no default-tier policy selects the pod, so passed traffic reaches the BANP tier',
    policies: [
      tier('t', { order: 2000 }),
      cnp('a', 't.pass', { tier: 't', selector: server, ingress: [{ action: 'Pass' }] }),
      banp({
        subject: { namespaces: {} },
        ingress: [
          {
            name: 'b',
            action: 'Deny',
            from: [{ namespaces: {} }],
            ports: [{ portNumber: { protocol: 'TCP', port: 22 } }],
          },
        ],
      }),
    ],
    src: C,
    expect: 'SCTP 1-65535,TCP 1-21,23-65535,UDP 1-65535',
  },
  {
    rule: 'a default-tier Calico policy hiding the baseline',
    reason: 'the default tier selects the pod, so its end-of-tier deny comes before the BANP Allow',
    policies: [
      cnp('a', 'udp', { selector: server, ingress: [{ action: 'Allow', protocol: 'UDP' }] }),
      banp({
        subject: { namespaces: {} },
        ingress: [{ name: 'b', action: 'Allow', from: [{ namespaces: {} }] }],
      }),
    ],
    src: C,
    expect: 'UDP 1-65535',
  },
  {
    rule: 'all four families on one endpoint',
    reason:
      'the ANP passes, the Calico tier passes, the default tier holds the NetworkPolicy (TCP 80) and the Cilium allow (UDP 53) as one layer, and the Cilium deny of TCP 80 wins last',
    policies: [
      anp('pass', 10, {
        subject: { namespaces: {} },
        ingress: [{ name: 'p', action: 'Pass', from: [{ namespaces: {} }] }],
      }),
      tier('t', { order: 2000 }),
      cnp('a', 't.pass', { tier: 't', selector: server, ingress: [{ action: 'Pass' }] }),
      npAllow80,
      ciliumNp('a', 'dns', {
        endpointSelector: { matchLabels: { app: 'server' } },
        ingress: [{ toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] }],
        ingressDeny: [
          {
            fromEndpoints: [{ matchLabels: { app: 'client' } }],
            toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }],
          },
        ],
      }),
    ],
    src: C,
    expect: 'UDP 53',
  },
];

describe('Calico NetworkPolicy and GlobalNetworkPolicy semantics', () => {
  describe.each(cases)('when $rule', ({ reason, policies, src, dst, expect: expected }) => {
    it(`gives the expected connections because ${reason}`, () => {
      expect(pair(policies, src, dst ?? S)).toBe(expected);
    });
  });
});

describe('Calico tiers mixed with AdminNetworkPolicy, NetworkPolicy and BaselineAdminNetworkPolicy', () => {
  describe.each(mixed)('when $rule', ({ reason, policies, src, dst, expect: expected }) => {
    it(`gives the expected connections because ${reason}`, () => {
      expect(pair(policies, src, dst ?? S)).toBe(expected);
    });
  });
});

// The summary's pair counts skip class pairs through candidate peers read off the Calico rules; they must
// count exactly the workload pairs the full list holds.
describe('candidate pruning over Calico rules', () => {
  it.each([...cases, ...mixed].map((c) => [c.rule, c.policies] as const))(
    'counts the listed workload pairs when %s',
    (_rule, policies) => {
      const c = analyzeReachability(snapshotOf([...base, ...policies]));
      const listed = c.connections.filter((x) => x.src.endsWith('[Pod]') && x.dst.endsWith('[Pod]')).length;
      expect(c.namespaces?.workloadPairs).toBe(listed);
    },
  );
});
