// Evaluates allowed connections between endpoints: ANP (by priority, first matching rule) -> NetworkPolicy -> BANP.
import type { Snapshot } from '../../model/snapshot.js';
import { PortSet } from '../port-set.js';
import { compileAdmins, compileBaselines, type CompiledAdmin } from './compile-admin.js';
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
  private readonly anpBy: Record<Dir, CompiledAdmin[][]>;
  private readonly banpBy: Record<Dir, CompiledAdmin[][]>;

  constructor(snapshot: Snapshot) {
    this.u = new Universe(snapshot, snapshot.ingresses.length > 0);
    const u = this.u;
    const n = u.classes.length;
    const lists = <T>(): T[][] => Array.from({ length: n }, () => []);
    this.netpols = [...snapshot.networkPolicies]
      .sort((a, b) => cmp(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`))
      .map((p) => compileNetpol(u, p));
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

  isIsolated(c: number, dir: Dir): boolean {
    return (dir === 'ingress' ? this.npIngress[c] : this.npEgress[c])?.length !== 0;
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
    if (!this.npOnly(c, dir)) return [ANY_RULE];
    return ((dir === 'ingress' ? this.npIngress[c] : this.npEgress[c]) ?? []).flatMap((p) => p[dir] ?? []);
  }

  /** True when only NetworkPolicies apply in this direction (the fast path). */
  npOnly(c: number, dir: Dir): boolean {
    return this.anpBy[dir][c]?.length === 0 && this.banpBy[dir][c]?.length === 0;
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

  /** One direction for the pod class `c`: traffic with `peer`, ports resolved at `at`. */
  direction(c: number, dir: Dir, peer: Endpoint, at: Endpoint): PortSet {
    const nps = (dir === 'ingress' ? this.npIngress[c] : this.npEgress[c]) as CompiledNetpol[];
    if (this.npOnly(c, dir)) return nps.length === 0 ? PortSet.all : this.npAllowed(nps, dir, peer, at);
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
    if (nps.length > 0) return allowed.union(rem.intersect(this.npAllowed(nps, dir, peer, at)));
    for (const b of this.banpBy[dir][c] as CompiledAdmin[]) apply(b[dir], () => undefined);
    return allowed.union(rem);
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
