// A synthetic cluster with realistic label diversity, as raw Kubernetes JSON and as a Snapshot (shared by benches).
import { SnapshotBuilder } from '../src/collect/objects/builder.js';
import { convertObject } from '../src/collect/objects/convert.js';
import type { Raw } from '../src/collect/objects/raw.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../src/model/snapshot.js';

export interface ClusterSize {
  readonly namespaces: number;
  readonly pods: number;
  readonly policies: number;
  /** PRNG seed: the same size and seed give the same cluster. */
  readonly seed?: number;
}

export const SIZES = {
  small: { namespaces: 1_000, pods: 10_000, policies: 2_000 },
  large: { namespaces: 10_000, pods: 150_000, policies: 20_000 },
} as const satisfies Record<string, ClusterSize>;

/** Raw objects grouped by the API list they would be served from. */
export interface RawCluster {
  readonly namespaces: Raw[];
  readonly deployments: Raw[];
  readonly replicaSets: Raw[];
  readonly pods: Raw[];
  readonly networkPolicies: Raw[];
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIERS = ['web', 'api', 'db', 'cache', 'worker'] as const;
const ENVS = ['prod', 'staging', 'dev'] as const;
const TEAMS = 40;
const PORTS: Record<(typeof TIERS)[number], number> = {
  web: 8080,
  api: 9090,
  db: 5432,
  cache: 6379,
  worker: 8000,
};

const meta = (name: string, namespace?: string, labels?: Record<string, string>): Raw => ({
  name,
  ...(namespace ? { namespace } : {}),
  ...(labels ? { labels } : {}),
});

function namespaceObj(name: string, labels: Record<string, string>): Raw {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { ...meta(name, undefined, labels), uid: `uid-${name}` },
  };
}

/** The policy shapes teams really write, cycled per namespace. */
function policy(ns: string, i: number, team: number, pick: () => number): Raw {
  const np = (name: string, spec: Raw): Raw => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(`${name}-${i}`, ns),
    spec,
  });
  const tier = (t: string): Raw => ({ matchLabels: { tier: t } });
  const tcp = (port: number | string): Raw => ({ protocol: 'TCP', port });
  switch (i % 7) {
    case 0:
      return np('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    case 1:
      return np('allow-dns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      });
    case 2:
      return np('web-to-api', {
        podSelector: tier('api'),
        ingress: [{ from: [{ podSelector: tier('web') }], ports: [tcp(9090)] }],
      });
    case 3:
      return np('from-team', {
        podSelector: tier('web'),
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: { team: `team-${(team + Math.floor(pick() * 3)) % TEAMS}` },
                },
              },
            ],
            ports: [tcp('http')],
          },
        ],
      });
    case 4:
      return np('allow-monitoring', {
        podSelector: {},
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
                podSelector: { matchLabels: { app: 'prometheus' } },
              },
            ],
            ports: [tcp('metrics')],
          },
        ],
      });
    case 5:
      return np('api-egress-https', {
        podSelector: tier('api'),
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12'] } }],
            ports: [tcp(443)],
          },
          {
            to: [
              {
                podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db', 'cache'] }] },
              },
            ],
          },
        ],
      });
    default:
      return np('db-from-api', {
        podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db', 'cache'] }] },
        ingress: [{ from: [{ podSelector: tier('api') }, { podSelector: tier('worker') }] }],
      });
  }
}

function workload(
  ns: string,
  name: string,
  tierName: (typeof TIERS)[number],
  replicas: number,
  extra: Raw,
): Raw[] {
  const dns: Record<string, string> =
    typeof extra['k8s-app'] === 'string' ? { 'k8s-app': extra['k8s-app'] } : {};
  const labels: Record<string, string> = { app: name, tier: tierName, ...dns };
  const ports = [
    { name: 'http', containerPort: PORTS[tierName], protocol: 'TCP' },
    { name: 'metrics', containerPort: 9102, protocol: 'TCP' },
  ];
  const template = {
    metadata: { labels },
    spec: { containers: [{ name: 'main', image: `${name}:1`, ports }] },
  };
  const hash = `${name.length.toString(16)}7f9c${replicas}d`;
  const dep: Raw = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, ns, { app: name, ...extra }),
    spec: { replicas, selector: { matchLabels: labels }, template },
  };
  const rsName = `${name}-${hash}`;
  const rs: Raw = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      ...meta(rsName, ns, labels),
      ownerReferences: [{ kind: 'Deployment', name, controller: true }],
    },
    spec: { replicas, template },
  };
  const pods: Raw[] = [];
  for (let r = 0; r < replicas; r++)
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...meta(`${rsName}-${r.toString(36).padStart(5, 'x')}`, ns, { ...labels, 'pod-template-hash': hash }),
        ownerReferences: [{ kind: 'ReplicaSet', name: rsName, controller: true }],
      },
      spec: template.spec,
      status: { phase: 'Running', podIP: `10.${(pods.length >> 8) & 255}.${pods.length & 255}.${r}` },
    });
  return [dep, rs, ...pods];
}

/** Raw Kubernetes objects for a cluster of about `size.pods` pods (an API-server bench can serve these lists). */
export function generateRawCluster(size: ClusterSize): RawCluster {
  const pick = rng(size.seed ?? 42);
  const out: RawCluster = { namespaces: [], deployments: [], replicaSets: [], pods: [], networkPolicies: [] };
  const push = (objs: Raw[]): void => {
    for (const o of objs) {
      if (o.kind === 'Deployment') out.deployments.push(o);
      else if (o.kind === 'ReplicaSet') out.replicaSets.push(o);
      else out.pods.push(o);
    }
  };
  out.namespaces.push(namespaceObj('kube-system', {}), namespaceObj('monitoring', { team: 'platform' }));
  push(workload('kube-system', 'coredns', 'worker', 2, { 'k8s-app': 'kube-dns' }));
  push(workload('monitoring', 'prometheus', 'worker', 1, { owner: 'platform' }));
  const perNs = Math.max(1, Math.round(size.pods / size.namespaces));
  const withPolicies = Math.ceil(size.namespaces * 0.8);
  const policiesPerNs = Math.max(1, Math.round(size.policies / withPolicies));
  let pods = 3;
  let policies = 0;
  for (let n = 0; n < size.namespaces; n++) {
    const name = `ns-${n.toString().padStart(5, '0')}`;
    const team = Math.floor(pick() * TEAMS);
    const labels: Record<string, string> = { team: `team-${team}`, env: ENVS[n % ENVS.length] as string };
    if (pick() < 0.6) labels['data-classification'] = pick() < 0.3 ? 'restricted' : 'internal';
    out.namespaces.push(namespaceObj(name, labels));
    let left = Math.min(perNs, size.pods - pods);
    for (let w = 0; left > 0; w++) {
      const replicas = Math.min(left, 1 + Math.floor(pick() * 5));
      const t = TIERS[w % TIERS.length] as (typeof TIERS)[number];
      push(workload(name, `${t}-${w}`, t, replicas, pick() < 0.7 ? { owner: `team-${team}` } : {}));
      left -= replicas;
      pods += replicas;
    }
    if (n < withPolicies)
      for (let i = 0; i < policiesPerNs && policies < size.policies; i++, policies++)
        out.networkPolicies.push(policy(name, (n + i) % 7, team, pick));
  }
  return out;
}

/** The same cluster as a Snapshot, converted by the collectors' own object reader. */
export function generateCluster(size: ClusterSize, now: () => Date = () => new Date(0)): Snapshot {
  const raw = generateRawCluster(size);
  const b = new SnapshotBuilder();
  for (const list of [raw.namespaces, raw.deployments, raw.replicaSets, raw.pods, raw.networkPolicies])
    for (const o of list) convertObject(o, b);
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    source: { type: 'manifests', name: `synthetic-${size.pods}`, paths: [] },
    collection: {
      startedAt: now().toISOString(),
      finishedAt: now().toISOString(),
      counts: b.counts,
      skipped: b.skipped,
    },
    ...b.parts(),
  };
}
