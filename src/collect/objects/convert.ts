// Converts one raw Kubernetes object (manifest or API list item) into the snapshot's model.
import { isCalicoPolicy, readCalicoPolicy } from '../../analyze/calico-policy.js';
import type { WorkloadKind } from '../../model/snapshot.js';
import type { SnapshotBuilder } from './builder.js';
import { readIngress, readRoute, readService } from './convert-exposure.js';
import { GITOPS_GROUPS, readGitOps } from './convert-gitops.js';
import { checkCiliumPolicy } from './cilium-schema.js';
import { readNetworkPolicySpec } from './convert-network-policy.js';
import { readContainerPorts, readOwner, readPodIps, readWorkload } from './convert-workloads.js';
import { Reader, type Raw } from './raw.js';

const WORKLOAD_KINDS = new Set<WorkloadKind>([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
]);
const CNI_KINDS: Readonly<Record<string, readonly string[]>> = {
  CiliumNetworkPolicy: ['cilium.io'],
  CiliumClusterwideNetworkPolicy: ['cilium.io'],
  NetworkPolicy: ['crd.projectcalico.org', 'projectcalico.org'],
  GlobalNetworkPolicy: ['crd.projectcalico.org', 'projectcalico.org'],
  // Calico objects policies refer to: tiers order them, network sets are address sets rules select by label.
  Tier: ['crd.projectcalico.org', 'projectcalico.org'],
  GlobalNetworkSet: ['crd.projectcalico.org', 'projectcalico.org'],
  NetworkSet: ['crd.projectcalico.org', 'projectcalico.org'],
};
const NAMESPACED_CNI_KINDS = new Set(['CiliumNetworkPolicy', 'NetworkPolicy', 'NetworkSet']);

/** Object kinds whose absence of effect on the analysis is known: skipped without a warning. */
export const DEFAULT_NAMESPACE = 'default';

function group(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/**
 * Reads `obj` into `b`. Field problems are returned (the caller turns them into located errors or warnings);
 * an object with problems is not added.
 */
export function convertObject(obj: Raw, b: SnapshotBuilder, origin?: string): Reader {
  const r = new Reader();
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const apiGroup = group(apiVersion);
  const meta = r.record(obj.metadata, ['metadata']) ?? {};
  const name = r.string(meta.name, ['metadata', 'name']) ?? '';
  const namespace = r.string(meta.namespace, ['metadata', 'namespace']) || DEFAULT_NAMESPACE;
  const labels = r.stringMap(meta.labels, ['metadata', 'labels']);
  const annotations = r.stringMap(meta.annotations, ['metadata', 'annotations']);
  const needName = (): boolean => {
    if (name === '') r.problem(['metadata', 'name'], 'is required');
    return name !== '';
  };

  const cni = CNI_KINDS[kind];
  if (cni && cni.includes(apiGroup)) {
    if (!needName()) return r;
    const scoped = NAMESPACED_CNI_KINDS.has(kind);
    const cilium = apiGroup === 'cilium.io';
    if (cilium) checkCiliumPolicy(r, obj, kind === 'CiliumClusterwideNetworkPolicy');
    const specs = cilium && Array.isArray(obj.specs) ? (obj.specs as Raw[]) : undefined;
    const other = {
      apiVersion,
      kind,
      ...(scoped ? { namespace } : {}),
      name,
      ...(Object.keys(labels).length ? { labels } : {}),
      spec: (r.record(obj.spec, ['spec']) ?? {}) as Raw,
      ...(specs ? { specs } : {}),
      ...(origin && cilium ? { origin } : {}),
    };
    // A Calico selector that does not parse is an input error naming the field and the position in it.
    if (isCalicoPolicy(other)) for (const p of readCalicoPolicy(other).problems) r.problem(p.path, p.message);
    if (r.problems.length > 0) return r;
    b.otherPolicies.push(other);
    b.count(kind);
    return r;
  }

  if (GITOPS_GROUPS.get(apiGroup) === kind) {
    if (needName()) readGitOps(obj, kind, namespace, name, b);
    return r;
  }

  switch (kind) {
    case 'Namespace': {
      if (!needName()) return r;
      const uid = typeof meta.uid === 'string' ? meta.uid : undefined;
      if (r.problems.length === 0) {
        b.namespaces.set(name, {
          name,
          labels,
          ...(Object.keys(annotations).length ? { annotations } : {}),
          ...(uid ? { uid } : {}),
        });
        b.count(kind);
      }
      return r;
    }
    case 'Pod': {
      if (!needName()) return r;
      const spec = r.record(obj.spec, ['spec']) ?? {};
      const status = r.record(obj.status, ['status']) ?? {};
      const ports = readContainerPorts(r, spec, ['spec']);
      const owner = readOwner(r, meta);
      const ips = readPodIps(status);
      const phase = typeof status.phase === 'string' ? status.phase : undefined;
      if (r.problems.length === 0) {
        b.pods.push({
          namespace,
          name,
          labels,
          ports,
          ...(owner ? { owner } : {}),
          ...(ips.length ? { ips } : {}),
          ...(phase ? { phase } : {}),
        });
        b.count(kind);
      }
      return r;
    }
    case 'Service': {
      if (!needName()) return r;
      readService(r, b, obj, namespace, name);
      return r;
    }
    case 'Ingress':
      if (!needName()) return r;
      readIngress(r, b, obj, namespace, name);
      return r;
    case 'Route':
      if (!needName()) return r;
      readRoute(r, b, obj, namespace, name);
      return r;
    case 'NetworkPolicy': {
      if (!needName()) return r;
      const spec = readNetworkPolicySpec(r, obj.spec);
      if (r.problems.length === 0 && spec) {
        b.networkPolicies.push({
          namespace,
          name,
          ...(Object.keys(labels).length ? { labels } : {}),
          ...(Object.keys(annotations).length ? { annotations } : {}),
          spec,
          ...(origin ? { origin } : {}),
        });
        b.count(kind);
      }
      return r;
    }
    case 'AdminNetworkPolicy': {
      if (!needName()) return r;
      const spec = r.record(obj.spec, ['spec']) ?? {};
      const priority = r.integer(spec.priority, ['spec', 'priority']);
      if (priority === undefined) r.problem(['spec', 'priority'], 'is required');
      else if (priority < 0 || priority > 1000) r.problem(['spec', 'priority'], 'must be from 0 to 1000');
      if (r.problems.length === 0 && priority !== undefined) {
        b.adminNetworkPolicies.push({ name, priority, spec, ...(origin ? { origin } : {}) });
        b.count(kind);
      }
      return r;
    }
    case 'BaselineAdminNetworkPolicy': {
      if (!needName()) return r;
      const spec = r.record(obj.spec, ['spec']) ?? {};
      if (r.problems.length === 0) {
        b.baselineAdminNetworkPolicies.push({ name, spec, ...(origin ? { origin } : {}) });
        b.count(kind);
      }
      return r;
    }
    default:
      if (WORKLOAD_KINDS.has(kind as WorkloadKind)) {
        if (!needName()) return r;
        readWorkload(r, b, obj, kind as WorkloadKind, namespace, name, labels);
        return r;
      }
      b.skip(kind || '(no kind)');
      return r;
  }
}
