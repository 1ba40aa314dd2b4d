// Workload peers: pods grouped by their controlling owner, as netpol-analyzer and a live cluster see them.
import type { Labels } from '../model/kube.js';
import type { ContainerPort, Pod, Snapshot, Workload } from '../model/snapshot.js';

/** One workload (or bare pod) as a reachability peer. */
export interface WorkloadPeer {
  /** Connlist notation "ns/name[Kind]". */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** Deployment, ReplicaSet, ..., or Pod for bare and static pods. */
  readonly kind: string;
  /** Labels policies select: the first pod's labels, or the pod template's. */
  readonly podLabels: Labels;
  /** Container ports of the first pod (or the template), for named-port resolution. */
  readonly ports: readonly ContainerPort[];
  /** Labels of the workload object itself (empty for bare pods). */
  readonly objectLabels: Labels;
  /** Pods seen for it (0 when only the workload object is known). */
  readonly pods: number;
}

const key = (kind: string, ns: string, name: string): string => `${kind}\u0000${ns}\u0000${name}`;

/** Follows ownerReferences up through workload objects present in the snapshot (ReplicaSet -> Deployment). */
function topOwner(
  index: Map<string, Workload>,
  kind: string,
  ns: string,
  name: string,
): { kind: string; name: string; w?: Workload } {
  let cur = { kind, name, w: index.get(key(kind, ns, name)) };
  const seen = new Set<string>();
  while (cur.w?.owner && !seen.has(key(cur.kind, ns, cur.name))) {
    seen.add(key(cur.kind, ns, cur.name));
    const up = index.get(key(cur.w.owner.kind, ns, cur.w.owner.name));
    if (!up) break;
    cur = { kind: up.kind, name: up.name, w: up };
  }
  return cur;
}

/** Kind and name of the peer a pod belongs to, per the connlist rules (Node-owned and kind-less owners give [Pod]). */
function podOwner(index: Map<string, Workload>, pod: Pod): { kind: string; name: string; w?: Workload } {
  const o = pod.owner;
  if (!o || o.kind === 'Node') return { kind: 'Pod', name: pod.name };
  if (o.kind === '') return { kind: 'Pod', name: o.name || pod.name };
  return topOwner(index, o.kind, pod.namespace, o.name);
}

/** Every workload peer of the snapshot, sorted by id. Workload objects without pods use their pod template. */
export function workloadPeers(snapshot: Pick<Snapshot, 'pods' | 'workloads'>): WorkloadPeer[] {
  const index = new Map<string, Workload>();
  for (const w of snapshot.workloads) index.set(key(w.kind, w.namespace, w.name), w);
  const peers = new Map<string, { p: WorkloadPeer; pods: number }>();
  for (const pod of snapshot.pods) {
    const top = podOwner(index, pod);
    const id = `${pod.namespace}/${top.name}[${top.kind}]`;
    const seen = peers.get(id);
    if (seen) seen.pods++;
    else
      peers.set(id, {
        pods: 1,
        p: {
          id,
          namespace: pod.namespace,
          name: top.name,
          kind: top.kind,
          podLabels: pod.labels,
          ports: pod.ports,
          objectLabels: top.w?.labels ?? {},
          pods: 0,
        },
      });
  }
  for (const w of snapshot.workloads) {
    const top = topOwner(index, w.kind, w.namespace, w.name);
    const id = `${w.namespace}/${top.name}[${top.kind}]`;
    if (peers.has(id)) continue;
    const t = top.w ?? w;
    peers.set(id, {
      pods: 0,
      p: {
        id,
        namespace: w.namespace,
        name: top.name,
        kind: top.kind,
        podLabels: t.podLabels,
        ports: t.ports,
        objectLabels: t.labels,
        pods: 0,
      },
    });
  }
  return [...peers.values()]
    .map(({ p, pods }) => ({ ...p, pods }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The peer id ("ns/name[Kind]") of every pod of the snapshot, keyed "ns/pod" (flows name pods, policies workloads). */
export function podPeerIds(snapshot: Pick<Snapshot, 'pods' | 'workloads'>): Map<string, string> {
  const index = new Map<string, Workload>();
  for (const w of snapshot.workloads) index.set(key(w.kind, w.namespace, w.name), w);
  const out = new Map<string, string>();
  for (const pod of snapshot.pods) {
    const top = podOwner(index, pod);
    out.set(`${pod.namespace}/${pod.name}`, `${pod.namespace}/${top.name}[${top.kind}]`);
  }
  return out;
}
