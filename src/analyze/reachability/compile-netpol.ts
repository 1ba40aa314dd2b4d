// NetworkPolicy (networking.k8s.io/v1) compiled against the universe, following the API reference.
import type { NetworkPolicyPeer, NetworkPolicyPort } from '../../model/kube.js';
import type { NetworkPolicy } from '../../model/snapshot.js';
import { ipBlockSet } from '../ip-blocks.js';
import { PortSet } from '../port-set.js';
import { ALL_PORTS, type CompiledRule, type PeerMatcher, type PortSpec } from './rules.js';
import type { PodSelector, Universe } from './universe.js';

export interface CompiledNetpol {
  readonly policy: NetworkPolicy;
  /** "ns/name". */
  readonly ref: string;
  readonly ns: number;
  readonly selector: PodSelector;
  /** Present when the policy isolates selected pods for ingress (its effective policyTypes include it). */
  readonly ingress?: readonly CompiledRule[];
  readonly egress?: readonly CompiledRule[];
}

/** policyTypes defaulting: Ingress always unless only Egress is listed; Egress when listed or egress rules exist. */
export function effectiveTypes(p: NetworkPolicy): { ingress: boolean; egress: boolean } {
  const t = p.spec.policyTypes;
  if (t && t.length > 0) return { ingress: t.includes('Ingress'), egress: t.includes('Egress') };
  return { ingress: true, egress: (p.spec.egress ?? []).length > 0 };
}

/** Rule ports: missing or empty means all ports; protocol defaults to TCP; endPort makes a range. */
export function compilePorts(ports: readonly NetworkPolicyPort[] | undefined): PortSpec {
  if (!ports || ports.length === 0) return ALL_PORTS;
  let fixed = PortSet.empty;
  const named: { name: string; protocol: NetworkPolicyPort['protocol'] & string }[] = [];
  for (const p of ports) {
    const proto = p.protocol ?? 'TCP';
    if (p.port === undefined) fixed = fixed.union(PortSet.protocol(proto));
    else if (typeof p.port === 'number')
      fixed = fixed.union(PortSet.range(proto, p.port, p.endPort ?? p.port));
    else named.push({ name: p.port, protocol: proto });
  }
  return { fixed, named };
}

/** A peer: podSelector alone is the policy's namespace; with namespaceSelector both must match (AND). */
function compilePeer(u: Universe, ns: number, peer: NetworkPolicyPeer, path: string): PeerMatcher {
  if (peer.ipBlock) {
    const set = ipBlockSet(peer.ipBlock);
    return set ? { kind: 'ip', set, path } : { kind: 'none', path };
  }
  if (!peer.podSelector && !peer.namespaceSelector) return { kind: 'none', path };
  const nsSet = peer.namespaceSelector
    ? u.namespaceSet(peer.namespaceSelector)
    : ({ type: 'one', ns } as const);
  return {
    kind: 'pods',
    ns: nsSet,
    ...(peer.podSelector ? { pod: u.podSelector(peer.podSelector) } : {}),
    path,
  };
}

function compileRules(
  u: Universe,
  ns: number,
  ref: string,
  dir: 'ingress' | 'egress',
  rules: readonly {
    from?: readonly NetworkPolicyPeer[];
    to?: readonly NetworkPolicyPeer[];
    ports?: readonly NetworkPolicyPort[];
  }[],
): CompiledRule[] {
  const field = dir === 'ingress' ? 'from' : 'to';
  return rules.map((r, i) => {
    const path = `${ref} spec.${dir}[${i}]`;
    const peers = r[field];
    return {
      // Missing or empty from/to: every source/destination, pods and IPs alike.
      peers:
        !peers || peers.length === 0
          ? [{ kind: 'any' } as const]
          : peers.map((p, j) => compilePeer(u, ns, p, `${path}.${field}[${j}]`)),
      ports: compilePorts(r.ports),
      path,
      action: 'Allow' as const,
    };
  });
}

export function compileNetpol(u: Universe, p: NetworkPolicy): CompiledNetpol {
  const ref = `${p.namespace}/${p.name}`;
  const ns = u.nsIndex.get(p.namespace) ?? -1;
  const types = effectiveTypes(p);
  return {
    policy: p,
    ref,
    ns,
    selector: u.podSelector(p.spec.podSelector),
    ...(types.ingress ? { ingress: compileRules(u, ns, ref, 'ingress', p.spec.ingress ?? []) } : {}),
    ...(types.egress ? { egress: compileRules(u, ns, ref, 'egress', p.spec.egress ?? []) } : {}),
  };
}
