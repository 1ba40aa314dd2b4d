// A stable order for the snapshot's lists, so two collections of the same cluster give byte-identical JSON.
import type { SnapshotBuilder } from '../objects/builder.js';
import type { Snapshot } from '../../model/snapshot.js';

type Parts = Pick<
  Snapshot,
  | 'namespaces'
  | 'workloads'
  | 'pods'
  | 'services'
  | 'ingresses'
  | 'networkPolicies'
  | 'adminNetworkPolicies'
  | 'baselineAdminNetworkPolicies'
  | 'otherPolicies'
  | 'warnings'
  | 'gitops'
>;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders by the given keys, compared as strings (code-unit order, independent of locale). */
function by<T>(...keys: ((x: T) => string | undefined)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const k of keys) {
      const c = cmp(k(a) ?? '', k(b) ?? '');
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** The builder's lists, each sorted by kind, namespace and name. */
export function sortedSnapshotParts(b: SnapshotBuilder): Parts {
  return {
    namespaces: b.namespaceNames(),
    workloads: b.workloads.sort(
      by(
        (w) => w.kind,
        (w) => w.namespace,
        (w) => w.name,
      ),
    ),
    pods: b.pods.sort(
      by(
        (p) => p.namespace,
        (p) => p.name,
      ),
    ),
    services: b.services.sort(
      by(
        (s) => s.namespace,
        (s) => s.name,
      ),
    ),
    ingresses: b.ingresses.sort(
      by(
        (i) => i.kind,
        (i) => i.namespace,
        (i) => i.name,
      ),
    ),
    networkPolicies: b.networkPolicies.sort(
      by(
        (p) => p.namespace,
        (p) => p.name,
      ),
    ),
    adminNetworkPolicies: b.adminNetworkPolicies.sort(by((p) => p.name)),
    baselineAdminNetworkPolicies: b.baselineAdminNetworkPolicies.sort(by((p) => p.name)),
    otherPolicies: b.otherPolicies.sort(
      by(
        (p) => p.apiVersion,
        (p) => p.kind,
        (p) => p.namespace,
        (p) => p.name,
      ),
    ),
    warnings: b.warnings,
    ...(b.gitops.length
      ? {
          gitops: b.gitops.sort(
            by(
              (g) => g.kind,
              (g) => g.namespace,
              (g) => g.name,
              (g) => g.at,
              (g) => g.revision,
            ),
          ),
        }
      : {}),
  };
}
