// Maps the ends of observed flows to the snapshot: a workload peer (by workload, pod, pod-name prefix, pod IP
// or labels, in that order), an address outside the cluster, or "unknown".
import { parseIpv4 } from '../../model/cidr.js';
import type { FlowEndpoint } from '../../model/flows.js';
import type { Snapshot } from '../../model/snapshot.js';
import { podPeerIds, type WorkloadPeer } from '../peers.js';
import type { Engine } from '../reachability/engine.js';
import type { Endpoint } from '../reachability/rules.js';
import type { PodClass } from '../reachability/universe.js';

export type ResolvedEnd =
  | { readonly kind: 'peer'; readonly peer: number; readonly id: string; readonly endpoint: Endpoint }
  | { readonly kind: 'external'; readonly id: string; readonly endpoint: Endpoint }
  | { readonly kind: 'unknown' };

export class FlowResolver {
  private readonly byId = new Map<string, number>();
  private readonly byNs = new Map<string, number[]>();
  private readonly byPod: Map<string, string>;
  private readonly byIp = new Map<string, string>();
  private readonly cache = new Map<string, ResolvedEnd>();

  constructor(
    private readonly engine: Engine,
    snapshot: Snapshot,
  ) {
    engine.u.peers.forEach((p, i) => {
      this.byId.set(p.id, i);
      const list = this.byNs.get(p.namespace);
      if (list) list.push(i);
      else this.byNs.set(p.namespace, [i]);
    });
    this.byPod = podPeerIds(snapshot);
    for (const pod of snapshot.pods)
      for (const ip of pod.ips ?? [])
        this.byIp.set(ip, this.byPod.get(`${pod.namespace}/${pod.name}`) as string);
  }

  /** Resolved once per distinct end (the aggregates share ends). */
  resolve(e: FlowEndpoint, key: string): ResolvedEnd {
    let r = this.cache.get(key);
    if (!r) {
      r = this.find(e);
      this.cache.set(key, r);
    }
    return r;
  }

  private peer(i: number | undefined): ResolvedEnd | undefined {
    if (i === undefined) return undefined;
    const p = this.engine.u.peers[i] as WorkloadPeer;
    const c = this.engine.u.classes[this.engine.u.peerClass[i] as number] as PodClass;
    return { kind: 'peer', peer: i, id: p.id, endpoint: { type: 'class', c } };
  }

  private find(e: FlowEndpoint): ResolvedEnd {
    const ns = e.namespace;
    if (ns !== undefined) {
      const hit =
        (e.workload ? this.peer(this.byId.get(`${ns}/${e.workload.name}[${e.workload.kind}]`)) : undefined) ??
        (e.pod ? this.peer(this.byId.get(this.byPod.get(`${ns}/${e.pod}`) ?? '')) : undefined) ??
        ((e.pod ?? e.podPrefix)
          ? this.peer(this.byPodName(ns, (e.pod ?? e.podPrefix) as string))
          : undefined) ??
        (e.ip ? this.peer(this.byId.get(this.byIp.get(e.ip) ?? '')) : undefined) ??
        (e.labels ? this.peer(this.byLabels(ns, e.labels)) : undefined);
      if (hit) return hit;
      return { kind: 'unknown' };
    }
    if (e.ip) {
      const inCluster = this.peer(this.byId.get(this.byIp.get(e.ip) ?? ''));
      if (inCluster) return inCluster;
      const n = parseIpv4(e.ip);
      if (n !== undefined) {
        const v = Number(n);
        return {
          kind: 'external',
          id: `${e.ip}[External]`,
          endpoint: { type: 'ip', block: { first: v, last: v } },
        };
      }
    }
    return { kind: 'unknown' };
  }

  /** A pod not in the snapshot: the workload whose name, plus "-", begins the pod's name (the longest one). */
  private byPodName(ns: string, pod: string): number | undefined {
    let best: number | undefined;
    let len = 0;
    for (const i of this.byNs.get(ns) ?? []) {
      const name = (this.engine.u.peers[i] as WorkloadPeer).name;
      if (name.length > len && pod.startsWith(`${name}-`)) {
        best = i;
        len = name.length;
      }
    }
    return best;
  }

  /** The peer of the namespace whose pod labels are all among the flow's labels (the most specific one). */
  private byLabels(ns: string, labels: Readonly<Record<string, string>>): number | undefined {
    let best: number | undefined;
    let size = 0;
    for (const i of this.byNs.get(ns) ?? []) {
      const pl = Object.entries((this.engine.u.peers[i] as WorkloadPeer).podLabels);
      if (pl.length > size && pl.every(([k, v]) => labels[k] === v)) {
        best = i;
        size = pl.length;
      }
    }
    return best;
  }
}
