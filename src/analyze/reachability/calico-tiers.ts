// Calico's tiered evaluation for one endpoint and direction (Calico reference "Tier", "How policy is
// evaluated"): tiers by order; in a tier, policies by order then name; the first Allow or Deny decides,
// Pass goes to the next tier, Log goes on; a tier that selects the endpoint and decides nothing applies its
// defaultAction (Deny unless Pass). Admin network policies sit in their own tier at order 1,000, Kubernetes
// NetworkPolicies in the default tier (1,000,000) at order 1000, the baseline in its tier at 10,000,000.
// Traffic that passes every tier, or that no tier selects, reaches the namespace profile, which allows it.
import type { Snapshot } from '../../model/snapshot.js';
import {
  ADMIN_TIER,
  ADMIN_TIER_NAMES,
  BASELINE_TIER,
  BASELINE_TIER_NAMES,
  DEFAULT_TIER,
  type CalicoTier,
} from '../calico-objects.js';
import { PortSet } from '../port-set.js';
import type { CompiledAdmin } from './compile-admin.js';
import type { CalicoContext } from './calico-match.js';
import { calicoIpSets, compileCalico, type CompiledCalico } from './compile-calico.js';
import { resolvePorts, ruleMatches, type CompiledRule, type Endpoint } from './rules.js';
import type { Universe } from './universe.js';
import type { IpSet } from '../ip-blocks.js';

type Dir = 'ingress' | 'egress';

/** One step of a tier: a Calico policy, the Kubernetes NetworkPolicies as one allow-only unit, or an (B)ANP. */
type Unit =
  | { readonly kind: 'calico'; readonly order: number; readonly name: string; readonly p: CompiledCalico }
  | { readonly kind: 'netpol'; readonly order: number; readonly name: string }
  | { readonly kind: 'admin'; readonly order: number; readonly name: string; readonly a: CompiledAdmin };

interface TierPlan {
  readonly tier: CalicoTier;
  readonly units: readonly Unit[];
}

/** The other policy layers the Calico tiers interleave with, as the engine holds them per class. */
export interface LayerSource {
  readonly u: Universe;
  readonly anpBy: Record<Dir, CompiledAdmin[][]>;
  readonly banpBy: Record<Dir, CompiledAdmin[][]>;
  /** Whether NetworkPolicies (or Cilium default deny) select the class: the layer's unit in the default tier. */
  npIsolates(c: number, dir: Dir): boolean;
  /** That layer's allow rules (for candidate peers). */
  npLayerRules(c: number, dir: Dir): readonly CompiledRule[];
  /** What that layer allows (NetworkPolicies and Cilium allow rules together). */
  npLayer(c: number, dir: Dir, peer: Endpoint, at: Endpoint): PortSet | undefined;
}

export class CalicoLayer {
  readonly policies: readonly CompiledCalico[];
  readonly ctx: CalicoContext;
  /** Per direction and class: the Calico policies that select it (in evaluation order). */
  private readonly by: Record<Dir, (CompiledCalico[] | undefined)[]> = { ingress: [], egress: [] };
  private readonly plans: Record<Dir, (TierPlan[] | undefined)[]> = { ingress: [], egress: [] };
  private readonly cands: Record<Dir, (readonly CompiledRule[] | null | undefined)[]> = {
    ingress: [],
    egress: [],
  };

  constructor(
    private readonly src: LayerSource,
    snapshot: Pick<Snapshot, 'otherPolicies'>,
  ) {
    const compiled = compileCalico(src.u, snapshot);
    this.policies = compiled.policies;
    this.ctx = compiled.ctx;
    for (const p of this.policies)
      for (const dir of ['ingress', 'egress'] as const) {
        if (!p[dir]) continue;
        for (const c of p.classes) (this.by[dir][c] ??= []).push(p);
      }
  }

  /** True when a Calico policy selects the class in this direction (so the tiered evaluation runs). */
  applies(c: number, dir: Dir): boolean {
    return this.by[dir][c] !== undefined;
  }

  /** Calico policies selecting the class in this direction. */
  selecting(c: number, dir: Dir): readonly CompiledCalico[] {
    return this.by[dir][c] ?? [];
  }

  ipSets(dir: Dir): IpSet[] {
    return calicoIpSets(this.policies, dir);
  }

  private plan(c: number, dir: Dir): TierPlan[] {
    const known = this.plans[dir][c];
    if (known) return known;
    const tiers = new Map<string, { tier: CalicoTier; units: Unit[] }>();
    const add = (tier: CalicoTier, unit: Unit): void => {
      const t = tiers.get(tier.name) ?? { tier, units: [] };
      t.units.push(unit);
      tiers.set(tier.name, t);
    };
    for (const p of this.by[dir][c] ?? []) {
      const tier = ADMIN_TIER_NAMES.has(p.tier.name)
        ? ADMIN_TIER
        : BASELINE_TIER_NAMES.has(p.tier.name)
          ? BASELINE_TIER
          : p.tier;
      add(tier, { kind: 'calico', order: p.policy.order ?? Infinity, name: p.policy.name, p });
    }
    if (this.src.npIsolates(c, dir)) add(DEFAULT_TIER, { kind: 'netpol', order: 1000, name: 'knp.default' });
    for (const a of this.src.anpBy[dir][c] ?? [])
      add(ADMIN_TIER, { kind: 'admin', order: a.priority, name: a.ref, a });
    for (const b of this.src.banpBy[dir][c] ?? [])
      add(BASELINE_TIER, { kind: 'admin', order: 1000, name: b.ref, a: b });
    const out = [...tiers.values()].sort(
      (x, y) => (x.tier.order ?? Infinity) - (y.tier.order ?? Infinity) || cmp(x.tier.name, y.tier.name),
    );
    for (const t of out) t.units.sort((x, y) => x.order - y.order || cmp(x.name, y.name));
    this.plans[dir][c] = out;
    return out;
  }

  /**
   * Rules whose peers include every peer the class may be allowed to talk with in this direction (an
   * over-approximation that lets pair enumeration skip the rest); undefined when that may be anyone, i.e.
   * when the last tier can pass traffic on to the namespace profile.
   */
  candidateRules(c: number, dir: Dir): readonly CompiledRule[] | undefined {
    const known = this.cands[dir][c];
    if (known !== undefined) return known ?? undefined;
    const out = this.computeCandidates(c, dir);
    this.cands[dir][c] = out ?? null;
    return out;
  }

  /**
   * True when a single tier, made of NetworkPolicies and Calico rules that only Allow (or Log), decides the
   * direction: then every peer a candidate rule matches is allowed something (the candidates' ports are open).
   */
  allowOnly(c: number, dir: Dir): boolean {
    if (!this.applies(c, dir)) return false;
    const plan = this.plan(c, dir);
    return (
      plan.length === 1 &&
      plan[0]?.tier.defaultAction === 'Deny' &&
      plan[0].units.every(
        (u) =>
          u.kind === 'netpol' ||
          (u.kind === 'calico' && (u.p[dir] ?? []).every((r) => r.action === 'Allow' || r.action === 'Log')),
      )
    );
  }

  private computeCandidates(c: number, dir: Dir): readonly CompiledRule[] | undefined {
    const plan = this.plan(c, dir);
    const self = this.src.u.classes[c];
    if (!self) return undefined;
    const selfEp: Endpoint = { type: 'class', c: self };
    const last = plan[plan.length - 1];
    if (!last || last.tier.defaultAction === 'Pass') return undefined;
    const passes = last.units.some((u) =>
      u.kind === 'calico'
        ? (u.p[dir] ?? []).some((r) => r.action === 'Pass')
        : u.kind === 'admin' && u.a[dir].some((r) => r.action === 'Pass'),
    );
    if (passes) return undefined;
    const out: CompiledRule[] = [];
    for (const t of plan)
      for (const u of t.units) {
        if (u.kind === 'netpol') out.push(...this.src.npLayerRules(c, dir));
        else if (u.kind === 'admin') out.push(...u.a[dir].filter((r) => r.action === 'Allow'));
        else
          for (const r of u.p[dir] ?? [])
            // A rule whose own side misses this pod, or (ingress) whose ports miss it, allows it nothing.
            if (
              r.action === 'Allow' &&
              r.self.matches(selfEp) &&
              (dir === 'egress' || !r.ports.at(selfEp).isEmpty())
            )
              out.push(r.candidate);
      }
    return out;
  }

  /** Ports allowed in one direction for class `c` with `peer` (ports resolved at the destination `at`). */
  direction(c: number, dir: Dir, peer: Endpoint, at: Endpoint, why?: string[]): PortSet {
    const self = this.src.u.classes[c];
    if (!self) return PortSet.empty;
    const selfEp: Endpoint = { type: 'class', c: self };
    let rem = PortSet.all;
    let allowed = PortSet.empty;
    for (const t of this.plan(c, dir)) {
      let passed = PortSet.empty;
      const take = (action: string, ports: PortSet, path: string): void => {
        const m = ports.intersect(rem);
        if (m.isEmpty()) return;
        if (action === 'Log') return;
        if (action === 'Allow') why?.push(path);
        if (action === 'Allow') allowed = allowed.union(m);
        else if (action === 'Pass') passed = passed.union(m);
        rem = rem.subtract(m);
      };
      for (const unit of t.units) {
        if (rem.isEmpty()) break;
        if (unit.kind === 'netpol')
          take(
            'Allow',
            this.src.npLayer(c, dir, peer, at) ?? PortSet.empty,
            'the NetworkPolicies selecting it (default tier, order 1000)',
          );
        else if (unit.kind === 'admin') {
          for (const r of unit.a[dir])
            if (ruleMatches(r, peer)) take(r.action, resolvePorts(r.ports, at), r.path);
        } else
          for (const r of unit.p[dir] ?? [])
            if (r.peer.matches(peer) && r.self.matches(selfEp)) take(r.action, r.ports.at(at), r.path);
      }
      if (t.tier.defaultAction === 'Pass') passed = passed.union(rem);
      rem = passed;
      if (rem.isEmpty()) break;
    }
    if (why && !rem.isEmpty())
      why.push('the namespace profile (every Calico tier selecting it passed the traffic on)');
    return allowed.union(rem);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
