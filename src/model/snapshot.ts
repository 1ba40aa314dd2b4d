// The snapshot: the one typed, versioned value that flows from collection to analysis and reports.
import type { GitEvidence } from './git.js';
import type { GitOpsRevision } from './gitops.js';
import type { AdminPolicySpec, Labels, NetworkPolicySpec, Protocol } from './kube.js';

export const SNAPSHOT_SCHEMA_VERSION = 1 as const;

export interface Snapshot {
  readonly schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  readonly source: SnapshotSource;
  readonly collection: CollectionInfo;
  readonly namespaces: readonly Namespace[];
  readonly workloads: readonly Workload[];
  readonly pods: readonly Pod[];
  readonly services: readonly Service[];
  readonly ingresses: readonly IngressExposure[];
  readonly networkPolicies: readonly NetworkPolicy[];
  readonly adminNetworkPolicies: readonly AdminNetworkPolicy[];
  /** At most one exists in a cluster (its name is "default"); a list keeps manifests honest. */
  readonly baselineAdminNetworkPolicies: readonly BaselineAdminNetworkPolicy[];
  /** CNI-specific policy kinds as written (Cilium, Calico), analysed by analyze/reachability/compile-cilium.ts and Calico siblings. */
  readonly otherPolicies: readonly OtherPolicy[];
  /** Non-fatal problems met while collecting (unknown kinds, unparsable objects). */
  readonly warnings: readonly CollectionWarning[];
  /** Git history and desired state of the policies, when --git-repo was given (reports rebuild offline). */
  readonly git?: GitEvidence;
  /** Revisions GitOps controllers (Argo CD, Flux) report, when the cluster serves their API groups. */
  readonly gitops?: readonly GitOpsRevision[];
}

export type SnapshotSource =
  | { readonly type: 'cluster'; readonly name: string; readonly cluster: ClusterIdentity }
  | { readonly type: 'manifests'; readonly name: string; readonly paths: readonly string[] };

export interface ClusterIdentity {
  readonly server: string;
  readonly context?: string;
  /** UID of the kube-system namespace: a stable identity for the cluster. */
  readonly kubeSystemUid?: string;
  readonly serverVersion?: string;
  /** Who the tool authenticated as (SelfSubjectReview), or why that could not be read. */
  readonly authenticatedAs?: AuthenticatedIdentity;
}

/** The API server's own answer to "who am I" (authentication.k8s.io/v1 SelfSubjectReview). */
export interface AuthenticatedIdentity {
  readonly username?: string;
  readonly uid?: string;
  readonly groups?: readonly string[];
  /** Set when the review could not be made (e.g. 403, or an API server older than 1.28). */
  readonly unavailable?: string;
}

export interface CollectionInfo {
  /** ISO-8601 UTC. */
  readonly startedAt: string;
  readonly finishedAt: string;
  /** Objects read per kind (e.g. "Pod": 12). */
  readonly counts: Readonly<Record<string, number>>;
  /** Objects skipped per kind because the kind does not affect the analysis. */
  readonly skipped: Readonly<Record<string, number>>;
  /** resourceVersion of each list, by kind (live clusters only). */
  readonly resourceVersions?: Readonly<Record<string, string>>;
  /** Optional API groups that were not served by the cluster (e.g. "policy.networking.k8s.io"). */
  readonly absentApiGroups?: readonly string[];
}

export interface CollectionWarning {
  /** Where: "file.yaml:12" or "GET /api/v1/pods". */
  readonly where: string;
  readonly message: string;
}

export interface Namespace {
  readonly name: string;
  /** Labels as written; the implicit kubernetes.io/metadata.name label is added by analysis. */
  readonly labels: Labels;
  readonly annotations?: Labels;
  readonly uid?: string;
  /** True when the namespace is only implied by objects in it (not declared in the input). */
  readonly implicit?: boolean;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
}

export type WorkloadKind =
  'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'ReplicationController' | 'Job' | 'CronJob';

export interface OwnerRef {
  readonly kind: string;
  readonly name: string;
}

/** A workload controller with its pod template's labels and named ports. */
export interface Workload {
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly name: string;
  /** Labels of the pod template (what policies select). */
  readonly podLabels: Labels;
  /** Labels on the workload object itself (ownership/classification checks). */
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  readonly replicas?: number;
  /** The controlling owner (e.g. a ReplicaSet's Deployment), if any. */
  readonly owner?: OwnerRef;
}

export interface Pod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  /** The controlling ownerReference; absent for bare pods. */
  readonly owner?: OwnerRef;
  readonly ips?: readonly string[];
  readonly phase?: string;
}

export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number | string;
  readonly protocol: Protocol;
}

export interface Service {
  readonly namespace: string;
  readonly name: string;
  readonly type?: string;
  /** Absent selector: the Service selects no pods (endpoints are managed by hand). */
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
}

/** An Ingress (networking.k8s.io) or an OpenShift Route: the ingress controller reaches these backends. */
export interface IngressExposure {
  readonly kind: 'Ingress' | 'Route';
  readonly namespace: string;
  readonly name: string;
  readonly backends: readonly IngressBackend[];
}

export interface IngressBackend {
  readonly service: string;
  /** Service port by number or name; absent means every port of the Service. */
  readonly port?: number | string;
}

export interface NetworkPolicy {
  readonly namespace: string;
  readonly name: string;
  readonly labels?: Labels;
  readonly annotations?: Labels;
  readonly spec: NetworkPolicySpec;
  /** Where it came from ("policies/web.yaml:3"), for explanations. */
  readonly origin?: string;
}

export interface AdminNetworkPolicy {
  readonly name: string;
  readonly priority: number;
  readonly spec: AdminPolicySpec;
  readonly origin?: string;
}

export interface BaselineAdminNetworkPolicy {
  readonly name: string;
  readonly spec: AdminPolicySpec;
  readonly origin?: string;
}

export interface OtherPolicy {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** metadata.labels, kept for the kinds rules select by label (Calico NetworkSets, GlobalNetworkSets). */
  readonly labels?: Labels;
  readonly spec: Readonly<Record<string, unknown>>;
  /** Cilium's top-level `specs` (a list of rules beside or instead of `spec`), when written. */
  readonly specs?: readonly Readonly<Record<string, unknown>>[];
  /** Where it came from ("policies/cnp.yaml:3"), for explanations. */
  readonly origin?: string;
}
