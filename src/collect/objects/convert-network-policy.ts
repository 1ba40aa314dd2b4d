// networking.k8s.io/v1 NetworkPolicy spec, read field by field with unknown fields refused.
import type {
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
} from '../../model/kube.js';
import type { Reader } from './raw.js';
import { readPeer, readPolicyPort, readSelector } from './selectors.js';

function readRules<T extends 'from' | 'to'>(
  r: Reader,
  v: unknown,
  field: 'ingress' | 'egress',
  peers: T,
): Array<Partial<Record<T, NetworkPolicyPeer[]>> & { ports?: NetworkPolicyPort[] }> | undefined {
  const list = r.array(v, ['spec', field]);
  if (!list) return undefined;
  return list.map((rule, i) => {
    const path = ['spec', field, i];
    const rr = r.record(rule, path) ?? {};
    r.knownFields(rr, [peers, 'ports'], path);
    const out: Partial<Record<T, NetworkPolicyPeer[]>> & { ports?: NetworkPolicyPort[] } = {};
    const peerList = r.array(rr[peers], [...path, peers]);
    if (peerList) out[peers] = peerList.flatMap((p, j) => readPeer(r, p, [...path, peers, j]) ?? []) as never;
    const ports = r.array(rr.ports, [...path, 'ports']);
    if (ports) out.ports = ports.flatMap((p, j) => readPolicyPort(r, p, [...path, 'ports', j]) ?? []);
    return out;
  });
}

export function readNetworkPolicySpec(r: Reader, v: unknown): NetworkPolicySpec | undefined {
  const spec = r.record(v, ['spec']);
  if (!spec) {
    r.problem(['spec'], 'is required');
    return undefined;
  }
  r.knownFields(spec, ['podSelector', 'policyTypes', 'ingress', 'egress'], ['spec']);
  const podSelector = readSelector(r, spec.podSelector, ['spec', 'podSelector']) ?? {};
  const types = r.array(spec.policyTypes, ['spec', 'policyTypes']);
  const policyTypes = types?.flatMap((t, i): ('Ingress' | 'Egress')[] => {
    if (t !== 'Ingress' && t !== 'Egress') {
      r.problem(['spec', 'policyTypes', i], 'must be Ingress or Egress');
      return [];
    }
    return [t];
  });
  const ingress = readRules(r, spec.ingress, 'ingress', 'from') as NetworkPolicyIngressRule[] | undefined;
  const egress = readRules(r, spec.egress, 'egress', 'to') as NetworkPolicyEgressRule[] | undefined;
  return {
    podSelector,
    ...(policyTypes ? { policyTypes } : {}),
    ...(ingress ? { ingress } : {}),
    ...(egress ? { egress } : {}),
  };
}
