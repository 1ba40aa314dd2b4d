// Converts one raw Kubernetes object (manifest or API list item) into the snapshot's model.
import type { ContainerPort, OwnerRef, WorkloadKind } from '../../model/snapshot.js';
import type {
  NetworkPolicySpec,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  NetworkPolicyPeer,
  NetworkPolicyPort,
} from '../../model/kube.js';
import type { SnapshotBuilder } from './builder.js';
import { Reader, type Raw } from './raw.js';
import { readPeer, readPolicyPort, readProtocol, readSelector } from './selectors.js';

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
};

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
    const scoped = kind === 'CiliumNetworkPolicy' || kind === 'NetworkPolicy';
    b.otherPolicies.push({
      apiVersion,
      kind,
      ...(scoped ? { namespace } : {}),
      name,
      spec: (r.record(obj.spec, ['spec']) ?? {}) as Raw,
    });
    b.count(kind);
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

function readOwner(r: Reader, meta: Raw): OwnerRef | undefined {
  const refs = r.array(meta.ownerReferences, ['metadata', 'ownerReferences']);
  if (!refs || refs.length === 0) return undefined;
  const records = refs.filter((x): x is Raw => typeof x === 'object' && x !== null);
  const ctrl = records.find((x) => x.controller === true) ?? records[0];
  if (!ctrl) return undefined;
  return {
    kind: typeof ctrl.kind === 'string' ? ctrl.kind : '',
    name: typeof ctrl.name === 'string' ? ctrl.name : '',
  };
}

function readPodIps(status: Raw): string[] {
  const out: string[] = [];
  if (Array.isArray(status.podIPs)) {
    for (const p of status.podIPs)
      if (p && typeof p === 'object' && typeof (p as Raw).ip === 'string') out.push((p as Raw).ip as string);
  }
  if (out.length === 0 && typeof status.podIP === 'string') out.push(status.podIP);
  return out;
}

/** Container ports of a pod spec (containers and init containers), protocol defaulting to TCP. */
function readContainerPorts(r: Reader, spec: Raw, path: readonly (string | number)[]): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const field of ['containers', 'initContainers'] as const) {
    (r.array(spec[field], [...path, field]) ?? []).forEach((c, i) => {
      const cr = r.record(c, [...path, field, i]);
      if (!cr) return;
      (r.array(cr.ports, [...path, field, i, 'ports']) ?? []).forEach((p, j) => {
        const pp = [...path, field, i, 'ports', j];
        const pr = r.record(p, pp);
        if (!pr) return;
        const containerPort = r.integer(r.field(pr, 'containerPort', pp), [...pp, 'containerPort']);
        if (containerPort === undefined) {
          r.problem([...pp, 'containerPort'], 'is required');
          return;
        }
        const protocol = readProtocol(r, pr.protocol, [...pp, 'protocol']) ?? 'TCP';
        const name = typeof pr.name === 'string' && pr.name !== '' ? pr.name : undefined;
        out.push({ ...(name ? { name } : {}), containerPort, protocol });
      });
    });
  }
  return out;
}

function readWorkload(
  r: Reader,
  b: SnapshotBuilder,
  obj: Raw,
  kind: WorkloadKind,
  namespace: string,
  name: string,
  labels: Record<string, string>,
): void {
  const spec = r.record(obj.spec, ['spec']) ?? {};
  let templatePath: (string | number)[] = ['spec', 'template'];
  let template = r.record(spec.template, templatePath);
  if (kind === 'CronJob') {
    const jt = r.record(spec.jobTemplate, ['spec', 'jobTemplate']) ?? {};
    const jts = r.record(jt.spec, ['spec', 'jobTemplate', 'spec']) ?? {};
    templatePath = ['spec', 'jobTemplate', 'spec', 'template'];
    template = r.record(jts.template, templatePath);
  }
  const tmeta = r.record(template?.metadata, [...templatePath, 'metadata']) ?? {};
  const podLabels = r.stringMap(tmeta.labels, [...templatePath, 'metadata', 'labels']);
  const tspec = r.record(template?.spec, [...templatePath, 'spec']) ?? {};
  const ports = readContainerPorts(r, tspec, [...templatePath, 'spec']);
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : undefined;
  const owner = readOwner(r, r.record(obj.metadata, ['metadata']) ?? {});
  if (r.problems.length === 0) {
    b.workloads.push({
      kind,
      namespace,
      name,
      podLabels,
      labels,
      ports,
      ...(replicas !== undefined ? { replicas } : {}),
      ...(owner ? { owner } : {}),
    });
    b.count(kind);
  }
}

function readService(r: Reader, b: SnapshotBuilder, obj: Raw, namespace: string, name: string): void {
  const spec = r.record(obj.spec, ['spec']) ?? {};
  const selector =
    spec.selector === undefined || spec.selector === null
      ? undefined
      : r.stringMap(spec.selector, ['spec', 'selector']);
  const ports = (r.array(spec.ports, ['spec', 'ports']) ?? []).flatMap((p, i) => {
    const pr = r.record(p, ['spec', 'ports', i]);
    if (!pr) return [];
    const port = r.integer(pr.port, ['spec', 'ports', i, 'port']);
    if (port === undefined) {
      r.problem(['spec', 'ports', i, 'port'], 'is required');
      return [];
    }
    const protocol = readProtocol(r, pr.protocol, ['spec', 'ports', i, 'protocol']) ?? 'TCP';
    const targetPort =
      typeof pr.targetPort === 'number' || typeof pr.targetPort === 'string' ? pr.targetPort : undefined;
    const pname = typeof pr.name === 'string' ? pr.name : undefined;
    return [
      {
        ...(pname ? { name: pname } : {}),
        port,
        protocol,
        ...(targetPort !== undefined ? { targetPort } : {}),
      },
    ];
  });
  const type = typeof spec.type === 'string' ? spec.type : undefined;
  if (r.problems.length === 0) {
    b.services.push({ namespace, name, ...(type ? { type } : {}), ...(selector ? { selector } : {}), ports });
    b.count('Service');
  }
}

function readIngress(r: Reader, b: SnapshotBuilder, obj: Raw, namespace: string, name: string): void {
  const spec = r.record(obj.spec, ['spec']) ?? {};
  const backends: { service: string; port?: number | string }[] = [];
  const addBackend = (v: unknown, path: (string | number)[]): void => {
    const be = r.record(v, path);
    if (!be) return;
    const svc = r.record(be.service, [...path, 'service']);
    if (svc) {
      const sname = r.string(svc.name, [...path, 'service', 'name']);
      const port = r.record(svc.port, [...path, 'service', 'port']) ?? {};
      const p =
        typeof port.number === 'number' ? port.number : typeof port.name === 'string' ? port.name : undefined;
      if (sname) backends.push({ service: sname, ...(p !== undefined ? { port: p } : {}) });
    } else if (typeof be.serviceName === 'string') {
      // extensions/v1beta1 and networking.k8s.io/v1beta1 Ingress
      const p =
        typeof be.servicePort === 'number' || typeof be.servicePort === 'string' ? be.servicePort : undefined;
      backends.push({ service: be.serviceName, ...(p !== undefined ? { port: p } : {}) });
    }
  };
  addBackend(spec.defaultBackend ?? spec.backend, [
    'spec',
    spec.defaultBackend ? 'defaultBackend' : 'backend',
  ]);
  (r.array(spec.rules, ['spec', 'rules']) ?? []).forEach((rule, i) => {
    const http = r.record(r.record(rule, ['spec', 'rules', i])?.http, ['spec', 'rules', i, 'http']);
    (r.array(http?.paths, ['spec', 'rules', i, 'http', 'paths']) ?? []).forEach((p, j) => {
      addBackend(r.record(p, ['spec', 'rules', i, 'http', 'paths', j])?.backend, [
        'spec',
        'rules',
        i,
        'http',
        'paths',
        j,
        'backend',
      ]);
    });
  });
  if (r.problems.length === 0) {
    b.ingresses.push({ kind: 'Ingress', namespace, name, backends });
    b.count('Ingress');
  }
}

function readRoute(r: Reader, b: SnapshotBuilder, obj: Raw, namespace: string, name: string): void {
  const spec = r.record(obj.spec, ['spec']) ?? {};
  const port = r.record(spec.port, ['spec', 'port']);
  const target =
    port && (typeof port.targetPort === 'number' || typeof port.targetPort === 'string')
      ? port.targetPort
      : undefined;
  const backends: { service: string; port?: number | string }[] = [];
  const add = (v: unknown, path: (string | number)[]): void => {
    const to = r.record(v, path);
    if (!to) return;
    if (to.kind !== undefined && to.kind !== 'Service') return;
    const sname = r.string(to.name, [...path, 'name']);
    if (sname) backends.push({ service: sname, ...(target !== undefined ? { port: target } : {}) });
  };
  add(spec.to, ['spec', 'to']);
  (r.array(spec.alternateBackends, ['spec', 'alternateBackends']) ?? []).forEach((x, i) =>
    add(x, ['spec', 'alternateBackends', i]),
  );
  if (r.problems.length === 0) {
    b.ingresses.push({ kind: 'Route', namespace, name, backends });
    b.count('Route');
  }
}

function readRules<T extends 'from' | 'to'>(
  r: Reader,
  v: unknown,
  field: 'ingress' | 'egress',
  peers: T,
): Array<Partial<Record<T, NetworkPolicyPeer[]>> & { ports?: NetworkPolicyPort[] }> | undefined {
  const list = r.array(v, ['spec', field]);
  if (!list) return undefined;
  return list.map((rule, i) => {
    const path = ['spec', field, i];
    const rr = r.record(rule, path) ?? {};
    r.knownFields(rr, [peers, 'ports'], path);
    const out: Partial<Record<T, NetworkPolicyPeer[]>> & { ports?: NetworkPolicyPort[] } = {};
    const peerList = r.array(rr[peers], [...path, peers]);
    if (peerList) out[peers] = peerList.flatMap((p, j) => readPeer(r, p, [...path, peers, j]) ?? []) as never;
    const ports = r.array(rr.ports, [...path, 'ports']);
    if (ports) out.ports = ports.flatMap((p, j) => readPolicyPort(r, p, [...path, 'ports', j]) ?? []);
    return out;
  });
}

function readNetworkPolicySpec(r: Reader, v: unknown): NetworkPolicySpec | undefined {
  const spec = r.record(v, ['spec']);
  if (!spec) {
    r.problem(['spec'], 'is required');
    return undefined;
  }
  r.knownFields(spec, ['podSelector', 'policyTypes', 'ingress', 'egress'], ['spec']);
  const podSelector = readSelector(r, spec.podSelector, ['spec', 'podSelector']) ?? {};
  const types = r.array(spec.policyTypes, ['spec', 'policyTypes']);
  const policyTypes = types?.flatMap((t, i): ('Ingress' | 'Egress')[] => {
    if (t !== 'Ingress' && t !== 'Egress') {
      r.problem(['spec', 'policyTypes', i], 'must be Ingress or Egress');
      return [];
    }
    return [t];
  });
  const ingress = readRules(r, spec.ingress, 'ingress', 'from') as NetworkPolicyIngressRule[] | undefined;
  const egress = readRules(r, spec.egress, 'egress', 'to') as NetworkPolicyEgressRule[] | undefined;
  return {
    podSelector,
    ...(policyTypes ? { policyTypes } : {}),
    ...(ingress ? { ingress } : {}),
    ...(egress ? { egress } : {}),
  };
}
