// Matching Calico selectors, entity rules and ports against the universe's pod classes and outside blocks.
import type { Labels, Protocol } from '../../model/kube.js';
import type { CalicoNetworkSet } from '../calico-objects.js';
import { netsOf } from '../calico-objects.js';
import type { CalicoEntity, CalicoPort } from '../calico-policy.js';
import { calicoSelectorKey, matchesCalico, type CalicoSelector } from '../calico-selector.js';
import { containsRange, type IpSet } from '../ip-blocks.js';
import { PortSet, PROTOCOLS } from '../port-set.js';
import type { Endpoint, PeerMatcher } from './rules.js';
import { PodSelector, type NamespaceSet, type PodClass, type Universe } from './universe.js';

/** A pod selector that asks an entity matcher (Calico selectors see implicit, per-namespace labels). */
class EntityPodSelector extends PodSelector {
  constructor(private readonly m: EntityMatcher) {
    super({});
  }
  override matches(c: PodClass): boolean {
    return this.m.matches({ type: 'class', c });
  }
}

/** Labels Calico gives a pod's workload endpoint besides its own (WorkloadEndpoint conversion). */
export const CALICO_NAMESPACE_LABEL = 'projectcalico.org/namespace';
export const CALICO_ORCHESTRATOR_LABEL = 'projectcalico.org/orchestrator';
/** Label Calico gives a namespace (profile) so namespaceSelectors can pick one by name. */
export const CALICO_NAME_LABEL = 'projectcalico.org/name';

/** A selector compiled once, with results memoised per pod class and per namespace. */
export class CalicoSel {
  /** 0 unknown, 1 no, 2 yes: per pod class and per namespace. */
  private readonly byClass: Uint8Array;
  private readonly byNs: Uint8Array;
  constructor(
    readonly sel: CalicoSelector,
    private readonly ctx: CalicoContext,
  ) {
    this.byClass = new Uint8Array(ctx.u.classes.length);
    this.byNs = new Uint8Array(ctx.u.namespaces.length);
  }
  cls(c: PodClass): boolean {
    let m = this.byClass[c.index];
    if (!m) {
      m = matchesCalico(this.sel, this.ctx.classLabels(c)) ? 2 : 1;
      this.byClass[c.index] = m;
    }
    return m === 2;
  }
  ns(ns: number): boolean {
    let m = this.byNs[ns];
    if (!m) {
      m = matchesCalico(this.sel, this.ctx.nsLabels(ns)) ? 2 : 1;
      this.byNs[ns] = m;
    }
    return m === 2;
  }
  labels(l: Labels, global = false): boolean {
    return matchesCalico(this.sel, l, global);
  }
}

/** What compiling Calico objects shares: the universe, network sets and memoised selectors. */
export class CalicoContext {
  private readonly sels = new Map<string, CalicoSel>();
  private readonly nsSets = new Map<string, NamespaceSet>();
  private readonly cLabels: (Labels | undefined)[] = [];
  private readonly nLabels: (Labels | undefined)[] = [];
  constructor(
    readonly u: Universe,
    readonly sets: readonly CalicoNetworkSet[],
  ) {}
  /** Namespaces a namespaceSelector matches, memoised per selector. */
  nsSet(s: CalicoSel): NamespaceSet {
    const k = calicoSelectorKey(s.sel);
    let out = this.nsSets.get(k);
    if (!out) {
      const list = this.u.namespaces.map((_, i) => i).filter((i) => s.ns(i));
      const has = new Uint8Array(this.u.namespaces.length);
      for (const i of list) has[i] = 1;
      out = { type: 'some', has, list };
      this.nsSets.set(k, out);
    }
    return out;
  }

  sel(s: CalicoSelector): CalicoSel {
    const k = calicoSelectorKey(s);
    let out = this.sels.get(k);
    if (!out) {
      out = new CalicoSel(s, this);
      this.sels.set(k, out);
    }
    return out;
  }
  classLabels(c: PodClass): Labels {
    let l = this.cLabels[c.index];
    if (!l) {
      const ns = this.u.namespaces[c.ns]?.name ?? '';
      l = { ...c.labels, [CALICO_NAMESPACE_LABEL]: ns, [CALICO_ORCHESTRATOR_LABEL]: 'k8s' };
      this.cLabels[c.index] = l;
    }
    return l;
  }
  nsLabels(ns: number): Labels {
    let l = this.nLabels[ns];
    if (!l) {
      const e = this.u.namespaces[ns];
      l = { ...(e?.labels ?? {}), [CALICO_NAME_LABEL]: e?.name ?? '' };
      this.nLabels[ns] = l;
    }
    return l;
  }
}

/**
 * A source or destination of a Calico rule. Every field present must match (Calico "EntityRule"). Pod
 * addresses are taken to lie outside every `nets`/`notNets` range (pods match by selector, outside blocks
 * by address), the same reading the analysis gives Kubernetes ipBlocks.
 */
export class EntityMatcher {
  private readonly sel?: CalicoSel;
  private readonly notSel?: CalicoSel;
  private readonly nsSel?: CalicoSel;
  private readonly nets?: IpSet;
  private readonly notNets?: IpSet;
  readonly ignoredNets: string[] = [];

  /** `scopeNs`: the namespace index of a namespaced policy (its selectors' default scope); undefined for global. */
  constructor(
    private readonly ctx: CalicoContext,
    readonly e: CalicoEntity,
    private readonly scopeNs: number | undefined,
    private readonly scopeName: string | undefined,
  ) {
    if (e.selector) this.sel = ctx.sel(e.selector);
    if (e.notSelector) this.notSel = ctx.sel(e.notSelector);
    if (e.namespaceSelector) this.nsSel = ctx.sel(e.namespaceSelector);
    if (e.nets) this.nets = this.addrs(e.nets);
    if (e.notNets) this.notNets = this.addrs(e.notNets);
  }

  private addrs(list: readonly string[]): IpSet {
    const { set, ignored } = netsOf(list);
    this.ignoredNets.push(...ignored);
    return set;
  }

  /** The pods this side can match, as a peer the engine's candidate enumeration understands. */
  candidatePeer(path: string): PeerMatcher {
    const e = this.e;
    if (this.nets || e.services || e.serviceAccounts || e.domains) return { kind: 'none', path };
    if (!this.sel && !this.nsSel && !this.notSel) return { kind: 'any' };
    const ns: NamespaceSet = this.nsSel
      ? this.ctx.nsSet(this.nsSel)
      : this.sel && this.scopeNs !== undefined
        ? { type: 'one', ns: this.scopeNs }
        : { type: 'all' };
    return { kind: 'pods', ns, pod: new EntityPodSelector(this), path };
  }

  /** The address sets this side names (to split the outside world at their edges). */
  ipSets(): IpSet[] {
    const out = [this.nets, this.notNets].filter((s): s is IpSet => s !== undefined);
    if (this.sel || this.nsSel || this.notSel) for (const s of this.ctx.sets) out.push(s.nets);
    return out;
  }

  matches(ep: Endpoint): boolean {
    if (ep.type === 'ip') return this.matchesBlock(ep);
    // No memo here: the selectors behind it memoise per class, and a table per matcher would cost
    // (classes x rules) bytes on a large cluster.
    return this.matchesClass(ep.c);
  }

  private inScope(ns: number): boolean {
    if (this.nsSel) return this.nsSel.ns(ns);
    return this.scopeNs === undefined || this.scopeNs === ns;
  }

  private matchesClass(c: PodClass): boolean {
    if (this.nets) return false;
    if (this.e.services || this.e.serviceAccounts || this.e.domains) return false;
    const scoped = this.inScope(c.ns);
    if ((this.sel || this.nsSel) && !scoped) return false;
    if (this.sel && !this.sel.cls(c)) return false;
    if (this.notSel && scoped && this.notSel.cls(c)) return false;
    return true;
  }

  private setInScope(s: CalicoNetworkSet): boolean {
    if (this.nsSel) {
      if (s.namespace === undefined) return this.nsSel.labels({}, true);
      const ns = this.ctx.u.nsIndex.get(s.namespace);
      return ns !== undefined && this.nsSel.ns(ns);
    }
    return this.scopeName === undefined || s.namespace === this.scopeName;
  }

  private matchesBlock(ep: Endpoint & { type: 'ip' }): boolean {
    if (this.nets && !containsRange(this.nets, ep.block)) return false;
    if (this.notNets && containsRange(this.notNets, ep.block)) return false;
    if (this.e.services || this.e.serviceAccounts || this.e.domains) return false;
    if (this.sel || this.nsSel) {
      const hit = this.ctx.sets.some(
        (s) =>
          this.setInScope(s) &&
          containsRange(s.nets, ep.block) &&
          (!this.sel || this.sel.labels(s.labels, s.namespace === undefined)),
      );
      if (!hit) return false;
    }
    if (this.notSel) {
      const sel = this.notSel;
      const hit = this.ctx.sets.some(
        (s) =>
          this.setInScope(s) &&
          containsRange(s.nets, ep.block) &&
          sel.labels(s.labels, s.namespace === undefined),
      );
      if (hit) return false;
    }
    return true;
  }
}

/** Calico `protocol`: a name or an IANA number; only TCP (6), UDP (17) and SCTP (132) carry ports here. */
export function calicoProtocol(v: string | number): Protocol | undefined {
  if (typeof v === 'number' || /^\d+$/.test(v)) {
    const n = Number(v);
    return n === 6 ? 'TCP' : n === 17 ? 'UDP' : n === 132 ? 'SCTP' : undefined;
  }
  const u = v.toUpperCase();
  return u === 'TCP' || u === 'UDP' || u === 'SCTP' ? u : undefined;
}

/** Destination ports of a rule: protocol AND ports AND NOT notPorts, named ports resolved per destination. */
export class CalicoPorts {
  private readonly protos: readonly Protocol[];
  private readonly base: PortSet;
  private readonly posFixed?: PortSet;
  private readonly negFixed?: PortSet;
  private readonly posNamed: readonly string[];
  private readonly negNamed: readonly string[];

  constructor(
    protocol: string | number | undefined,
    notProtocol: string | number | undefined,
    ports?: readonly CalicoPort[],
    notPorts?: readonly CalicoPort[],
  ) {
    let protos =
      protocol === undefined ? [...PROTOCOLS] : [calicoProtocol(protocol)].filter((p): p is Protocol => !!p);
    if (notProtocol !== undefined) protos = protos.filter((p) => p !== calicoProtocol(notProtocol));
    this.protos = protos;
    this.base = protos.reduce((s, p) => s.union(PortSet.protocol(p)), PortSet.empty);
    const fixed = (list: readonly CalicoPort[]): PortSet =>
      list.reduce(
        (s, x) =>
          'from' in x && x.to >= 1
            ? protos.reduce((t, p) => t.union(PortSet.range(p, Math.max(1, x.from), x.to)), s)
            : s,
        PortSet.empty,
      );
    const named = (list: readonly CalicoPort[] | undefined): string[] =>
      (list ?? []).flatMap((x) => ('name' in x ? [x.name] : []));
    if (ports) this.posFixed = fixed(ports);
    if (notPorts) this.negFixed = fixed(notPorts);
    this.posNamed = named(ports);
    this.negNamed = named(notPorts);
  }

  private named(names: readonly string[], at: Endpoint): PortSet {
    let out = PortSet.empty;
    if (names.length === 0 || at.type !== 'class') return out;
    for (const cp of at.c.ports)
      if (cp.name && names.includes(cp.name) && this.protos.includes(cp.protocol))
        out = out.union(PortSet.range(cp.protocol, cp.containerPort, cp.containerPort));
    return out;
  }

  at(dst: Endpoint): PortSet {
    let out = this.posFixed ? this.posFixed.union(this.named(this.posNamed, dst)) : this.base;
    if (this.negFixed) out = out.subtract(this.negFixed.union(this.named(this.negNamed, dst)));
    return out;
  }
}
