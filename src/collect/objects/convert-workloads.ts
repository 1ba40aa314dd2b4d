// Pods and workload controllers: pod-template labels, named container ports, controlling owners.
import type { ContainerPort, OwnerRef, WorkloadKind } from '../../model/snapshot.js';
import type { SnapshotBuilder } from './builder.js';
import type { Raw, Reader } from './raw.js';
import { readProtocol } from './selectors.js';

export function readOwner(r: Reader, meta: Raw): OwnerRef | undefined {
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

export function readPodIps(status: Raw): string[] {
  const out: string[] = [];
  if (Array.isArray(status.podIPs)) {
    for (const p of status.podIPs)
      if (p && typeof p === 'object' && typeof (p as Raw).ip === 'string') out.push((p as Raw).ip as string);
  }
  if (out.length === 0 && typeof status.podIP === 'string') out.push(status.podIP);
  return out;
}

/** Container ports of a pod spec (containers and init containers), protocol defaulting to TCP. */
export function readContainerPorts(
  r: Reader,
  spec: Raw,
  path: readonly (string | number)[],
): ContainerPort[] {
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

export function readWorkload(
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
