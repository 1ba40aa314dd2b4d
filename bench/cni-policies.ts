// Rewrites the synthetic cluster's NetworkPolicies as CNI policies with the same meaning (mixed-policy bench).
import type { Raw } from '../src/collect/objects/raw.js';
import { toCalicoPolicy } from './calico-policies.js';

type Sel = { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
const NS_NAME = 'kubernetes.io/metadata.name';

/** A NetworkPolicy peer as a Cilium endpoint selector (namespace by name or labels, as Cilium keys them). */
function endpoint(peer: Raw): Raw {
  const pod = (peer.podSelector ?? {}) as Sel;
  const ns = peer.namespaceSelector as Sel | undefined;
  const labels: Record<string, string> = { ...pod.matchLabels };
  for (const [k, v] of Object.entries(ns?.matchLabels ?? {}))
    labels[k === NS_NAME ? 'k8s:io.kubernetes.pod.namespace' : `io.cilium.k8s.namespace.labels.${k}`] = v;
  return {
    ...(Object.keys(labels).length ? { matchLabels: labels } : {}),
    ...(pod.matchExpressions ? { matchExpressions: pod.matchExpressions } : {}),
  };
}

function ports(list: unknown): Raw {
  const ps = (list ?? []) as { protocol?: string; port?: number | string }[];
  return ps.length
    ? { toPorts: [{ ports: ps.map((p) => ({ port: String(p.port), protocol: p.protocol ?? 'TCP' })) }] }
    : {};
}

function rule(r: Raw, dir: 'ingress' | 'egress'): Raw {
  const peers = (r[dir === 'ingress' ? 'from' : 'to'] ?? []) as Raw[];
  const eps = peers.filter((p) => !p.ipBlock).map(endpoint);
  const cidrs = peers.filter((p) => p.ipBlock).map((p) => p.ipBlock as Raw);
  const f = dir === 'ingress' ? 'from' : 'to';
  const out: Raw = {
    ...(eps.length ? { [`${f}Endpoints`]: eps } : {}),
    ...(cidrs.length ? { [`${f}CIDRSet`]: cidrs } : {}),
    ...ports(r.ports),
  };
  // A NetworkPolicy rule with no peers and no ports allows everything; Cilium says so with entity all.
  return Object.keys(out).length ? out : { [`${f}Entities`]: ['all'] };
}

/** The same policy as a CiliumNetworkPolicy: each effective policyType becomes a section ([{}] when it has no rules). */
export function toCiliumPolicy(np: Raw): Raw {
  const spec = np.spec as Raw;
  const types = (spec.policyTypes as string[] | undefined) ?? [
    'Ingress',
    ...(((spec.egress as unknown[]) ?? []).length ? ['Egress'] : []),
  ];
  const section = (dir: 'ingress' | 'egress'): Raw => {
    if (!types.includes(dir === 'ingress' ? 'Ingress' : 'Egress')) return {};
    const rules = ((spec[dir] ?? []) as Raw[]).map((r) => rule(r, dir));
    return { [dir]: rules.length ? rules : [{}] };
  };
  return {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: np.metadata,
    spec: { endpointSelector: spec.podSelector, ...section('ingress'), ...section('egress') },
  };
}

/** The Calico share of the mix: a rewrite to projectcalico.org/v3 NetworkPolicies of the same meaning. */
export const calicoRewrite: ((np: Raw) => Raw) | undefined = toCalicoPolicy;

/** A third of the policies as CNI policies: every sixth from index 0 as Cilium, from index 3 as Calico. */
export function mixPolicies(policies: readonly Raw[]): Raw[] {
  return policies.map((p, i) =>
    i % 6 === 0 ? toCiliumPolicy(p) : i % 6 === 3 ? (calicoRewrite ?? toCiliumPolicy)(p) : p,
  );
}
