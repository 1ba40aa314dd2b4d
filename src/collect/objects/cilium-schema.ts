// Strict field check of CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy specs (cilium.io/v2 CRD schema).
import { parseCidr } from '../../model/cidr.js';
import { readSelector } from './selectors.js';
import type { Reader, Raw } from './raw.js';

type Path = readonly (string | number)[];

const RULE_FIELDS = [
  'endpointSelector',
  'nodeSelector',
  'ingress',
  'ingressDeny',
  'egress',
  'egressDeny',
  'labels',
  'description',
  'enableDefaultDeny',
  'log',
];
const INGRESS_PEERS = [
  'fromEndpoints',
  'fromRequires',
  'fromCIDR',
  'fromCIDRSet',
  'fromEntities',
  'fromGroups',
  'fromNodes',
];
const EGRESS_PEERS = [
  'toEndpoints',
  'toRequires',
  'toCIDR',
  'toCIDRSet',
  'toEntities',
  'toServices',
  'toGroups',
  'toNodes',
];
/** Cilium's entity names (api.EntitySlice validation). */
export const CILIUM_ENTITIES = [
  'all',
  'world',
  'world-ipv4',
  'world-ipv6',
  'cluster',
  'host',
  'remote-node',
  'kube-apiserver',
  'init',
  'health',
  'unmanaged',
  'ingress',
];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP', 'ICMP', 'ICMPv6', 'VRRP', 'IGMP', 'ANY'];
/** IANA service name, as a named port must be (RFC 6335: letters, digits, hyphens, at most 15). */
const PORT_NAME = /^(?=.{1,15}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

function list(r: Reader, v: unknown, path: Path, each: (item: unknown, p: Path) => void): void {
  (r.array(v, path) ?? []).forEach((x, i) => each(x, [...path, i]));
}

function cidr(r: Reader, v: unknown, path: Path): void {
  const s = r.string(v, path);
  if (s !== undefined && !parseCidr(s)) r.problem(path, `"${s}" is not a CIDR`);
}

function ports(r: Reader, v: unknown, path: Path, deny: boolean): void {
  list(r, v, path, (item, p) => {
    const pr = r.record(item, p);
    if (!pr) return;
    r.knownFields(
      pr,
      deny ? ['ports'] : ['ports', 'rules', 'terminatingTLS', 'originatingTLS', 'serverNames', 'listener'],
      p,
    );
    list(r, pr.ports, [...p, 'ports'], (pp, q) => {
      const x = r.record(pp, q);
      if (!x) return;
      r.knownFields(x, ['port', 'endPort', 'protocol'], q);
      const port = typeof x.port === 'number' ? String(x.port) : r.string(x.port, [...q, 'port']);
      if (port !== undefined && !(/^\d+$/.test(port) ? Number(port) <= 65535 : PORT_NAME.test(port)))
        r.problem([...q, 'port'], 'must be a port number (0-65535) or a port name');
      const end = r.integer(x.endPort, [...q, 'endPort']);
      if (
        end !== undefined &&
        (end < 0 ||
          end > 65535 ||
          (port !== undefined && /^\d+$/.test(port) && end < Number(port) && end !== 0))
      )
        r.problem([...q, 'endPort'], 'must be a port number not below port');
      if (x.protocol !== undefined && !PROTOCOLS.includes(x.protocol as string))
        r.problem([...q, 'protocol'], `must be one of ${PROTOCOLS.join(', ')}`);
    });
    if (pr.rules !== undefined) r.record(pr.rules, [...p, 'rules']);
  });
}

function rules(r: Reader, spec: Raw, at: Path, field: string): void {
  const egress = field.startsWith('egress');
  const deny = field.endsWith('Deny');
  const peers = egress ? EGRESS_PEERS : INGRESS_PEERS;
  const extra = [
    'toPorts',
    'icmps',
    ...(deny ? [] : ['authentication']),
    ...(egress && !deny ? ['toFQDNs'] : []),
  ];
  list(r, spec[field], [...at, field], (item, p) => {
    const rr = r.record(item, p);
    if (!rr) return;
    r.knownFields(rr, [...peers, ...extra], p);
    for (const f of ['fromEndpoints', 'toEndpoints', 'fromRequires', 'toRequires', 'fromNodes', 'toNodes'])
      if (peers.includes(f)) list(r, rr[f], [...p, f], (s, q) => readSelector(r, s, q));
    for (const f of ['fromEntities', 'toEntities'])
      if (peers.includes(f))
        list(r, rr[f], [...p, f], (e, q) => {
          const s = r.string(e, q);
          if (s !== undefined && !CILIUM_ENTITIES.includes(s))
            r.problem(q, `must be one of ${CILIUM_ENTITIES.join(', ')}`);
        });
    for (const f of ['fromCIDR', 'toCIDR'])
      if (peers.includes(f)) list(r, rr[f], [...p, f], (c, q) => cidr(r, c, q));
    for (const f of ['fromCIDRSet', 'toCIDRSet'])
      if (peers.includes(f))
        list(r, rr[f], [...p, f], (c, q) => {
          const x = r.record(c, q);
          if (!x) return;
          r.knownFields(x, ['cidr', 'cidrGroupRef', 'cidrGroupSelector', 'except'], q);
          if (x.cidr !== undefined) cidr(r, x.cidr, [...q, 'cidr']);
          list(r, x.except, [...q, 'except'], (e, qq) => cidr(r, e, qq));
        });
    list(r, rr.toServices, [...p, 'toServices'], (s, q) => {
      const x = r.record(s, q);
      if (x) r.knownFields(x, ['k8sService', 'k8sServiceSelector'], q);
      const byName = r.record(x?.k8sService, [...q, 'k8sService']);
      if (byName) r.knownFields(byName, ['serviceName', 'namespace'], [...q, 'k8sService']);
    });
    list(r, rr.toFQDNs, [...p, 'toFQDNs'], (f, q) => {
      const x = r.record(f, q);
      if (x) r.knownFields(x, ['matchName', 'matchPattern'], q);
    });
    ports(r, rr.toPorts, [...p, 'toPorts'], deny);
  });
}

function rule(r: Reader, spec: Raw, at: Path, clusterwide: boolean): void {
  r.knownFields(spec, RULE_FIELDS, at);
  const hasEp = spec.endpointSelector !== undefined;
  const hasNode = spec.nodeSelector !== undefined;
  if (hasEp === hasNode)
    r.problem(
      at,
      clusterwide ? 'must set exactly one of endpointSelector, nodeSelector' : 'endpointSelector is required',
    );
  else if (hasNode && !clusterwide)
    r.problem([...at, 'nodeSelector'], 'is only valid in a CiliumClusterwideNetworkPolicy');
  if (hasEp) readSelector(r, spec.endpointSelector, [...at, 'endpointSelector']);
  if (hasNode) readSelector(r, spec.nodeSelector, [...at, 'nodeSelector']);
  const dd = r.record(spec.enableDefaultDeny, [...at, 'enableDefaultDeny']);
  if (dd) {
    r.knownFields(dd, ['ingress', 'egress'], [...at, 'enableDefaultDeny']);
    for (const k of ['ingress', 'egress'])
      if (dd[k] !== undefined && typeof dd[k] !== 'boolean')
        r.problem([...at, 'enableDefaultDeny', k], 'must be true or false');
  }
  for (const f of ['ingress', 'ingressDeny', 'egress', 'egressDeny']) rules(r, spec, at, f);
}

/** Records what the API server would refuse in a Cilium policy: unknown fields, bad entities, ports, CIDRs. */
export function checkCiliumPolicy(r: Reader, obj: Raw, clusterwide: boolean): void {
  const spec = r.record(obj.spec, ['spec']);
  const specs = r.array(obj.specs, ['specs']);
  if (!spec && !specs) {
    r.problem(['spec'], 'is required (or specs)');
    return;
  }
  if (spec) rule(r, spec, ['spec'], clusterwide);
  (specs ?? []).forEach((s, i) => {
    const rec = r.record(s, ['specs', i]);
    if (rec) rule(r, rec, ['specs', i], clusterwide);
  });
}
