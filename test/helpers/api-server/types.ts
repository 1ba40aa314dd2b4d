// The kinds the test API server serves, with the group, version and plural name the real API uses.

export interface ServedType {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** Custom resources keep kind/apiVersion on list items; built-in lists leave them out. */
  readonly custom: boolean;
}

const t = (
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced = true,
  custom = false,
): ServedType => ({ group, version, resource, kind, namespaced, custom });

/** Groups every test cluster serves. */
export const BUILT_IN: readonly ServedType[] = [
  t('', 'v1', 'namespaces', 'Namespace', false),
  t('', 'v1', 'pods', 'Pod'),
  t('', 'v1', 'services', 'Service'),
  t('', 'v1', 'configmaps', 'ConfigMap'),
  t('apps', 'v1', 'deployments', 'Deployment'),
  t('apps', 'v1', 'replicasets', 'ReplicaSet'),
  t('apps', 'v1', 'statefulsets', 'StatefulSet'),
  t('apps', 'v1', 'daemonsets', 'DaemonSet'),
  t('batch', 'v1', 'jobs', 'Job'),
  t('batch', 'v1', 'cronjobs', 'CronJob'),
  t('networking.k8s.io', 'v1', 'ingresses', 'Ingress'),
  t('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy'),
];

/** Groups a test cluster serves only when asked to (CRDs and aggregated APIs). */
export const OPTIONAL: readonly ServedType[] = [
  t('policy.networking.k8s.io', 'v1alpha1', 'adminnetworkpolicies', 'AdminNetworkPolicy', false, true),
  t(
    'policy.networking.k8s.io',
    'v1alpha1',
    'baselineadminnetworkpolicies',
    'BaselineAdminNetworkPolicy',
    false,
    true,
  ),
  t('cilium.io', 'v2', 'ciliumnetworkpolicies', 'CiliumNetworkPolicy', true, true),
  t('cilium.io', 'v2', 'ciliumclusterwidenetworkpolicies', 'CiliumClusterwideNetworkPolicy', false, true),
  t('crd.projectcalico.org', 'v1', 'networkpolicies', 'NetworkPolicy', true, true),
  t('crd.projectcalico.org', 'v1', 'globalnetworkpolicies', 'GlobalNetworkPolicy', false, true),
  t('crd.projectcalico.org', 'v1', 'tiers', 'Tier', false, true),
  t('crd.projectcalico.org', 'v1', 'globalnetworksets', 'GlobalNetworkSet', false, true),
  t('crd.projectcalico.org', 'v1', 'networksets', 'NetworkSet', true, true),
  t('projectcalico.org', 'v3', 'networkpolicies', 'NetworkPolicy', true, true),
  t('projectcalico.org', 'v3', 'globalnetworkpolicies', 'GlobalNetworkPolicy', false, true),
  t('projectcalico.org', 'v3', 'tiers', 'Tier', false, true),
  t('projectcalico.org', 'v3', 'globalnetworksets', 'GlobalNetworkSet', false, true),
  t('projectcalico.org', 'v3', 'networksets', 'NetworkSet', true, true),
  t('route.openshift.io', 'v1', 'routes', 'Route', true, true),
  t('argoproj.io', 'v1alpha1', 'applications', 'Application', true, true),
  t('kustomize.toolkit.fluxcd.io', 'v1', 'kustomizations', 'Kustomization', true, true),
  t('source.toolkit.fluxcd.io', 'v1', 'gitrepositories', 'GitRepository', true, true),
];

export function groupVersionOf(s: { group: string; version: string }): string {
  return s.group === '' ? s.version : `${s.group}/${s.version}`;
}

export function listPathOf(s: ServedType): string {
  return s.group === '' ? `/api/${s.version}/${s.resource}` : `/apis/${s.group}/${s.version}/${s.resource}`;
}
