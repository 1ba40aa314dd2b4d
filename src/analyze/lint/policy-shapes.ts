// Small helpers over NetworkPolicy rules shared by lint rules (effective policyTypes, rule lists, ports).
import type { NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec } from '../../model/kube.js';
import type { LintObject } from '../../model/lint.js';

export type Direction = 'ingress' | 'egress';

export interface RuleView {
  readonly dir: Direction;
  readonly index: number;
  /** Absent means every peer (the rule has no from/to). */
  readonly peers?: readonly NetworkPolicyPeer[];
  /** Absent means every port. */
  readonly ports?: readonly NetworkPolicyPort[];
}

/** policyTypes as the API server defaults them: Ingress always, Egress when egress rules exist. */
export function effectiveTypes(spec: NetworkPolicySpec): { ingress: boolean; egress: boolean } {
  if (spec.policyTypes)
    return { ingress: spec.policyTypes.includes('Ingress'), egress: spec.policyTypes.includes('Egress') };
  return { ingress: true, egress: spec.egress !== undefined };
}

/** Every rule of the policy in one direction, with peers and ports normalised (empty lists mean "all"). */
export function rulesOf(spec: NetworkPolicySpec, dir: Direction): RuleView[] {
  const list = dir === 'ingress' ? spec.ingress : spec.egress;
  return (list ?? []).map((r, index) => {
    const peers =
      'from' in r ? r.from : 'to' in r ? (r as { to?: readonly NetworkPolicyPeer[] }).to : undefined;
    return {
      dir,
      index,
      ...(peers && peers.length > 0 ? { peers } : {}),
      ...(r.ports && r.ports.length > 0 ? { ports: r.ports } : {}),
    };
  });
}

export const peerField = (dir: Direction): 'from' | 'to' => (dir === 'ingress' ? 'from' : 'to');

/** NetworkPolicies of the lint input, in file order. */
export function networkPolicies(
  objects: readonly LintObject[],
): (LintObject & { networkPolicy: NonNullable<LintObject['networkPolicy']> })[] {
  return objects.filter(
    (o): o is LintObject & { networkPolicy: NonNullable<LintObject['networkPolicy']> } =>
      o.networkPolicy !== undefined,
  );
}

/** True when the port entry lets `protocol`/`port` through (no port means every port of the protocol). */
export function portAllows(p: NetworkPolicyPort, protocol: string, port: number): boolean {
  if ((p.protocol ?? 'TCP') !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'string') return false;
  return port >= p.port && port <= (p.endPort ?? p.port);
}
