// A loopback HTTP server that answers Kubernetes API discovery (/api, /apis, /api/v1, /apis/<group>/<version>)
// for the kinds deploy/ uses, so `kubectl create --dry-run=client` can map kinds to resources with no cluster.
// It serves nothing else: a request for anything but discovery is a 404, so nothing can be created.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Resource = readonly [name: string, kind: string, namespaced: boolean];

/** group/version -> resources, as a real API server lists them in an APIResourceList. */
const SERVED: Readonly<Record<string, readonly Resource[]>> = {
  v1: [
    ['namespaces', 'Namespace', false],
    ['serviceaccounts', 'ServiceAccount', true],
    ['configmaps', 'ConfigMap', true],
    ['secrets', 'Secret', true],
    ['persistentvolumeclaims', 'PersistentVolumeClaim', true],
  ],
  'batch/v1': [
    ['cronjobs', 'CronJob', true],
    ['jobs', 'Job', true],
  ],
  'rbac.authorization.k8s.io/v1': [
    ['clusterroles', 'ClusterRole', false],
    ['clusterrolebindings', 'ClusterRoleBinding', false],
  ],
  'networking.k8s.io/v1': [['networkpolicies', 'NetworkPolicy', true]],
};

function body(url: string): unknown {
  if (url === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  const groups = Object.keys(SERVED).filter((gv) => gv.includes('/'));
  if (url === '/apis')
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups.map((gv) => {
        const [name, version] = gv.split('/') as [string, string];
        const v = { groupVersion: gv, version };
        return { name, versions: [v], preferredVersion: v };
      }),
    };
  const gv = url === '/api/v1' ? 'v1' : url.startsWith('/apis/') ? url.slice('/apis/'.length) : undefined;
  const resources = gv !== undefined ? SERVED[gv] : undefined;
  if (!resources || gv === undefined) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: resources.map(([name, kind, namespaced]) => ({
      name,
      singularName: kind.toLowerCase(),
      namespaced,
      kind,
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    })),
  };
}

export interface DiscoveryServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startDiscoveryServer(): Promise<DiscoveryServer> {
  const server = http.createServer((req, res) => {
    const b = req.method === 'GET' ? body((req.url ?? '').split('?')[0] ?? '') : undefined;
    res.writeHead(b === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(b ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 404 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
