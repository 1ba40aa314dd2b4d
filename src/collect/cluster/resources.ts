// The API resources the collector lists: exactly these, so deploy/rbac/clusterrole.yaml can grant exactly these.

/** One listable resource: where it is served and which kind its items have. */
export interface ResourceType {
  /** API group; "" is the core group (served under /api). */
  readonly group: string;
  readonly version: string;
  /** Plural resource name as it appears in the URL and in RBAC rules. */
  readonly resource: string;
  readonly kind: string;
}

/** A group that a cluster may not serve (a CRD or an aggregated API): absent is a note, not an error. */
export interface OptionalGroup {
  readonly group: string;
  readonly version: string;
  readonly resources: readonly ResourceType[];
  /** Groups that serve the same objects in another shape; read only when this one is absent. */
  readonly readInsteadOf?: string;
}

const r = (group: string, version: string, resource: string, kind: string): ResourceType => ({
  group,
  version,
  resource,
  kind,
});

/** Built-in kinds every conformant cluster serves (Kubernetes >= 1.21); namespaces first, for kube-system's UID. */
export const REQUIRED_RESOURCES: readonly ResourceType[] = [
  r('', 'v1', 'namespaces', 'Namespace'),
  r('', 'v1', 'pods', 'Pod'),
  r('', 'v1', 'services', 'Service'),
  r('apps', 'v1', 'deployments', 'Deployment'),
  r('apps', 'v1', 'replicasets', 'ReplicaSet'),
  r('apps', 'v1', 'statefulsets', 'StatefulSet'),
  r('apps', 'v1', 'daemonsets', 'DaemonSet'),
  r('batch', 'v1', 'jobs', 'Job'),
  r('batch', 'v1', 'cronjobs', 'CronJob'),
  r('networking.k8s.io', 'v1', 'ingresses', 'Ingress'),
  r('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy'),
];

const og = (group: string, version: string, list: [string, string][], insteadOf?: string): OptionalGroup => ({
  group,
  version,
  resources: list.map(([res, kind]) => r(group, version, res, kind)),
  ...(insteadOf ? { readInsteadOf: insteadOf } : {}),
});

/**
 * Policy APIs installed by SIG Network's network-policy-api, Cilium and Calico, and OpenShift Routes.
 * Calico's API server (projectcalico.org/v3) serves the same policies that crd.projectcalico.org/v1 stores,
 * so when it is served the CRD view is not read (it would count every policy twice).
 */
export const OPTIONAL_GROUPS: readonly OptionalGroup[] = [
  og('policy.networking.k8s.io', 'v1alpha1', [
    ['adminnetworkpolicies', 'AdminNetworkPolicy'],
    ['baselineadminnetworkpolicies', 'BaselineAdminNetworkPolicy'],
  ]),
  og('cilium.io', 'v2', [
    ['ciliumnetworkpolicies', 'CiliumNetworkPolicy'],
    ['ciliumclusterwidenetworkpolicies', 'CiliumClusterwideNetworkPolicy'],
  ]),
  og('projectcalico.org', 'v3', [
    ['networkpolicies', 'NetworkPolicy'],
    ['globalnetworkpolicies', 'GlobalNetworkPolicy'],
    ['tiers', 'Tier'],
    ['globalnetworksets', 'GlobalNetworkSet'],
    ['networksets', 'NetworkSet'],
  ]),
  og(
    'crd.projectcalico.org',
    'v1',
    [
      ['networkpolicies', 'NetworkPolicy'],
      ['globalnetworkpolicies', 'GlobalNetworkPolicy'],
      ['tiers', 'Tier'],
      ['globalnetworksets', 'GlobalNetworkSet'],
      ['networksets', 'NetworkSet'],
    ],
    'projectcalico.org',
  ),
  og('route.openshift.io', 'v1', [['routes', 'Route']]),
  // GitOps controllers: which revision reached the cluster, and when (status only; see docs/rbac.md).
  og('argoproj.io', 'v1alpha1', [['applications', 'Application']]),
  og('kustomize.toolkit.fluxcd.io', 'v1', [['kustomizations', 'Kustomization']]),
  og('source.toolkit.fluxcd.io', 'v1', [['gitrepositories', 'GitRepository']]),
];

/** "apps/v1" or "v1" for the core group. */
export function groupVersion(t: { group: string; version: string }): string {
  return t.group === '' ? t.version : `${t.group}/${t.version}`;
}

/** The cluster-wide list path: /api/v1/pods or /apis/apps/v1/deployments. */
export function listPath(t: ResourceType): string {
  return t.group === '' ? `/api/${t.version}/${t.resource}` : `/apis/${t.group}/${t.version}/${t.resource}`;
}

/** Key of a list in collection.resourceVersions and in logs: "pods", "deployments.apps". */
export function resourceKey(t: ResourceType): string {
  return t.group === '' ? t.resource : `${t.resource}.${t.group}`;
}
