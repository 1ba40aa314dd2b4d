// Equivalence classes of pods: one class per (namespace, pod labels, named ports). Selectors run per class.
import type { LabelSelector, Labels } from '../../model/kube.js';
import type { ContainerPort, Snapshot } from '../../model/snapshot.js';
import { workloadPeers, type WorkloadPeer } from '../peers.js';
import { matchesSelector, namespaceLabels, selectorKey } from '../selectors.js';

export interface NamespaceEntry {
  readonly name: string;
  /** With the implicit kubernetes.io/metadata.name label. */
  readonly labels: Labels;
  /** A namespace made up to stand for the ingress controller (never shown as a peer). */
  readonly synthetic: boolean;
}

/** Pods that every selector treats alike: same namespace, same labels, same named ports. */
export interface PodClass {
  readonly index: number;
  readonly ns: number;
  readonly labels: Labels;
  /** Same id for equal label sets, to memoise pod-selector results across namespaces. */
  readonly labelsId: number;
  readonly ports: readonly ContainerPort[];
  /** Workload peers in this class (indices into Universe.peers); empty for the synthetic controller. */
  readonly peers: number[];
}

/** Pod selector compiled once: results memoised per distinct label set. */
export class PodSelector {
  private readonly memo = new Map<number, boolean>();
  constructor(readonly selector: LabelSelector) {}
  matches(c: PodClass): boolean {
    let m = this.memo.get(c.labelsId);
    if (m === undefined) {
      m = matchesSelector(c.labels, this.selector);
      this.memo.set(c.labelsId, m);
    }
    return m;
  }
}

/** A set of namespaces: all of them, one, or a membership table shared by identical selectors. */
export type NamespaceSet =
  | { readonly type: 'all' }
  | { readonly type: 'one'; readonly ns: number }
  | { readonly type: 'some'; readonly has: Uint8Array; readonly list: readonly number[] };

export function nsHas(set: NamespaceSet, ns: number): boolean {
  return set.type === 'all' ? true : set.type === 'one' ? set.ns === ns : set.has[ns] === 1;
}

/** The namespaces the ingress controller is assumed to run in, with their well-known labels. */
export const INGRESS_CONTROLLER_NAMESPACES: readonly { name: string; labels: Labels }[] = [
  {
    name: 'openshift-ingress-operator',
    labels: {
      'namespace.name': 'openshift-ingress-operator',
      'network.openshift.io/policy-group': 'ingress',
    },
  },
  { name: 'ingress-nginx', labels: { tier: 'ingress', 'app.kubernetes.io/part-of': 'ingress-nginx' } },
];

export class Universe {
  readonly peers: WorkloadPeer[];
  readonly namespaces: NamespaceEntry[] = [];
  readonly nsIndex = new Map<string, number>();
  readonly classes: PodClass[] = [];
  readonly classesByNs: number[][] = [];
  /** Class of each peer. */
  readonly peerClass: Int32Array;
  /** Classes standing for the ingress controller (no peers). */
  readonly controllerClasses: number[] = [];
  private readonly labelIds = new Map<string, number>();
  private readonly podSelectors = new Map<string, PodSelector>();
  private readonly nsSets = new Map<string, NamespaceSet>();
  private readonly nsByLabel = new Map<string, number[]>();
  private readonly compiled = new WeakMap<object, unknown>();

  constructor(snapshot: Pick<Snapshot, 'namespaces' | 'pods' | 'workloads'>, withController: boolean) {
    this.peers = workloadPeers(snapshot);
    for (const ns of snapshot.namespaces) this.addNamespace(ns.name, namespaceLabels(ns), false);
    for (const p of this.peers)
      this.addNamespace(p.namespace, namespaceLabels({ name: p.namespace, labels: {} }), false);
    this.peerClass = new Int32Array(this.peers.length);
    const byKey = new Map<string, number>();
    this.peers.forEach((p, i) => {
      const ns = this.nsIndex.get(p.namespace) as number;
      const named = p.ports.filter((x) => x.name).map((x) => `${x.name}/${x.protocol}/${x.containerPort}`);
      const lk = labelsKey(p.podLabels);
      const k = `${ns}\u0000${lk}\u0000${named.join(',')}`;
      let c = byKey.get(k);
      if (c === undefined) {
        c = this.addClass(ns, p.podLabels, lk, p.ports);
        byKey.set(k, c);
      }
      (this.classes[c] as PodClass).peers.push(i);
      this.peerClass[i] = c;
    });
    if (withController) {
      for (const n of INGRESS_CONTROLLER_NAMESPACES) {
        const ns = this.addNamespace(n.name, namespaceLabels(n), true);
        this.controllerClasses.push(this.addClass(ns, {}, labelsKey({}), []));
      }
    }
    this.namespaces.forEach((n, i) => {
      for (const [k, v] of Object.entries(n.labels)) {
        const lk = `${k}=${v}`;
        const list = this.nsByLabel.get(lk);
        if (list) list.push(i);
        else this.nsByLabel.set(lk, [i]);
      }
    });
  }

  private addNamespace(name: string, labels: Labels, synthetic: boolean): number {
    const seen = this.nsIndex.get(name);
    if (seen !== undefined) return seen;
    const i = this.namespaces.length;
    this.namespaces.push({ name, labels, synthetic });
    this.nsIndex.set(name, i);
    this.classesByNs.push([]);
    return i;
  }

  private addClass(ns: number, labels: Labels, lk: string, ports: readonly ContainerPort[]): number {
    let labelsId = this.labelIds.get(lk);
    if (labelsId === undefined) {
      labelsId = this.labelIds.size;
      this.labelIds.set(lk, labelsId);
    }
    const index = this.classes.length;
    this.classes.push({ index, ns, labels, labelsId, ports, peers: [] });
    (this.classesByNs[ns] as number[]).push(index);
    return index;
  }

  /**
   * What `make` builds from `key` against this universe, built once: engines that share a universe (one
   * per desired state when assessing changes) compile an unchanged policy object only once.
   */
  memo<T>(key: object, make: () => T): T {
    if (this.compiled.has(key)) return this.compiled.get(key) as T;
    const v = make();
    this.compiled.set(key, v);
    return v;
  }

  podSelector(sel: LabelSelector): PodSelector {
    const k = selectorKey(sel);
    let s = this.podSelectors.get(k);
    if (!s) {
      s = new PodSelector(sel);
      this.podSelectors.set(k, s);
    }
    return s;
  }

  /** Namespaces a namespaceSelector selects, using a label index to avoid scanning every namespace. */
  namespaceSet(sel: LabelSelector): NamespaceSet {
    const k = selectorKey(sel);
    const seen = this.nsSets.get(k);
    if (seen) return seen;
    const ml = Object.entries(sel.matchLabels ?? {});
    let set: NamespaceSet;
    if (ml.length === 0 && (sel.matchExpressions ?? []).length === 0) set = { type: 'all' };
    else {
      let candidates: readonly number[] | undefined;
      for (const [lk, lv] of ml) {
        const c = this.nsByLabel.get(`${lk}=${lv}`) ?? [];
        if (!candidates || c.length < candidates.length) candidates = c;
      }
      const list = (candidates ?? this.namespaces.map((_, i) => i)).filter((i) =>
        matchesSelector((this.namespaces[i] as NamespaceEntry).labels, sel),
      );
      const has = new Uint8Array(this.namespaces.length);
      for (const i of list) has[i] = 1;
      set = { type: 'some', has, list };
    }
    this.nsSets.set(k, set);
    return set;
  }
}

function labelsKey(l: Labels): string {
  return JSON.stringify(Object.entries(l).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
