// Which classes can possibly talk to which, read off the rules: lets summaries and expansions skip pod squares.
import type { Engine } from './engine.js';
import { resolvePorts, type PeerMatcher } from './rules.js';

export class Candidates {
  /** 1 when no policy of any kind applies to the class in that direction. */
  readonly eFree: Uint8Array;
  readonly iFree: Uint8Array;
  private readonly peerCache = new Map<PeerMatcher, number[]>();
  private readonly targetsByPolicies = new Map<string, Set<number> | null>();
  private readonly targetsByClass = new Map<number, Set<number> | null>();

  constructor(private readonly engine: Engine) {
    const n = engine.u.classes.length;
    this.eFree = new Uint8Array(n);
    this.iFree = new Uint8Array(n);
    for (let c = 0; c < n; c++) {
      this.eFree[c] = engine.isFree(c, 'egress') ? 1 : 0;
      this.iFree[c] = engine.isFree(c, 'ingress') ? 1 : 0;
    }
  }

  /** Classes the peers can match (may repeat); undefined when one of them matches every class. */
  peerClasses(peers: readonly PeerMatcher[]): number[] | undefined {
    const out: number[] = [];
    for (const p of peers) {
      if (p.kind === 'any') return undefined;
      if (p.kind !== 'pods') continue;
      let list = this.peerCache.get(p);
      if (!list) {
        list = this.engine.subjectClasses(p);
        this.peerCache.set(p, list);
      }
      for (const c of list) out.push(c);
    }
    return out;
  }

  /**
   * Sources that may reach the ingress-isolated class `d` (may repeat; undefined: any class). With only
   * NetworkPolicies on `d`, every listed source is allowed on the ingress side (`sure` is true).
   */
  ingressSources(d: number): { list: number[] | undefined; sure: boolean } {
    const e = this.engine;
    const dEp = e.classEndpoint(d);
    // Sure also when one Calico tier of allow rules (and NetworkPolicies) decides alone, without denies.
    const npOnly =
      e.npOnly(d, 'ingress') ||
      (e.calico.allowOnly(d, 'ingress') && e.cilium?.hasDeny(d, 'ingress') !== true);
    const rules = npOnly
      ? e.ingressRules(d).filter((r) => !resolvePorts(r.ports, dEp).isEmpty())
      : e.ingressRules(d);
    const list: number[] = [];
    for (const r of rules) {
      const c = this.peerClasses(r.peers);
      if (!c) return { list: undefined, sure: false };
      for (const x of c) list.push(x);
    }
    return { list, sure: npOnly };
  }

  /** Classes the egress rules of `s` can match (null: any class), shared by classes with equal policy sets. */
  egressTargets(s: number): Set<number> | null {
    const known = this.targetsByClass.get(s);
    if (known !== undefined) return known;
    let t: Set<number> | null = null;
    if (this.engine.npOnly(s, 'egress')) {
      const k = [
        ...(this.engine.npEgress[s] ?? []).map((p) => p.ref),
        ...(this.engine.cilium?.allowRules(s, 'egress') ?? []).map((r) => r.path),
      ].join('\u0000');
      const shared = this.targetsByPolicies.get(k);
      if (shared !== undefined) t = shared;
      else {
        const c = this.peerClasses(this.engine.egressRules(s).flatMap((r) => r.peers));
        t = c ? new Set(c) : null;
        this.targetsByPolicies.set(k, t);
      }
    } else if (this.engine.calico.applies(s, 'egress')) {
      // Shared by classes the same Calico policies, NetworkPolicies and admin policies select.
      const e = this.engine;
      const k = [
        'calico',
        ...e.calico.selecting(s, 'egress').map((p) => p.ref),
        ...(e.npEgress[s] ?? []).map((p) => p.ref),
        ...(e.cilium?.allowRules(s, 'egress') ?? []).map((r) => r.path),
        ...(e.anpBy.egress[s] ?? []).map((a) => a.ref),
        ...(e.banpBy.egress[s] ?? []).map((a) => a.ref),
      ].join('\u0000');
      const shared = this.targetsByPolicies.get(k);
      if (shared !== undefined) t = shared;
      else {
        const c = this.peerClasses(e.egressRules(s).flatMap((r) => r.peers));
        t = c ? new Set(c) : null;
        this.targetsByPolicies.set(k, t);
      }
    }
    this.targetsByClass.set(s, t);
    return t;
  }

  /** False when the egress rules of `s` cannot match `d` at all (so the pair is denied). */
  mayReach(s: number, d: number): boolean {
    return this.eFree[s] === 1 || this.egressTargets(s)?.has(d) !== false;
  }
}
