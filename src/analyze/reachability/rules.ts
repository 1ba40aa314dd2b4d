// The compiled form every policy kind shares: rules of (peers, ports[, action]) with the path that explains them.
import type { Protocol } from '../../model/kube.js';
import { containsRange, type IpRange, type IpSet } from '../ip-blocks.js';
import { PortSet } from '../port-set.js';
import { nsHas, type NamespaceSet, type PodClass, type PodSelector } from './universe.js';

/** What a rule's peer matches: everything, pods (namespaces AND pod labels) or IPs outside the cluster. */
export type PeerMatcher =
  | { readonly kind: 'any' }
  | { readonly kind: 'pods'; readonly ns: NamespaceSet; readonly pod?: PodSelector; readonly path: string }
  | { readonly kind: 'ip'; readonly set: IpSet; readonly path: string }
  | { readonly kind: 'none'; readonly path: string };

/** Ports of a rule: fixed ranges plus named ports resolved per destination pod. */
export interface PortSpec {
  readonly fixed: PortSet;
  /** protocol undefined: any protocol the container declares for that name (ANP namedPort). */
  readonly named: readonly { readonly name: string; readonly protocol?: Protocol }[];
}

export type Action = 'Allow' | 'Deny' | 'Pass';

export interface CompiledRule {
  readonly peers: readonly PeerMatcher[];
  readonly ports: PortSpec;
  /** "ns/name spec.ingress[0]" or "AdminNetworkPolicy/name spec.egress[1]". */
  readonly path: string;
  readonly action: Action;
}

/** A traffic end: a pod class, an outside IP block, or (as a source) the ingress controller class. */
export type Endpoint =
  { readonly type: 'class'; readonly c: PodClass } | { readonly type: 'ip'; readonly block: IpRange };

export const ALL_PORTS: PortSpec = { fixed: PortSet.all, named: [] };

export function peerMatches(p: PeerMatcher, ep: Endpoint): boolean {
  switch (p.kind) {
    case 'any':
      return true;
    case 'none':
      return false;
    case 'pods':
      return ep.type === 'class' && nsHas(p.ns, ep.c.ns) && (p.pod === undefined || p.pod.matches(ep.c));
    case 'ip':
      return ep.type === 'ip' && containsRange(p.set, ep.block);
  }
}

export function ruleMatches(r: CompiledRule, ep: Endpoint): boolean {
  for (const p of r.peers) if (peerMatches(p, ep)) return true;
  return false;
}

/** The rule's ports at a destination: named ports resolve against that pod's container ports (name and protocol). */
export function resolvePorts(spec: PortSpec, dst: Endpoint): PortSet {
  if (spec.named.length === 0 || dst.type !== 'class') return spec.fixed;
  let out = spec.fixed;
  for (const n of spec.named) {
    for (const cp of dst.c.ports) {
      if (cp.name === n.name && (n.protocol === undefined || cp.protocol === n.protocol))
        out = out.union(PortSet.range(cp.protocol, cp.containerPort, cp.containerPort));
    }
  }
  return out;
}
