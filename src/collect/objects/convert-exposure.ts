// Services, Ingresses and OpenShift Routes: what the ingress controller may reach.
import type { SnapshotBuilder } from './builder.js';
import type { Raw, Reader } from './raw.js';
import { readProtocol } from './selectors.js';

export function readService(r: Reader, b: SnapshotBuilder, obj: Raw, namespace: string, name: string): void {
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

export function readIngress(r: Reader, b: SnapshotBuilder, obj: Raw, namespace: string, name: string): void {
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

export function readRoute(r: Reader, b: SnapshotBuilder, obj: Raw, namespace: string, name: string): void {
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
