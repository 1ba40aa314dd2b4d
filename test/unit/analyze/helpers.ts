// Builds snapshots from inline Kubernetes objects through the collectors' own reader (no hand-made models).
import { parseManifestText } from '../../../src/collect/manifests/load-manifests.js';
import { SnapshotBuilder } from '../../../src/collect/objects/builder.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot } from '../../../src/model/snapshot.js';

export type Obj = Record<string, unknown>;

export function snapshotOf(objects: readonly Obj[]): Snapshot {
  const b = new SnapshotBuilder();
  const problems = parseManifestText(objects.map((o) => JSON.stringify(o)).join('\n---\n'), 'inline.yaml', b);
  if (problems.length) throw new Error(JSON.stringify(problems));
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    source: { type: 'manifests', name: 'inline', paths: [] },
    collection: {
      startedAt: '2026-01-15T10:00:00Z',
      finishedAt: '2026-01-15T10:00:00Z',
      counts: {},
      skipped: {},
    },
    ...b.parts(),
  };
}

export const ns = (name: string, labels: Record<string, string> = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
});

export const pod = (
  namespace: string,
  name: string,
  labels: Record<string, string>,
  ports: Obj[] = [],
  owner?: { kind?: string; name: string },
): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace,
    labels,
    ...(owner ? { ownerReferences: [{ ...owner, controller: true }] } : {}),
  },
  spec: { containers: [{ name: 'c', ports }] },
});

export const netpol = (namespace: string, name: string, spec: Obj): Obj => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});

export const anp = (name: string, priority: number, spec: Obj): Obj => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  kind: 'AdminNetworkPolicy',
  metadata: { name },
  spec: { priority, ...spec },
});

export const banp = (spec: Obj): Obj => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  kind: 'BaselineAdminNetworkPolicy',
  metadata: { name: 'default' },
  spec,
});

/** The base topology of the rule tables: namespace a (team=x) with client and server, namespace b with other. */
export const base: Obj[] = [
  ns('a', { team: 'x' }),
  ns('b'),
  pod('a', 'client', { app: 'client' }),
  pod('a', 'server', { app: 'server', tier: 'backend' }, [
    { name: 'http', containerPort: 80 },
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
  ]),
  pod('b', 'other', { app: 'other' }),
];

export const cnp = (namespace: string, name: string, spec: Obj): Obj => ({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumNetworkPolicy',
  metadata: { name, namespace },
  spec,
});

export const ccnp = (name: string, spec: Obj): Obj => ({
  apiVersion: 'cilium.io/v2',
  kind: 'CiliumClusterwideNetworkPolicy',
  metadata: { name },
  spec,
});
