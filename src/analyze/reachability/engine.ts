// Evaluates allowed connections between endpoints: ANP (by priority, first matching rule) -> NetworkPolicy -> BANP.
// With Calico policies selecting a class, that direction runs through Calico tiers instead (calico-tiers.ts).
import type { Snapshot } from '../../model/snapshot.js';
import { PortSet } from '../port-set.js';
import { CalicoLayer } from './calico-tiers.js';
import { CiliumLayer, type L7Part } from './cilium-layer.js';
import { compileAdmins, compileBaselines, type CompiledAdmin } from './compile-admin.js';
import { isCilium } from './compile-cilium.js';
import { compileNetpol, type CompiledNetpol } from './compile-netpol.js';
import { ALL_PORTS, resolvePorts, ruleMatches, type CompiledRule, type Endpoint } from './rules.js';
import { nsHas, type NamespaceSet, type PodClass, type PodSelector, Universe } from './universe.js';

type Dir = 'ingress' | 'egress';

const ANY_RULE: CompiledRule = { peers: [{ kind: 'any' }], ports: ALL_PORTS, path: '', action: 'Allow' };

export class Engine {
  readonly u: Universe;
  readonly netpols: CompiledNetpol[];
  readonly admins: CompiledAdmin[];
  readonly baselines: CompiledAdmin[];
  /** Per class and direction: the NetworkPolicies that select it and isolate it. */
  readonly npIngress: CompiledNetpol[][];
  readonly npEgress: CompiledNetpol[][];
  /** Per class and direction: the ANPs (in precedence order) and BANPs whose subject selects it. */
  readonly anpBy: Record<Dir, CompiledAdmin[][]>;
  readonly banpBy: Record<Dir, CompiledAdmin[][]>;
  /** Calico policies and tiers; when one selects a class, that class's direction is evaluated tier by tier. */
  readonly calico: CalicoLayer;
  /** Cilium policies (allows join the NetworkPolicy layer, denies win over everything); absent when none. */
  readonly cilium: CiliumLayer | undefined;

  /** `universe`: one built from the same workloads, reused when only the policies differ (change impact). */
  constructor(snapshot: Snapshot, universe?: Universe) {
    this.u = universe ?? new Universe(snapshot, snapshot.ingresses.length > 0);
    const u = this.u;
    const n = u.classes.length;
    const lists = <T>(): T[][] => Array.from({ length: n }, () => []);
    this.netpols = [...snapshot.networkPolicies]
      .sort((a, b) => cmp(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`))
      .map((p) => u.memo(p, () => compileNetpol(u, p)));
    this.admins = compileAdmins(u, snapshot.adminNetworkPolicies);
    this.baselines = compileBaselines(u, snapshot.baselineAdminNetworkPolicies);
    this.npIngress = lists();
    this.npEgress = lists();
    for (const p of this.netpols) {
      if (p.ns < 0) continue;
      for (const c of u.classesByNs[p.ns] ?? []) {
        if (!p.selector.matches(u.classes[c] as PodClass)) continue;
        if (p.ingress) (this.npIngress[c] as CompiledNetpol[]).push(p);
        if (p.egress) (this.npEgress[c] as CompiledNetpol[]).push(p);
      }
    }
    this.anpBy = { ingress: lists(), egress: lists() };
    this.banpBy = { ingress: lists(), egress: lists() };
    const place = (list: CompiledAdmin[], by: Record<Dir, CompiledAdmin[][]>): void => {
      for (const a of list)
        for (const c of this.subjectClasses(a.subject)) {
          if (a.ingress.length) (by.ingress[c] as CompiledAdmin[]).push(a);
          if (a.egress.length) (by.egress[c] as CompiledAdmin[]).push(a);
        }
    };
    place(this.admins, this.anpBy);
    place(this.baselines, this.banpBy);
    this.cilium = snapshot.otherPolicies.some(isCilium)
      ? new CiliumLayer(u, snapshot, (s) => this.subjectClasses(s))
      : undefined;
    this.calico = new CalicoLayer(this, snapshot);
  }

  /** Classes selected by (namespaces AND pod selector), enumerated without scanning unrelated namespaces. */
  subjectClasses(s: { ns: NamespaceSet; pod?: PodSelector }): number[] {
    const u = this.u;
    const nss =
      s.ns.type === 'all' ? u.namespaces.map((_, i) => i) : s.ns.type === 'one' ? [s.ns.ns] : s.ns.list;
    const out: number[] = [];
    for (const ns of nss)
      for (const c of u.classesByNs[ns] ?? [])
        if (!s.pod || s.pod.matches(u.classes[c] as PodClass)) out.push(c);
    return out;
  }

  /** Selected in this direction by a NetworkPolicy, a Cilium rule that enables default deny, or a Calico policy. */
  isIsolated(c: number, dir: Dir): boolean {
    return (
      (dir === 'ingress' ? this.npIngress[c] : this.npEgress[c])?.length !== 0 ||
      this.cilium?.isolates(c, dir) === true ||
      this.calico.applies(c, dir)
    );
  }

  /** True when no policy of any kind applies to the class in this direction (everything is allowed). */
  isFree(c: number, dir: Dir): boolean {
    return !this.isIsolated(c, dir) && this.npOnly(c, dir);
  }

  /** Rules that can allow traffic into `c`; a single `any` rule when admin policies make every peer a candidate. */
  ingressRules(c: number): readonly CompiledRule[] {
    return this.rulesFor(c, 'ingress');
  }

  egressRules(c: number): readonly CompiledRule[] {
    return this.rulesFor(c, 'egress');
  }

  private rulesFor(c: number, dir: Dir): readonly CompiledRule[] {
    if (!this.npOnly(c, dir))
      return (this.calico.applies(c, dir) && this.calico.candidateRules(c, dir)) || [ANY_RULE];
    return this.npLayerRules(c, dir);
  }

  /** Allow rules of the NetworkPolicy layer: the NetworkPolicies and Cilium allow rules selecting the class. */
  npLayerRules(c: number, dir: Dir): readonly CompiledRule[] {
    const nps = ((dir === 'ingress' ? this.npIngress[c] : this.npEgress[c]) ?? []).flatMap(
      (p) => p[dir] ?? [],
    );
    const cil = this.cilium?.allowRules(c, dir) ?? [];
    return cil.length ? [...nps, ...cil] : nps;
  }

  /**
   * True when only allow rules of the NetworkPolicy layer (NetworkPolicies, Cilium allows) apply in this
   * direction, so what is allowed is the union of their rules (the fast path).
   */
  npOnly(c: number, dir: Dir): boolean {
    return (
      this.anpBy[dir][c]?.length === 0 &&
      this.banpBy[dir][c]?.length === 0 &&
      this.cilium?.hasDeny(c, dir) !== true &&
      !this.calico.applies(c, dir)
    );
  }

  /** Union of what the selecting NetworkPolicies allow towards/from `peer` (ports resolved at `at`). */
  npAllowed(nps: readonly CompiledNetpol[], dir: Dir, peer: Endpoint, at: Endpoint): PortSet {
    let out = PortSet.empty;
    for (const p of nps)
      for (const r of p[dir] ?? []) {
        if (!ruleMatches(r, peer)) continue;
        out = out.union(resolvePorts(r.ports, at));
        if (out.isAll()) return out;
      }
    return out;
  }

  /** True when the NetworkPolicy layer (NetworkPolicies, Cilium default deny) selects the class in this direction. */
  npIsolates(c: number, dir: Dir): boolean {
    const nps = dir === 'ingress' ? this.npIngress[c] : this.npEgress[c];
    return (nps?.length ?? 0) > 0 || this.cilium?.isolates(c, dir) === true;
  }

  /** True when an AdminNetworkPolicy or the BaselineAdminNetworkPolicy selects the class in this direction. */
  hasAdmin(c: number, dir: Dir): boolean {
    return (this.anpBy[dir][c]?.length ?? 0) > 0 || (this.banpBy[dir][c]?.length ?? 0) > 0;
  }

  /**
   * The NetworkPolicy layer: undefined when nothing there isolates the class (the traffic passes on to the
   * BANP), else the union of what its NetworkPolicies and Cilium allow rules allow.
   */
  npLayer(c: number, dir: Dir, peer: Endpoint, at: Endpoint): PortSet | undefined {
    const nps = (dir === 'ingress' ? this.npIngress[c] : this.npEgress[c]) as CompiledNetpol[];
    const cil = this.cilium;
    if (nps.length === 0 && cil?.isolates(c, dir) !== true) return undefined;
    const out = nps.length ? this.npAllowed(nps, dir, peer, at) : PortSet.empty;
    return cil && !out.isAll() ? out.union(cil.allowed(c, dir, peer, at)) : out;
  }

  /** One direction for the pod class `c`: traffic with `peer`, ports resolved at `at`; Cilium denies win last. */
  direction(c: number, dir: Dir, peer: Endpoint, at: Endpoint): PortSet {
    const out = this.admitted(c, dir, peer, at);
    const cil = this.cilium;
    if (!cil?.hasDeny(c, dir) || out.isEmpty()) return out;
    return out.subtract(cil.denied(c, dir, peer, at));
  }

  /** ANP (by priority, first matching rule) -> NetworkPolicy layer -> BANP. */
  private admitted(c: number, dir: Dir, peer: Endpoint, at: Endpoint): PortSet {
    if (this.calico.applies(c, dir)) return this.calico.direction(c, dir, peer, at);
    if (this.anpBy[dir][c]?.length === 0 && this.banpBy[dir][c]?.length === 0)
      return this.npLayer(c, dir, peer, at) ?? PortSet.all;
    let rem = PortSet.all;
    let allowed = PortSet.empty;
    let passed = PortSet.empty;
    const apply = (rules: readonly CompiledRule[], onPass: (m: PortSet) => void): void => {
      for (const r of rules) {
        if (rem.isEmpty()) return;
        if (!ruleMatches(r, peer)) continue;
        const m = resolvePorts(r.ports, at).intersect(rem);
        if (m.isEmpty()) continue;
        if (r.action === 'Allow') allowed = allowed.union(m);
        else if (r.action === 'Pass') onPass(m);
        rem = rem.subtract(m);
      }
    };
    for (const a of this.anpBy[dir][c] as CompiledAdmin[]) apply(a[dir], (m) => (passed = passed.union(m)));
    rem = rem.union(passed);
    const np = this.npLayer(c, dir, peer, at);
    if (np !== undefined) return allowed.union(rem.intersect(np));
    for (const b of this.banpBy[dir][c] as CompiledAdmin[]) apply(b[dir], () => undefined);
    return allowed.union(rem);
  }

  /** The part of `conns` (src to dst) that only L7-restricted Cilium rules allow, on either side. */
  l7Part(src: Endpoint, dst: Endpoint, conns: PortSet): L7Part | undefined {
    const cil = this.cilium;
    if (!cil?.hasL7 || conns.isEmpty()) return undefined;
    let ports = PortSet.empty;
    const kinds = new Set<string>();
    const add = (c: number, dir: Dir, peer: Endpoint): void => {
      if (!this.isIsolated(c, dir)) return;
      const part = cil.l7Only(c, dir, peer, dst);
      if (!part) return;
      const nps = (dir === 'ingress' ? this.npIngress[c] : this.npEgress[c]) ?? [];
      const plain = nps.length ? this.npAllowed(nps, dir, peer, dst) : PortSet.empty;
      const x = part.ports.subtract(plain).intersect(conns);
      if (x.isEmpty()) return;
      ports = ports.union(x);
      for (const k of part.kinds) kinds.add(k);
    };
    if (src.type === 'class') add(src.c.index, 'egress', dst);
    if (dst.type === 'class') add(dst.c.index, 'ingress', src);
    return ports.isEmpty() ? undefined : { ports, kinds: [...kinds].sort() };
  }

  /** Paths of the NetworkPolicy-layer allow rules (NetworkPolicies, then Cilium) selecting `c` that match one of `eps`. */
  allowPaths(c: number, dir: Dir, eps: readonly Endpoint[]): string[] {
    const rules = [
      ...((dir === 'ingress' ? this.npIngress[c] : this.npEgress[c]) ?? []).flatMap((p) => p[dir] ?? []),
      ...(this.cilium?.allowRules(c, dir) ?? []),
    ];
    return rules.filter((r) => eps.some((ep) => ruleMatches(r, ep))).map((r) => r.path);
  }

  /** Allowed connections from `src` to `dst`: the sender's egress AND the receiver's ingress. */
  conns(src: Endpoint, dst: Endpoint): PortSet {
    let out = PortSet.all;
    if (src.type === 'class') {
      out = this.direction(src.c.index, 'egress', dst, dst);
      if (out.isEmpty()) return out;
    }
    if (dst.type === 'class') out = out.intersect(this.direction(dst.c.index, 'ingress', src, dst));
    return out;
  }

  classEndpoint(c: number): Endpoint {
    return { type: 'class', c: this.u.classes[c] as PodClass };
  }

  hasNs(set: NamespaceSet, ns: number): boolean {
    return nsHas(set, ns);
  }
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
