// The pods a probe can use: one running pod with an IP per workload peer, and the ports worth trying at each.
import type { Protocol } from '../../model/kube.js';
import type { ProbePod } from '../../model/probes.js';
import type { Snapshot } from '../../model/snapshot.js';
import { podPeerIds } from '../peers.js';
import type { Engine } from '../reachability/engine.js';
import type { Endpoint } from '../reachability/rules.js';
import type { PodClass } from '../reachability/universe.js';

/** A workload peer with the pod that stands for it in probes. */
export interface ProbeTarget {
  readonly peer: number;
  readonly id: string;
  readonly namespace: string;
  readonly pod: ProbePod & { readonly ip: string };
  readonly endpoint: Endpoint & { readonly type: 'class' };
  /** Ports to try at this destination: declared container ports first, then ports its policies name. */
  readonly ports: readonly { readonly protocol: Protocol; readonly port: number }[];
}

/** At most this many ports are tried per destination. */
const MAX_PORTS = 8;
const PROTOCOL_ORDER: Readonly<Record<Protocol, number>> = { TCP: 0, UDP: 1, SCTP: 2 };

/** IPv4 first (agnhost's `ip:port` form needs no brackets), else the first address. */
function address(ips: readonly string[]): string | undefined {
  return ips.find((ip) => !ip.includes(':')) ?? ips[0];
}

function candidatePorts(engine: Engine, c: PodClass): { protocol: Protocol; port: number }[] {
  const out: { protocol: Protocol; port: number }[] = [];
  const seen = new Set<string>();
  const add = (protocol: Protocol, port: number): void => {
    const k = `${protocol}/${port}`;
    if (seen.has(k) || out.length >= MAX_PORTS) return;
    seen.add(k);
    out.push({ protocol, port });
  };
  const declared = [...c.ports].sort(
    (a, b) => PROTOCOL_ORDER[a.protocol] - PROTOCOL_ORDER[b.protocol] || a.containerPort - b.containerPort,
  );
  for (const p of declared) add(p.protocol, p.containerPort);
  // Ports the destination's own ingress rules name (a whole-protocol range names no port).
  for (const np of engine.npIngress[c.index] ?? [])
    for (const r of np.ingress ?? [])
      for (const proto of ['TCP', 'UDP', 'SCTP'] as const)
        for (const range of r.ports.fixed.ranges(proto))
          if (range.to - range.from < 65534) add(proto, range.from);
  return out;
}

/** Every workload peer with a Running pod that has an IP, sorted by peer id; the pod is the first by name. */
export function probeTargets(snapshot: Snapshot, engine: Engine): ProbeTarget[] {
  const peerOfPod = podPeerIds(snapshot);
  const index = new Map<string, number>();
  engine.u.peers.forEach((p, i) => index.set(p.id, i));
  const chosen = new Map<number, { name: string; ip: string }>();
  for (const pod of snapshot.pods) {
    if (pod.phase !== 'Running') continue;
    const ip = address(pod.ips ?? []);
    if (!ip) continue;
    const i = index.get(peerOfPod.get(`${pod.namespace}/${pod.name}`) ?? '');
    if (i === undefined) continue;
    const seen = chosen.get(i);
    if (!seen || pod.name < seen.name) chosen.set(i, { name: pod.name, ip });
  }
  return [...chosen.entries()]
    .map(([i, pod]): ProbeTarget => {
      const p = engine.u.peers[i]!;
      const c = engine.u.classes[engine.u.peerClass[i]!]!;
      return {
        peer: i,
        id: p.id,
        namespace: p.namespace,
        pod: { namespace: p.namespace, pod: pod.name, workload: p.id, ip: pod.ip },
        endpoint: { type: 'class', c },
        ports: candidatePorts(engine, c),
      };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
