import { analyzeReachability } from '../../../../src/analyze/reachability/index.js';
import { base, netpol, snapshotOf, type Obj } from '../helpers.js';

const C = 'a/client[Pod]';
const S = 'a/server[Pod]';
const O = 'b/other[Pod]';
const ANY_IP = '0.0.0.0-255.255.255.255[External]';

/** Connections text per "src => dst" for the base topology plus `policies`. */
function conns(policies: Obj[]): Map<string, string> {
  const c = analyzeReachability(snapshotOf([...base, ...policies]));
  return new Map(c.connections.map((x) => [`${x.src} => ${x.dst}`, x.text]));
}

const denyServerIngress = netpol('a', 'deny', { podSelector: { matchLabels: { app: 'server' } } });

interface Case {
  readonly rule: string;
  readonly reason: string;
  readonly policies: Obj[];
  /** Expected text per pair; null means the pair must not be listed. */
  readonly expect: Record<string, string | null>;
}

const cases: Case[] = [
  {
    rule: 'no policy selects a pod',
    reason: 'pods are non-isolated by default: everything is allowed both ways',
    policies: [],
    expect: {
      [`${C} => ${S}`]: 'All Connections',
      [`${S} => ${O}`]: 'All Connections',
      [`${ANY_IP} => ${C}`]: 'All Connections',
    },
  },
  {
    rule: 'policyTypes absent, no rules',
    reason:
      'Ingress is always in the default policyTypes, so the selected pod is ingress-isolated; egress stays open',
    policies: [denyServerIngress],
    expect: { [`${C} => ${S}`]: null, [`${ANY_IP} => ${S}`]: null, [`${S} => ${C}`]: 'All Connections' },
  },
  {
    rule: 'policyTypes absent, egress rules present',
    reason: 'Egress joins the default policyTypes when the policy has egress rules',
    policies: [
      netpol('a', 'eg', {
        podSelector: { matchLabels: { app: 'client' } },
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'server' } } }] }],
      }),
    ],
    expect: {
      [`${C} => ${S}`]: 'All Connections',
      [`${C} => ${O}`]: null,
      [`${C} => ${ANY_IP}`]: null,
      [`${O} => ${C}`]: null,
    },
  },
  {
    rule: 'policyTypes [Egress] only',
    reason: 'listing only Egress leaves ingress non-isolated',
    policies: [
      netpol('a', 'eg', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'] }),
    ],
    expect: {
      [`${C} => ${S}`]: null,
      [`${S} => ${C}`]: 'All Connections',
      [`${ANY_IP} => ${C}`]: 'All Connections',
    },
  },
  {
    rule: 'union across policies',
    reason: 'two policies selecting one pod allow the union of what each allows',
    policies: [
      netpol('a', 'p1', {
        podSelector: { matchLabels: { app: 'server' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }], ports: [{ port: 80 }] }],
      }),
      netpol('a', 'p2', {
        podSelector: { matchLabels: { app: 'server' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }], ports: [{ port: 81 }] }],
      }),
    ],
    expect: { [`${C} => ${S}`]: 'TCP 80-81', [`${O} => ${S}`]: null },
  },
  {
    rule: 'egress AND ingress',
    reason: "traffic needs the sender's egress and the receiver's ingress to allow it",
    policies: [
      netpol('a', 'in', {
        podSelector: { matchLabels: { app: 'server' } },
        ingress: [{ ports: [{ port: 80 }, { port: 443 }] }],
      }),
      netpol('a', 'out', {
        podSelector: { matchLabels: { app: 'client' } },
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 443 }, { port: 8443 }] }],
      }),
    ],
    expect: { [`${C} => ${S}`]: 'TCP 443', [`${O} => ${S}`]: 'TCP 80,443' },
  },
  {
    rule: 'from missing',
    reason: 'a rule without `from` matches every source, pods and outside IPs',
    policies: [
      netpol('a', 'in', {
        podSelector: { matchLabels: { app: 'server' } },
        ingress: [{ ports: [{ port: 80 }] }],
      }),
    ],
    expect: { [`${O} => ${S}`]: 'TCP 80', [`${ANY_IP} => ${S}`]: 'TCP 80' },
  },
  {
    rule: 'from empty list',
    reason: 'an empty `from` list matches every source, like a missing one',
    policies: [
      netpol('a', 'in', { podSelector: { matchLabels: { app: 'server' } }, ingress: [{ from: [] }] }),
    ],
    expect: { [`${O} => ${S}`]: 'All Connections', [`${ANY_IP} => ${S}`]: 'All Connections' },
  },
  {
    rule: 'empty rule {}',
    reason: 'an ingress rule with neither from nor ports allows everything',
    policies: [netpol('a', 'in', { podSelector: {}, ingress: [{}] })],
    expect: { [`${O} => ${S}`]: 'All Connections', [`${O} => ${C}`]: 'All Connections' },
  },
  {
    rule: 'ports missing, protocol default',
    reason: 'a port entry without protocol is TCP; one with a protocol and no port opens that whole protocol',
    policies: [
      netpol('a', 'in', {
        podSelector: { matchLabels: { app: 'server' } },
        ingress: [{ ports: [{ port: 8080 }, { protocol: 'UDP' }] }],
      }),
    ],
    expect: { [`${C} => ${S}`]: 'TCP 8080,UDP 1-65535' },
  },
  {
    rule: 'podSelector alone',
    reason: "a peer with only podSelector selects pods in the policy's own namespace",
    policies: [
      netpol('a', 'in', {
        podSelector: { matchLabels: { app: 'server' } },
        ingress: [{ from: [{ podSelector: {} }] }],
      }),
    ],
    expect: { [`${C} => ${S}`]: 'All Connections', [`${O} => ${S}`]: null, [`${ANY_IP} => ${S}`]: null },
  },
  {
    rule: 'namespaceSelector AND podSelector in one peer',
    reason: 'both selectors in one peer must match',
    policies: [
      netpol('a', 'in', {
        podSelector: { matchLabels: { app: 'server' } },
        ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'other' } } }] }],
      }),
    ],
    expect: { [`${O} => ${S}`]: 'All Connections', [`${C} => ${S}`]: null },
  },
  {
    rule: 'peers are ORed',
    reason: 'separate peers in one rule each add their pods',
    policies: [
      netpol('a', 'in', {
        podSelector: { matchLabels: { app: 'server' } },
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } } },
              { podSelector: { matchLabels: { app: 'client' } } },
            ],
          },
        ],
      }),
    ],
    expect: {
      [`${O} => ${S}`]: 'All Connections',
      [`${C} => ${S}`]: 'All Connections',
      [`${ANY_IP} => ${S}`]: null,
    },
  },
  {
    rule: 'implicit namespace name label',
    reason: 'every namespace carries kubernetes.io/metadata.name, even when not written',
    policies: [
      netpol('a', 'in', {
        podSelector: { matchLabels: { app: 'server' } },
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchExpressions: [
                    { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['b'] },
                  ],
                },
              },
            ],
          },
        ],
      }),
    ],
    expect: { [`${O} => ${S}`]: null, [`${C} => ${S}`]: 'All Connections' },
  },
  {
    rule: 'ipBlock never selects pods',
    reason: 'ipBlock peers stand for traffic from outside the cluster only',
    policies: [
      netpol('a', 'in', {
        podSelector: { matchLabels: { app: 'server' } },
        ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
      }),
    ],
    expect: { [`${C} => ${S}`]: null, [`${ANY_IP} => ${S}`]: 'All Connections' },
  },
  {
    rule: 'ipBlock except',
    reason: 'the except ranges are cut out, and the outside world splits at every boundary',
    policies: [
      netpol('a', 'in', {
        podSelector: { matchLabels: { app: 'server' } },
        ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }],
      }),
    ],
    expect: {
      [`10.0.0.0-10.0.255.255[External] => ${S}`]: 'All Connections',
      [`10.1.0.0-10.1.255.255[External] => ${S}`]: null,
      [`10.2.0.0-10.255.255.255[External] => ${S}`]: 'All Connections',
      [`11.0.0.0-255.255.255.255[External] => ${S}`]: null,
      [`0.0.0.0-9.255.255.255[External] => ${C}`]: 'All Connections',
    },
  },
  {
    rule: 'endPort',
    reason: 'port with endPort is the inclusive range',
    policies: [
      netpol('a', 'in', {
        podSelector: { matchLabels: { app: 'server' } },
        ingress: [{ ports: [{ protocol: 'UDP', port: 1000, endPort: 2000 }] }],
      }),
    ],
    expect: { [`${C} => ${S}`]: 'UDP 1000-2000' },
  },
  {
    rule: 'named ports',
    reason:
      "a named port resolves against the destination pod's container ports; name and protocol must match",
    policies: [
      netpol('a', 'in', {
        podSelector: {},
        ingress: [{ ports: [{ port: 'http' }, { port: 'dns', protocol: 'UDP' }, { port: 'dns' }] }],
      }),
    ],
    expect: { [`${C} => ${S}`]: 'TCP 80,UDP 53', [`${S} => ${C}`]: null },
  },
];

describe('NetworkPolicy semantics', () => {
  describe.each(cases)('when $rule', ({ reason, policies, expect: expected }) => {
    it(`gives the expected pairs because ${reason}`, () => {
      const got = conns(policies);
      for (const [pair, text] of Object.entries(expected))
        expect([pair, got.get(pair) ?? null]).toEqual([pair, text]);
    });
  });
});
