import { analyzeReachability } from '../../../../src/analyze/reachability/index.js';
import { anp, banp, base, ccnp, cnp, netpol, ns, pod, snapshotOf, type Obj } from '../helpers.js';

const C = 'a/client[Pod]';
const S = 'a/server[Pod]';
const O = 'b/other[Pod]';
const ANY_IP = '0.0.0.0-255.255.255.255[External]';

/** Connections text per "src => dst" for the base topology plus `objects`. */
function conns(objects: Obj[]): Map<string, string> {
  const c = analyzeReachability(snapshotOf([...base, ...objects]));
  return new Map(c.connections.map((x) => [`${x.src} => ${x.dst}`, x.text]));
}

const server = { matchLabels: { app: 'server' } };
const client = { matchLabels: { app: 'client' } };
const tcp = (port: string, extra: Obj = {}): Obj => ({ ports: [{ port, protocol: 'TCP', ...extra }] });

interface Case {
  readonly rule: string;
  readonly reason: string;
  readonly objects: Obj[];
  /** Expected text per pair; null means the pair must not be listed. */
  readonly expect: Record<string, string | null>;
}

const cases: Case[] = [
  {
    rule: 'a CNP with an ingress section selects a pod',
    reason:
      'the endpoint enters default deny for ingress; only the listed peers are allowed, egress stays open',
    objects: [cnp('a', 'p', { endpointSelector: server, ingress: [{ fromEndpoints: [client] }] })],
    expect: {
      [`${C} => ${S}`]: 'All Connections',
      [`${O} => ${S}`]: null,
      [`${ANY_IP} => ${S}`]: null,
      [`${S} => ${O}`]: 'All Connections',
    },
  },
  {
    rule: 'ingress: [{}]',
    reason: 'an empty rule puts the endpoint in default deny and allows nothing',
    objects: [cnp('a', 'p', { endpointSelector: server, ingress: [{}] })],
    expect: { [`${C} => ${S}`]: null, [`${ANY_IP} => ${S}`]: null, [`${S} => ${C}`]: 'All Connections' },
  },
  {
    rule: 'a rule with toPorts and no peer',
    reason: 'an L4-only rule applies to every peer, inside and outside the cluster',
    objects: [cnp('a', 'p', { endpointSelector: server, ingress: [{ toPorts: [tcp('80')] }] })],
    expect: { [`${O} => ${S}`]: 'TCP 80', [`${ANY_IP} => ${S}`]: 'TCP 80' },
  },
  {
    rule: 'fromEndpoints without a namespace label in a CNP',
    reason:
      "the selector is limited to the policy's namespace: the same labels in another namespace do not match",
    objects: [
      pod('b', 'client2', { app: 'client' }),
      cnp('a', 'p', { endpointSelector: server, ingress: [{ fromEndpoints: [client] }] }),
    ],
    expect: { [`${C} => ${S}`]: 'All Connections', ['b/client2[Pod] => ' + S]: null },
  },
  {
    rule: 'fromEndpoints: [{}] in a CNP',
    reason: "an empty endpoint selector selects every endpoint of the policy's namespace only",
    objects: [cnp('a', 'p', { endpointSelector: server, ingress: [{ fromEndpoints: [{}] }] })],
    expect: { [`${C} => ${S}`]: 'All Connections', [`${O} => ${S}`]: null },
  },
  {
    rule: 'fromEndpoints naming k8s:io.kubernetes.pod.namespace',
    reason: 'the namespace label replaces the implied namespace',
    objects: [
      cnp('a', 'p', {
        endpointSelector: server,
        ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'b' } }] }],
      }),
    ],
    expect: { [`${O} => ${S}`]: 'All Connections', [`${C} => ${S}`]: null },
  },
  {
    rule: 'fromEndpoints naming io.cilium.k8s.namespace.labels.*',
    reason: 'a namespace-labels key selects namespaces by their labels and lifts the implied namespace',
    objects: [
      ns('c', { team: 'x' }),
      pod('c', 'peer', { app: 'client' }),
      cnp('a', 'p', {
        endpointSelector: server,
        ingress: [
          {
            fromEndpoints: [
              { matchLabels: { 'io.cilium.k8s.namespace.labels.team': 'x', 'k8s:app': 'client' } },
            ],
          },
        ],
      }),
    ],
    expect: {
      ['c/peer[Pod] => ' + S]: 'All Connections',
      [`${C} => ${S}`]: 'All Connections',
      [`${O} => ${S}`]: null,
    },
  },
  {
    rule: 'matchExpressions with any: prefixed keys',
    reason: 'matchExpressions follow meta/v1 semantics and the any: source prefix is stripped',
    objects: [
      cnp('a', 'p', {
        endpointSelector: server,
        ingress: [
          {
            fromEndpoints: [
              { matchExpressions: [{ key: 'any:app', operator: 'NotIn', values: ['client'] }] },
            ],
          },
        ],
      }),
      pod('a', 'third', { app: 'third' }),
    ],
    expect: { ['a/third[Pod] => ' + S]: 'All Connections', [`${C} => ${S}`]: null },
  },
  {
    rule: 'a CCNP peer without a namespace label',
    reason: 'clusterwide selectors span every namespace',
    objects: [
      ccnp('p', {
        endpointSelector: server,
        ingress: [{ fromEndpoints: [{ matchLabels: { app: 'other' } }] }],
      }),
    ],
    expect: { [`${O} => ${S}`]: 'All Connections', [`${C} => ${S}`]: null },
  },
  {
    rule: 'a CCNP endpointSelector',
    reason: 'a clusterwide policy selects endpoints in every namespace',
    objects: [ccnp('p', { endpointSelector: {}, egress: [{ toEntities: ['world'] }] })],
    expect: { [`${C} => ${ANY_IP}`]: 'All Connections', [`${C} => ${S}`]: null, [`${O} => ${S}`]: null },
  },
  {
    rule: 'toEntities world',
    reason: 'world is everything outside the cluster only: pods stay denied',
    objects: [cnp('a', 'p', { endpointSelector: client, egress: [{ toEntities: ['world'] }] })],
    expect: { [`${C} => ${ANY_IP}`]: 'All Connections', [`${C} => ${S}`]: null },
  },
  {
    rule: 'toEntities cluster',
    reason: 'cluster is every endpoint of the cluster, in every namespace, and nothing outside',
    objects: [cnp('a', 'p', { endpointSelector: client, egress: [{ toEntities: ['cluster'] }] })],
    expect: {
      [`${C} => ${S}`]: 'All Connections',
      [`${C} => ${O}`]: 'All Connections',
      [`${C} => ${ANY_IP}`]: null,
    },
  },
  {
    rule: 'toEntities all',
    reason: 'all is cluster and world together',
    objects: [cnp('a', 'p', { endpointSelector: client, egress: [{ toEntities: ['all'] }] })],
    expect: { [`${C} => ${O}`]: 'All Connections', [`${C} => ${ANY_IP}`]: 'All Connections' },
  },
  {
    rule: 'toEntities host / kube-apiserver',
    reason: 'nodes and the API server are not endpoints of the snapshot: the rule allows no listed peer',
    objects: [
      cnp('a', 'p', { endpointSelector: client, egress: [{ toEntities: ['host', 'kube-apiserver'] }] }),
    ],
    expect: { [`${C} => ${S}`]: null, [`${C} => ${ANY_IP}`]: null },
  },
  {
    rule: 'toCIDRSet with except',
    reason: 'the CIDR minus its except ranges is allowed; the outside world is split at their edges',
    objects: [
      cnp('a', 'p', {
        endpointSelector: client,
        egress: [{ toCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }] }],
      }),
    ],
    expect: {
      [`${C} => 10.0.0.0-10.0.255.255[External]`]: 'All Connections',
      [`${C} => 10.1.0.0-10.1.255.255[External]`]: null,
      [`${C} => 10.2.0.0-10.255.255.255[External]`]: 'All Connections',
      [`${C} => 11.0.0.0-255.255.255.255[External]`]: null,
    },
  },
  {
    rule: 'fromCIDR',
    reason: 'a plain CIDR list allows those outside addresses',
    objects: [cnp('a', 'p', { endpointSelector: server, ingress: [{ fromCIDR: ['192.168.0.0/16'] }] })],
    expect: {
      [`192.168.0.0-192.168.255.255[External] => ${S}`]: 'All Connections',
      [`0.0.0.0-192.167.255.255[External] => ${S}`]: null,
    },
  },
  {
    rule: 'toServices with a Service that has a selector',
    reason: 'the Service stands for the pods its selector picks',
    objects: [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'srv', namespace: 'a' },
        spec: { selector: { app: 'server' }, ports: [{ port: 80 }] },
      },
      cnp('a', 'p', {
        endpointSelector: client,
        egress: [{ toServices: [{ k8sService: { serviceName: 'srv' } }] }],
      }),
    ],
    expect: { [`${C} => ${S}`]: 'All Connections', [`${C} => ${O}`]: null },
  },
  {
    rule: 'toFQDNs',
    reason: 'names are host allowances whose addresses are unknown: no outside block is claimed open',
    objects: [
      cnp('a', 'p', { endpointSelector: client, egress: [{ toFQDNs: [{ matchName: 'api.example.com' }] }] }),
    ],
    expect: { [`${C} => ${ANY_IP}`]: null, [`${C} => ${S}`]: null },
  },
  {
    rule: 'toPorts with endPort and protocol ANY',
    reason: 'ANY (the default) is TCP, UDP and SCTP; endPort makes a range',
    objects: [
      cnp('a', 'p', {
        endpointSelector: server,
        ingress: [{ toPorts: [{ ports: [{ port: '8000', endPort: 8010 }] }] }],
      }),
    ],
    expect: { [`${C} => ${S}`]: 'SCTP 8000-8010,TCP 8000-8010,UDP 8000-8010' },
  },
  {
    rule: 'toPorts with a named port and UDP',
    reason: "a named port resolves against the destination's container ports",
    objects: [
      cnp('a', 'p', {
        endpointSelector: server,
        ingress: [
          {
            toPorts: [
              {
                ports: [
                  { port: 'dns', protocol: 'UDP' },
                  { port: '9090', protocol: 'SCTP' },
                ],
              },
            ],
          },
        ],
      }),
    ],
    expect: { [`${C} => ${S}`]: 'SCTP 9090,UDP 53' },
  },
  {
    rule: 'ingressDeny only',
    reason:
      'a deny-only policy still puts the endpoint in default deny (enableDefaultDeny defaults to true for a direction with deny rules)',
    objects: [cnp('a', 'p', { endpointSelector: server, ingressDeny: [{ fromEndpoints: [client] }] })],
    expect: { [`${C} => ${S}`]: null, [`${O} => ${S}`]: null },
  },
  {
    rule: 'enableDefaultDeny ingress false',
    reason: 'the policy no longer isolates: its deny applies on top of the default allow',
    objects: [
      cnp('a', 'p', {
        endpointSelector: server,
        enableDefaultDeny: { ingress: false },
        ingressDeny: [{ fromEndpoints: [client], toPorts: [tcp('80')] }],
      }),
    ],
    expect: {
      [`${C} => ${S}`]: 'SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535',
      [`${O} => ${S}`]: 'All Connections',
    },
  },
  {
    rule: 'enableDefaultDeny false on an allow policy',
    reason: 'its allows only count where another policy isolates the endpoint',
    objects: [
      cnp('a', 'open', {
        endpointSelector: server,
        enableDefaultDeny: { ingress: false },
        ingress: [{ fromEndpoints: [client], toPorts: [tcp('80')] }],
      }),
    ],
    expect: { [`${O} => ${S}`]: 'All Connections', [`${C} => ${S}`]: 'All Connections' },
  },
  {
    rule: 'a Cilium allow and a NetworkPolicy on one endpoint',
    reason: 'both sit in one layer: the endpoint is isolated and the allows are united',
    objects: [
      cnp('a', 'p', {
        endpointSelector: server,
        ingress: [{ fromEndpoints: [client], toPorts: [tcp('80')] }],
      }),
      netpol('a', 'np', {
        podSelector: { matchLabels: { app: 'server' } },
        ingress: [{ ports: [{ port: 443 }] }],
      }),
    ],
    expect: { [`${C} => ${S}`]: 'TCP 80,443', [`${O} => ${S}`]: 'TCP 443' },
  },
  {
    rule: 'an ingressDeny over a NetworkPolicy allow',
    reason: "deny wins over any allow, including a Kubernetes NetworkPolicy's",
    objects: [
      netpol('a', 'np', { podSelector: {}, ingress: [{}] }),
      cnp('a', 'p', {
        endpointSelector: server,
        ingressDeny: [{ fromEndpoints: [client], toPorts: [tcp('80')] }],
      }),
    ],
    expect: {
      [`${C} => ${S}`]: 'SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535',
      [`${O} => ${S}`]: 'All Connections',
    },
  },
  {
    rule: 'an egressDeny over an AdminNetworkPolicy Allow',
    reason: 'a Cilium deny is applied after every other layer, so it wins over ANP Allow too',
    objects: [
      anp('allow', 10, {
        subject: { namespaces: {} },
        egress: [{ action: 'Allow', to: [{ namespaces: {} }] }],
      }),
      cnp('a', 'p', {
        endpointSelector: client,
        enableDefaultDeny: { egress: false },
        egressDeny: [{ toEndpoints: [server] }],
      }),
    ],
    expect: { [`${C} => ${S}`]: null, [`${C} => ${O}`]: 'All Connections' },
  },
  {
    rule: 'ANP Deny, BANP and a Cilium allow on one endpoint',
    reason:
      'ANP Deny ends evaluation; the Cilium allow isolates the endpoint in the NetworkPolicy layer, so the BANP is never reached',
    objects: [
      anp('deny-443', 10, {
        subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'server' } } } },
        ingress: [
          {
            action: 'Deny',
            from: [{ namespaces: {} }],
            ports: [{ portNumber: { protocol: 'TCP', port: 443 } }],
          },
        ],
      }),
      banp({ subject: { namespaces: {} }, ingress: [{ action: 'Allow', from: [{ namespaces: {} }] }] }),
      cnp('a', 'p', {
        endpointSelector: server,
        ingress: [
          {
            fromEndpoints: [client],
            toPorts: [{ ports: [{ port: '443' }, { port: '80', protocol: 'TCP' }] }],
          },
        ],
      }),
    ],
    expect: {
      [`${C} => ${S}`]: 'SCTP 443,TCP 80,UDP 443',
      [`${O} => ${S}`]: null,
      [`${S} => ${O}`]: 'All Connections',
    },
  },
  {
    rule: 'CNP specs[]',
    reason: 'each rule of the top-level specs list has its own endpointSelector',
    objects: [
      {
        ...cnp('a', 'p', {}),
        spec: undefined,
        specs: [
          { endpointSelector: server, ingress: [{ fromEndpoints: [client] }] },
          { endpointSelector: client, egress: [{ toEndpoints: [server] }] },
        ],
      },
    ],
    expect: { [`${C} => ${S}`]: 'All Connections', [`${C} => ${O}`]: null, [`${O} => ${S}`]: null },
  },
  {
    rule: 'a CCNP with only a nodeSelector',
    reason: 'host endpoints are out of reach: no pod is selected',
    objects: [ccnp('nodes', { nodeSelector: {}, ingress: [{ fromEntities: ['cluster'] }] })],
    expect: { [`${O} => ${S}`]: 'All Connections', [`${ANY_IP} => ${S}`]: 'All Connections' },
  },
];

describe('Cilium policy semantics', () => {
  describe.each(cases)('when $rule', ({ reason, objects, expect: expected }) => {
    it(`gives the expected pairs because ${reason}`, () => {
      const got = conns(objects);
      for (const [pair, text] of Object.entries(expected))
        expect([pair, got.get(pair) ?? null]).toEqual([pair, text]);
    });
  });
});
