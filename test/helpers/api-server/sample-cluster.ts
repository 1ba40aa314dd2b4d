// A small cluster as raw API objects: two apps, policies of every kind the collector reads, for end-to-end tests.
import type { RawObject } from './server.js';

const ns = (name: string, uid: string, labels: Record<string, string> = {}): RawObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, uid, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
});

const template = (app: string, port: number) => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: app, image: `${app}:1`, ports: [{ name: 'http', containerPort: port }] }] },
});

function app(namespace: string, name: string, port: number, pods: number): RawObject[] {
  const rs = `${name}-7d9f`;
  const out: RawObject[] = [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace, labels: { team: namespace } },
      spec: { replicas: pods, selector: { matchLabels: { app: name } }, template: template(name, port) },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rs,
        namespace,
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name, uid: `uid-${name}`, controller: true },
        ],
      },
      spec: { replicas: pods, selector: { matchLabels: { app: name } }, template: template(name, port) },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace },
      spec: {
        selector: { app: name },
        ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      },
    },
  ];
  for (let i = 0; i < pods; i++)
    out.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${rs}-${i}`,
        namespace,
        labels: { app: name },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: `uid-${rs}`, controller: true },
        ],
        managedFields: [{ manager: 'kube-controller-manager', operation: 'Update' }],
      },
      spec: template(name, port).spec,
      status: {
        phase: 'Running',
        podIP: `10.0.${namespace.length}.${i + 10}`,
        podIPs: [{ ip: `10.0.${namespace.length}.${i + 10}` }],
      },
    });
  return out;
}

/** UID of the sample cluster's kube-system namespace (its identity in snapshots). */
export const SAMPLE_KUBE_SYSTEM_UID = '6a1f0c2e-1b7c-4f3e-9a51-0c1d2e3f4a5b';

/** Built-in objects only (no optional API group is needed to serve them). */
export function sampleCluster(): RawObject[] {
  return [
    ns('kube-system', SAMPLE_KUBE_SYSTEM_UID),
    ns('shop', 'uid-ns-shop', { tier: 'frontend' }),
    ns('payments', 'uid-ns-payments', { tier: 'pci' }),
    ...app('shop', 'web', 8080, 3),
    ...app('payments', 'api', 9090, 2),
    {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'settle', namespace: 'payments' },
      spec: { schedule: '0 1 * * *', jobTemplate: { spec: { template: template('settle', 7000) } } },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: 'payments' },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'api-from-shop', namespace: 'payments' },
      spec: {
        podSelector: { matchLabels: { app: 'api' } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { tier: 'frontend' } },
                podSelector: { matchLabels: { app: 'web' } },
              },
            ],
            ports: [{ protocol: 'TCP', port: 'http' }],
          },
        ],
      },
    },
  ];
}

/** Objects of the optional groups: an AdminNetworkPolicy and a CiliumNetworkPolicy. */
export function sampleOptionalPolicies(): RawObject[] {
  return [
    {
      apiVersion: 'policy.networking.k8s.io/v1alpha1',
      kind: 'AdminNetworkPolicy',
      metadata: { name: 'pci-isolation' },
      spec: {
        priority: 10,
        subject: { namespaces: { matchLabels: { tier: 'pci' } } },
        ingress: [{ name: 'deny-all', action: 'Deny', from: [{ namespaces: {} }] }],
      },
    },
    {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'l7-web', namespace: 'shop' },
      spec: { endpointSelector: { matchLabels: { app: 'web' } }, ingress: [{ fromEntities: ['world'] }] },
    },
  ];
}
