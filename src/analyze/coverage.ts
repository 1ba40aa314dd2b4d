// Per-namespace coverage: default-deny in each direction, and the workloads no NetworkPolicy selects.
import type { NamespaceCoverage } from '../model/connectivity.js';
import type { NetworkPolicy, Snapshot } from '../model/snapshot.js';
import { effectiveTypes } from './reachability/compile-netpol.js';
import { Engine, cmp } from './reachability/engine.js';
import { adminDefaultDenies } from './admin-default-deny.js';
import { calicoDefaultDenies } from './calico-default-deny.js';
import { isEmptySelector } from './selectors.js';

/**
 * A rule with no peers and no ports (`ingress: [{}]`) allows every source or destination on every port: the
 * policy then isolates the pods but denies nothing (NetworkPolicyIngressRule: empty `from` matches all sources,
 * empty `ports` matches all ports).
 */
function allowsEverything(
  rules:
    readonly { from?: readonly unknown[]; to?: readonly unknown[]; ports?: readonly unknown[] }[] | undefined,
  peers: 'from' | 'to',
): boolean {
  return (rules ?? []).some((r) => !r[peers]?.length && !r.ports?.length);
}

/**
 * `only`: just these namespaces (a change's impact recomputes the namespaces it touches).
 * A namespace is default-deny in a direction when a NetworkPolicy there selects every pod (podSelector {}),
 * its effective policyTypes include that direction (policyTypes defaulting per the API reference) and none of
 * its rules in that direction allows everything; or when an AdminNetworkPolicy or BaselineAdminNetworkPolicy
 * denies that direction for the whole namespace; or when a Cilium rule selecting every pod there (no pod
 * requirement in its endpointSelector) enables default deny for that direction without allowing every peer.
 */
export function coverageFrom(
  snapshot: Snapshot,
  engine: Engine,
  only?: ReadonlySet<string>,
): NamespaceCoverage[] {
  const u = engine.u;
  const byNs = new Map<string, NetworkPolicy[]>();
  for (const p of snapshot.networkPolicies) byNs.set(p.namespace, [...(byNs.get(p.namespace) ?? []), p]);
  const declaredNs = new Map(snapshot.namespaces.map((x) => [x.name, x]));
  return u.namespaces
    .map((n, i) => ({ n, i }))
    .filter(({ n }) => !n.synthetic && (!only || only.has(n.name)))
    .sort((a, b) => cmp(a.n.name, b.n.name))
    .map(({ n, i }) => {
      const deny = { ingress: [] as string[], egress: [] as string[] };
      for (const p of byNs.get(n.name) ?? []) {
        if (!isEmptySelector(p.spec.podSelector)) continue;
        const t = effectiveTypes(p);
        if (t.ingress && !allowsEverything(p.spec.ingress, 'from'))
          deny.ingress.push(`${p.namespace}/${p.name}`);
        if (t.egress && !allowsEverything(p.spec.egress, 'to')) deny.egress.push(`${p.namespace}/${p.name}`);
      }
      for (const dir of ['ingress', 'egress'] as const)
        deny[dir].push(...(engine.cilium?.namespaceDefaultDenies(i, dir) ?? []));
      const declared = declaredNs.get(n.name) ?? { name: n.name, labels: {} };
      for (const dir of ['ingress', 'egress'] as const)
        deny[dir].push(...calicoDefaultDenies(engine, i, dir));
      for (const dir of ['ingress', 'egress'] as const)
        deny[dir].push(
          ...adminDefaultDenies(
            declared,
            dir,
            snapshot.adminNetworkPolicies,
            snapshot.baselineAdminNetworkPolicies,
          ),
        );
      let workloads = 0;
      let selectedIngress = 0;
      let selectedEgress = 0;
      const unselected: string[] = [];
      for (const c of u.classesByNs[i] ?? []) {
        const size = u.classes[c]!.peers.length;
        const inSel = engine.isIsolated(c, 'ingress');
        const egSel = engine.isIsolated(c, 'egress');
        workloads += size;
        if (inSel) selectedIngress += size;
        if (egSel) selectedEgress += size;
        if (!inSel && !egSel) for (const p of u.classes[c]!.peers) unselected.push(u.peers[p]!.id);
      }
      return {
        namespace: n.name,
        ingressDefaultDeny: deny.ingress.length > 0,
        egressDefaultDeny: deny.egress.length > 0,
        ingressDenyPolicies: deny.ingress.sort(),
        egressDenyPolicies: deny.egress.sort(),
        workloads,
        selectedIngress,
        selectedEgress,
        unselected: unselected.sort(),
      };
    });
}

/** Coverage of every namespace (sorted by name). */
export function analyzeCoverage(snapshot: Snapshot): NamespaceCoverage[] {
  return coverageFrom(snapshot, new Engine(snapshot));
}
