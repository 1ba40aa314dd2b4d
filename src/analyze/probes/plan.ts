// Derives a probe plan from the analysis (pure, deterministic): per NetworkPolicy rule a few connections it
// should allow, per namespace pair a few the policies allow and a few they deny (default deny included),
// interleaved breadth-first and cut at --max-probes.
import type { Protocol } from '../../model/kube.js';
import {
  PROBE_PLAN_KIND,
  PROBE_SCHEMA_VERSION,
  type PlannedProbe,
  type ProbePlan,
} from '../../model/probes.js';
import type { Snapshot } from '../../model/snapshot.js';
import { decidingPolicies, directionAllows, hasPort, matchingRules } from '../flows/attribute.js';
import type { PortSet } from '../port-set.js';
import type { Reachability } from '../reachability/index.js';
import type { CompiledNetpol } from '../reachability/compile-netpol.js';
import { resolvePorts, ruleMatches, type CompiledRule } from '../reachability/rules.js';
import { probeTargets, type ProbeTarget } from './targets.js';

export interface PlanOptions {
  readonly maxProbes: number;
  /** Candidates taken from each rule or namespace pair before the next round ("a few"). */
  readonly perGroup?: number;
  readonly createdAt: Date;
}

export const DEFAULT_MAX_PROBES = 50;
export const DEFAULT_PER_GROUP = 2;

type Candidate = Omit<PlannedProbe, 'id'>;
type Group = Generator<Candidate, void, undefined>;

class Planner {
  private readonly memo = new Map<string, PortSet>();
  constructor(private readonly reach: Reachability) {}

  /** What the policies allow from `s` to `d` (egress of s AND ingress of d), memoised per class pair. */
  conns(s: ProbeTarget, d: ProbeTarget): PortSet {
    const k = `${s.endpoint.c.index}:${d.endpoint.c.index}`;
    let ps = this.memo.get(k);
    if (!ps) {
      ps = this.reach.engine.conns(s.endpoint, d.endpoint);
      this.memo.set(k, ps);
    }
    return ps;
  }

  probe(s: ProbeTarget, d: ProbeTarget, protocol: Protocol, port: number, allow: boolean): Candidate {
    return {
      from: { namespace: s.pod.namespace, pod: s.pod.pod, workload: s.id },
      to: d.pod,
      protocol,
      port,
      expect: allow ? 'allow' : 'deny',
      reason: allow ? this.allowReason(s, d, protocol, port) : this.denyReason(s, d, protocol, port),
    };
  }

  private allowReason(s: ProbeTarget, d: ProbeTarget, protocol: Protocol, port: number): string {
    const e = this.reach.engine;
    const rules = [
      ...matchingRules(e, 'egress', s.endpoint, d.endpoint, d.endpoint, protocol, port),
      ...matchingRules(e, 'ingress', d.endpoint, s.endpoint, d.endpoint, protocol, port),
    ];
    if (rules.length) return `allowed by ${rules.join(', ')}`;
    return e.npOnly(s.endpoint.c.index, 'egress') && e.npOnly(d.endpoint.c.index, 'ingress')
      ? 'allowed: no policy isolates either end'
      : 'allowed by admin network policies';
  }

  private denyReason(s: ProbeTarget, d: ProbeTarget, protocol: Protocol, port: number): string {
    const e = this.reach.engine;
    const parts: string[] = [];
    if (!directionAllows(e, 'egress', s.endpoint, d.endpoint, d.endpoint, protocol, port))
      parts.push(this.side('egress', s, d));
    if (!directionAllows(e, 'ingress', d.endpoint, s.endpoint, d.endpoint, protocol, port))
      parts.push(this.side('ingress', d, s));
    return `denied: ${parts.join('; ')}`;
  }

  /** "ingress of ns/web[Deployment] (ns/deny-all; default deny: no rule admits ns/x[Deployment])". */
  private side(dir: 'ingress' | 'egress', self: ProbeTarget, peer: ProbeTarget): string {
    const e = this.reach.engine;
    const policies = decidingPolicies(e, dir, self.endpoint);
    const nps = (dir === 'ingress' ? e.npIngress : e.npEgress)[self.endpoint.c.index] ?? [];
    const any = nps.some((p) => (p[dir] ?? []).some((r) => ruleMatches(r, peer.endpoint)));
    const how = any
      ? `no rule allows this port ${dir === 'ingress' ? 'from' : 'to'} ${peer.id}`
      : 'default deny';
    return `${dir} of ${self.id} (${policies.join(', ')}; ${how})`;
  }
}

/** The first port of a set, TCP before UDP before SCTP. */
function firstPort(ps: PortSet): { protocol: Protocol; port: number } | undefined {
  for (const protocol of ['TCP', 'UDP', 'SCTP'] as const) {
    const r = ps.ranges(protocol)[0];
    if (r) return { protocol, port: r.from };
  }
  return undefined;
}

/** A port of `ok` at destination `d`: one it declares or its policies name, else the set's first port. */
function pickPort(ok: PortSet, d: ProbeTarget): { protocol: Protocol; port: number } | undefined {
  return d.ports.find((p) => hasPort(ok, p.protocol, p.port)) ?? firstPort(ok);
}

function* ruleGroup(
  pl: Planner,
  targets: readonly ProbeTarget[],
  np: CompiledNetpol,
  dir: 'ingress' | 'egress',
  rule: CompiledRule,
  engine: Reachability['engine'],
): Group {
  const selected = targets.filter((t) =>
    ((dir === 'ingress' ? engine.npIngress : engine.npEgress)[t.endpoint.c.index] ?? []).includes(np),
  );
  const used = new Set<number>();
  for (const self of selected)
    for (const other of targets) {
      if (other.peer === self.peer) continue;
      const [s, d] = dir === 'ingress' ? [other, self] : [self, other];
      if (!ruleMatches(rule, other.endpoint) || used.has(other.peer)) continue;
      const ok = resolvePorts(rule.ports, d.endpoint).intersect(pl.conns(s, d));
      const p = pickPort(ok, d);
      if (!p) continue;
      used.add(other.peer);
      yield { ...pl.probe(s, d, p.protocol, p.port, true), rule: rule.path };
    }
}

function* pairGroup(
  pl: Planner,
  srcs: readonly ProbeTarget[],
  dsts: readonly ProbeTarget[],
  allow: boolean,
): Group {
  for (const s of srcs)
    for (const d of dsts) {
      if (s.peer === d.peer) continue;
      const ok = pl.conns(s, d);
      const p = d.ports.find((x) => hasPort(ok, x.protocol, x.port) === allow);
      if (p) yield pl.probe(s, d, p.protocol, p.port, allow);
    }
}

/** One round over groups: each yields at most one new candidate, taken in group order on demand. */
class Round {
  private i = 0;
  constructor(
    private readonly groups: readonly Group[],
    private readonly keys: Set<string>,
  ) {}

  next(): Candidate | undefined {
    while (this.i < this.groups.length) {
      const g = this.groups[this.i++]!;
      for (let n = g.next(); !n.done; n = g.next()) {
        const c = n.value;
        const k = `${c.from.namespace}/${c.from.pod}>${c.to.namespace}/${c.to.pod}/${c.protocol}/${c.port}`;
        if (this.keys.has(k)) continue;
        this.keys.add(k);
        return c;
      }
    }
    return undefined;
  }
}

/** Takes one candidate per group per round (`perGroup` rounds), allowed and denied alternating, up to max + 1. */
function interleave(allow: Group[], deny: Group[], perGroup: number, max: number): Candidate[] {
  const out: Candidate[] = [];
  const keys = new Set<string>();
  for (let round = 0; round < perGroup; round++) {
    const a = new Round(allow, keys);
    const d = new Round(deny, keys);
    for (let more = true; more && out.length <= max;) {
      const x = a.next();
      const y = out.length + (x ? 1 : 0) <= max ? d.next() : undefined;
      for (const c of [x, y]) if (c) out.push(c);
      more = x !== undefined || y !== undefined;
    }
  }
  return out;
}

/** The plan for `snapshot`: real running pods, destinations by pod IP, expectations from the analysis. */
export function planProbes(snapshot: Snapshot, reach: Reachability, o: PlanOptions): ProbePlan {
  const engine = reach.engine;
  const targets = probeTargets(snapshot, engine);
  const pl = new Planner(reach);
  const byNs = new Map<string, ProbeTarget[]>();
  for (const t of targets) byNs.set(t.namespace, [...(byNs.get(t.namespace) ?? []), t]);
  const namespaces = [...byNs.keys()].sort();
  const allow: Group[] = [];
  const deny: Group[] = [];
  for (const np of engine.netpols)
    for (const dir of ['ingress', 'egress'] as const)
      for (const r of np[dir] ?? []) allow.push(ruleGroup(pl, targets, np, dir, r, engine));
  for (const a of namespaces)
    for (const b of namespaces) {
      deny.push(pairGroup(pl, byNs.get(a)!, byNs.get(b)!, false));
      allow.push(pairGroup(pl, byNs.get(a)!, byNs.get(b)!, true));
    }
  const found = interleave(allow, deny, o.perGroup ?? DEFAULT_PER_GROUP, o.maxProbes);
  const probes = found.slice(0, o.maxProbes);
  const width = String(Math.max(probes.length, 1)).length;
  return {
    kind: PROBE_PLAN_KIND,
    schemaVersion: PROBE_SCHEMA_VERSION,
    createdAt: o.createdAt.toISOString(),
    source: { type: snapshot.source.type, name: snapshot.source.name },
    maxProbes: o.maxProbes,
    truncated: found.length > o.maxProbes,
    unprobeableWorkloads: engine.u.peers.length - targets.length,
    probes: probes.map((p, i) => ({ id: `p${String(i + 1).padStart(width, '0')}`, ...p })),
  };
}
