// Specs in the form the API server stores them, so that only real differences count as drift.
import type {
  LabelSelector,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
} from '../../model/kube.js';

type Json = Record<string, unknown>;

function selector(s: LabelSelector): Json {
  const out: Json = {};
  if (s.matchLabels && Object.keys(s.matchLabels).length > 0) out.matchLabels = s.matchLabels;
  if (s.matchExpressions && s.matchExpressions.length > 0)
    out.matchExpressions = s.matchExpressions.map((e) => ({
      key: e.key,
      operator: e.operator,
      ...(e.values && e.values.length > 0 ? { values: e.values } : {}),
    }));
  return out;
}

function peer(p: NetworkPolicyPeer): Json {
  return {
    ...(p.podSelector ? { podSelector: selector(p.podSelector) } : {}),
    ...(p.namespaceSelector ? { namespaceSelector: selector(p.namespaceSelector) } : {}),
    ...(p.ipBlock
      ? {
          ipBlock: {
            cidr: p.ipBlock.cidr,
            ...(p.ipBlock.except && p.ipBlock.except.length > 0 ? { except: p.ipBlock.except } : {}),
          },
        }
      : {}),
  };
}

/** NetworkPolicyPort: protocol defaults to TCP (API reference, NetworkPolicyPort.protocol). */
function port(p: NetworkPolicyPort): Json {
  return {
    protocol: p.protocol ?? 'TCP',
    ...(p.port !== undefined ? { port: p.port } : {}),
    ...(p.endPort !== undefined ? { endPort: p.endPort } : {}),
  };
}

function rule(
  peers: readonly NetworkPolicyPeer[] | undefined,
  ports: readonly NetworkPolicyPort[] | undefined,
  key: 'from' | 'to',
): Json {
  // An empty or missing peer/port list both mean "all" (API reference, NetworkPolicyIngressRule).
  return {
    ...(peers && peers.length > 0 ? { [key]: peers.map(peer) } : {}),
    ...(ports && ports.length > 0 ? { ports: ports.map(port) } : {}),
  };
}

/**
 * The spec with the API server's defaults applied: policyTypes defaults to Ingress, plus Egress when the
 * spec has egress rules (NetworkPolicySpec.policyTypes); empty lists and selectors equal missing ones.
 */
export function normalizeNetworkPolicySpec(spec: NetworkPolicySpec): Json {
  const ingress = spec.ingress ?? [];
  const egress = spec.egress ?? [];
  const written = spec.policyTypes ?? [];
  const types = written.length > 0 ? written : egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  return {
    podSelector: selector(spec.podSelector),
    policyTypes: ['Ingress', 'Egress'].filter((t) => types.includes(t as 'Ingress' | 'Egress')),
    ...(ingress.length > 0 ? { ingress: ingress.map((r) => rule(r.from, r.ports, 'from')) } : {}),
    ...(egress.length > 0 ? { egress: egress.map((r) => rule(r.to, r.ports, 'to')) } : {}),
  };
}
