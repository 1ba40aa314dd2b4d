// Accumulates converted objects into the parts of a Snapshot (shared by the manifest and cluster sources).
import type {
  AdminNetworkPolicy,
  Snapshot,
  BaselineAdminNetworkPolicy,
  CollectionWarning,
  IngressExposure,
  Namespace,
  NetworkPolicy,
  OtherPolicy,
  Pod,
  Service,
  Workload,
} from '../../model/snapshot.js';
import type { GitOpsRevision } from '../../model/gitops.js';

export class SnapshotBuilder {
  readonly namespaces = new Map<string, Namespace>();
  readonly workloads: Workload[] = [];
  readonly pods: Pod[] = [];
  readonly services: Service[] = [];
  readonly ingresses: IngressExposure[] = [];
  readonly networkPolicies: NetworkPolicy[] = [];
  readonly adminNetworkPolicies: AdminNetworkPolicy[] = [];
  readonly baselineAdminNetworkPolicies: BaselineAdminNetworkPolicy[] = [];
  readonly otherPolicies: OtherPolicy[] = [];
  readonly gitops: GitOpsRevision[] = [];
  readonly warnings: CollectionWarning[] = [];
  readonly counts: Record<string, number> = {};
  readonly skipped: Record<string, number> = {};

  count(kind: string): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }

  skip(kind: string): void {
    this.skipped[kind] = (this.skipped[kind] ?? 0) + 1;
  }

  warn(where: string, message: string): void {
    this.warnings.push({ where, message });
  }

  /** Appends everything `other` collected (in its order), as if its objects had been converted here. */
  absorb(other: SnapshotBuilder): void {
    for (const [k, v] of other.namespaces) this.namespaces.set(k, v);
    for (const k of [
      'workloads',
      'pods',
      'services',
      'ingresses',
      'networkPolicies',
      'adminNetworkPolicies',
      'baselineAdminNetworkPolicies',
      'otherPolicies',
      'warnings',
    ] as const)
      for (const x of other[k] as unknown[]) (this[k] as unknown[]).push(x);
    for (const [k, n] of Object.entries(other.counts)) this.counts[k] = (this.counts[k] ?? 0) + n;
    for (const [k, n] of Object.entries(other.skipped)) this.skipped[k] = (this.skipped[k] ?? 0) + n;
  }

  /** Namespaces that objects live in but that were never declared get an implicit entry. */
  namespaceNames(): Namespace[] {
    const all = new Map(this.namespaces);
    const used = [
      ...this.workloads,
      ...this.pods,
      ...this.services,
      ...this.ingresses,
      ...this.networkPolicies,
      ...this.otherPolicies.filter((p) => p.namespace !== undefined),
    ];
    for (const o of used) {
      const ns = o.namespace as string;
      if (!all.has(ns)) all.set(ns, { name: ns, labels: {}, implicit: true });
    }
    return [...all.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The object lists of a Snapshot, as collected (namespaces include the implicit ones). */
  parts(): SnapshotParts {
    return {
      namespaces: this.namespaceNames(),
      workloads: this.workloads,
      pods: this.pods,
      services: this.services,
      ingresses: this.ingresses,
      networkPolicies: this.networkPolicies,
      adminNetworkPolicies: this.adminNetworkPolicies,
      baselineAdminNetworkPolicies: this.baselineAdminNetworkPolicies,
      otherPolicies: this.otherPolicies,
      warnings: this.warnings,
      ...(this.gitops.length ? { gitops: this.gitops } : {}),
    };
  }
}

/** Everything of a Snapshot but its header (version, source, collection). */
export type SnapshotParts = Omit<Snapshot, 'schemaVersion' | 'source' | 'collection' | 'git'>;
