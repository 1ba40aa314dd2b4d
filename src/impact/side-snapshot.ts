// One side of an impact comparison: the policies of the manifests over the workloads of the live cluster.
import type { Snapshot } from '../model/snapshot.js';

/**
 * The snapshot a side is analysed as. With `live`, its workloads, pods, services and namespaces stay and the
 * policies come from the manifests (both sides then share the same workloads); without, the manifests alone.
 */
export function sideSnapshot(manifests: Snapshot, live: Snapshot | undefined): Snapshot {
  if (!live) return manifests;
  const names = new Set(live.namespaces.map((n) => n.name));
  const known = new Set(live.workloads.map((w) => `${w.kind}/${w.namespace}/${w.name}`));
  return {
    ...live,
    source: manifests.source,
    namespaces: [...live.namespaces, ...manifests.namespaces.filter((n) => !names.has(n.name))].sort(
      (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    ),
    // A workload the change adds (in the manifests, not yet in the cluster) is analysed too.
    workloads: [
      ...live.workloads,
      ...manifests.workloads.filter((w) => !known.has(`${w.kind}/${w.namespace}/${w.name}`)),
    ],
    networkPolicies: manifests.networkPolicies,
    adminNetworkPolicies: manifests.adminNetworkPolicies,
    baselineAdminNetworkPolicies: manifests.baselineAdminNetworkPolicies,
    otherPolicies: manifests.otherPolicies,
    warnings: [...live.warnings, ...manifests.warnings],
  };
}
