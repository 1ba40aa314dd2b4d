// Ingress and Route exposure: the {ingress-controller} source reaches a Service's pods on its target ports.
import type { IngressBackend, Service, ServicePort, Snapshot } from '../../model/snapshot.js';
import { matchesSelector } from '../selectors.js';
import { PortSet } from '../port-set.js';
import { resolvePorts, type Endpoint, type PortSpec } from './rules.js';
import type { Engine } from './engine.js';
import type { PodClass } from './universe.js';

/** A workload peer an Ingress or Route sends traffic to, with what the controller may open. */
export interface ExposedPeer {
  readonly peer: number;
  readonly conns: PortSet;
  /** "Ingress/ns/name" or "Route/ns/name", for explanations. */
  readonly via: readonly string[];
}

/** A Service port's target: its targetPort (number or container port name), or its own port when unset. */
function target(sp: ServicePort): PortSpec {
  if (sp.targetPort === undefined) return { fixed: PortSet.range(sp.protocol, sp.port, sp.port), named: [] };
  if (typeof sp.targetPort === 'number')
    return { fixed: PortSet.range(sp.protocol, sp.targetPort, sp.targetPort), named: [] };
  return { fixed: PortSet.empty, named: [{ name: sp.targetPort, protocol: sp.protocol }] };
}

function backendPorts(svc: Service, be: IngressBackend, kind: 'Ingress' | 'Route'): PortSpec[] {
  if (be.port === undefined) return svc.ports.map(target);
  if (typeof be.port === 'string') {
    const byName = svc.ports.filter((p) => p.name === be.port);
    return byName.length ? byName.map(target) : [{ fixed: PortSet.empty, named: [{ name: be.port }] }];
  }
  const n = be.port;
  const byPort = svc.ports.filter((p) =>
    kind === 'Ingress' ? p.port === n : p.targetPort === n || p.port === n,
  );
  return byPort.length ? byPort.map(target) : [{ fixed: PortSet.range('TCP', n, n), named: [] }];
}

/** Every peer behind an Ingress or Route, with the connections the ingress controller gets to it. */
export function exposedPeers(snapshot: Snapshot, engine: Engine): ExposedPeer[] {
  const u = engine.u;
  const found = new Map<number, { conns: PortSet; via: Set<string> }>();
  const services = new Map(snapshot.services.map((s) => [`${s.namespace}/${s.name}`, s]));
  for (const ing of snapshot.ingresses) {
    for (const be of ing.backends) {
      const svc = services.get(`${ing.namespace}/${be.service}`);
      if (!svc?.selector || Object.keys(svc.selector).length === 0) continue;
      const specs = backendPorts(svc, be, ing.kind);
      u.peers.forEach((p, i) => {
        if (
          p.namespace !== ing.namespace ||
          !matchesSelector(p.podLabels, { matchLabels: svc.selector ?? {} })
        )
          return;
        const at: Endpoint = engine.classEndpoint(u.peerClass[i] as number);
        let conns = PortSet.empty;
        for (const ctrl of u.controllerClasses) {
          const src: Endpoint = { type: 'class', c: u.classes[ctrl] as PodClass };
          const allowed = engine.direction(u.peerClass[i] as number, 'ingress', src, at);
          for (const s of specs) conns = conns.union(allowed.intersect(resolvePorts(s, at)));
        }
        const seen = found.get(i) ?? { conns: PortSet.empty, via: new Set<string>() };
        seen.conns = seen.conns.union(conns);
        seen.via.add(`${ing.kind}/${ing.namespace}/${ing.name}`);
        found.set(i, seen);
      });
    }
  }
  return [...found.entries()]
    .sort(([a], [b]) => a - b)
    .map(([peer, v]) => ({ peer, conns: v.conns, via: [...v.via].sort() }));
}
