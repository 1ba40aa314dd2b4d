// Observed flows compared with what the policies allow (pure): outcome per connection-initiating flow,
// enforcement seen per policy, rule hits, unused rules and unobserved allowed paths.
import type {
  EnforcementSeen,
  FlowAggregate,
  FlowObservations,
  FlowPath,
  FlowsSection,
} from '../../model/flows.js';
import type { Protocol } from '../../model/kube.js';
import type { Snapshot } from '../../model/snapshot.js';
import type { Reachability } from '../reachability/index.js';
import { decidingPolicies, directionAllows, matchingRules } from './attribute.js';
import { endpointText, PathTally } from './paths.js';
import { FlowResolver } from './resolve.js';
import { unobservedPaths } from './unobserved.js';

/** At most this many paths per list (totals are kept); examples per enforcing policy. */
export const MAX_LISTED_PATHS = 100;
export const MAX_EXAMPLES = 5;

export type FlowOutcome = 'allowedForwarded' | 'unenforced' | 'droppedAllowed' | 'enforced';

const key = (e: FlowAggregate['src']): string => JSON.stringify(e);

export interface FlowComparison {
  readonly section: FlowsSection;
  /** Every path of each finding outcome (the section lists the first ones). */
  readonly unenforced: readonly FlowPath[];
  readonly droppedAllowed: readonly FlowPath[];
}

/** Compares every aggregate with the analysis; `reach` is the snapshot's reachability (class level). */
export function compareFlows(snapshot: Snapshot, reach: Reachability, obs: FlowObservations): FlowComparison {
  const engine = reach.engine;
  const resolver = new FlowResolver(engine, snapshot);
  const byVerdict = { forwarded: 0, policyDropped: 0, otherDropped: 0 };
  const byOutcome = { allowedForwarded: 0, unenforced: 0, droppedAllowed: 0, enforced: 0 };
  let flows = 0;
  let replies = 0;
  let notComparable = 0;
  let unresolved = 0;
  const unresolvedExamples = new Set<string>();
  const hits = new Map<string, number>();
  const observedPairs = new Set<string>();
  const unenforced = new PathTally();
  const droppedAllowed = new PathTally();
  const enforcement = new Map<
    string,
    { e: Omit<EnforcementSeen, 'examples' | 'flows'>; flows: number; ex: PathTally }
  >();
  let from: string | undefined;
  let to: string | undefined;
  for (const p of engine.netpols)
    for (const r of [...(p.ingress ?? []), ...(p.egress ?? [])]) hits.set(r.path, 0);
  for (const p of engine.cilium?.policies ?? [])
    for (const r of p.rules) for (const x of [...r.ingress.allow, ...r.egress.allow]) hits.set(x.path, 0);

  for (const a of obs.aggregates) {
    flows += a.flows;
    if (a.firstSeen && (from === undefined || a.firstSeen < from)) from = a.firstSeen;
    if (a.lastSeen && (to === undefined || a.lastSeen > to)) to = a.lastSeen;
    if (a.verdict === 'forwarded') byVerdict.forwarded += a.flows;
    else if (a.verdict === 'policy-dropped') byVerdict.policyDropped += a.flows;
    else byVerdict.otherDropped += a.flows;
    if (a.reply) {
      replies += a.flows;
      continue;
    }
    if (a.verdict === 'other-dropped') continue;
    // Traffic between a pod and its own node is always allowed (NetworkPolicy API reference).
    if (!a.protocol || a.port === undefined || a.src.host || a.dst.host) {
      notComparable += a.flows;
      continue;
    }
    const s = resolver.resolve(a.src, key(a.src));
    const d = resolver.resolve(a.dst, key(a.dst));
    if (s.kind === 'unknown' || d.kind === 'unknown') {
      unresolved += a.flows;
      for (const [r, e] of [
        [s, a.src],
        [d, a.dst],
      ] as const)
        if (r.kind === 'unknown' && unresolvedExamples.size < 20) unresolvedExamples.add(endpointText(e));
      continue;
    }
    if (s.kind === 'external' && d.kind === 'external') {
      notComparable += a.flows;
      continue;
    }
    const proto: Protocol = a.protocol;
    const egressOk = directionAllows(engine, 'egress', s.endpoint, d.endpoint, d.endpoint, proto, a.port);
    const ingressOk = directionAllows(engine, 'ingress', d.endpoint, s.endpoint, d.endpoint, proto, a.port);
    const allowed = egressOk && ingressOk;
    const path: FlowPath = {
      src: s.id,
      dst: d.id,
      protocol: proto,
      port: a.port,
      flows: a.flows,
      ...(a.firstSeen ? { firstSeen: a.firstSeen } : {}),
      ...(a.lastSeen ? { lastSeen: a.lastSeen } : {}),
    };
    const forwarded = a.verdict === 'forwarded';
    if (forwarded && allowed) {
      byOutcome.allowedForwarded += a.flows;
      observedPairs.add(`${s.id}\u0000${d.id}`);
      for (const r of [
        ...matchingRules(engine, 'egress', s.endpoint, d.endpoint, d.endpoint, proto, a.port),
        ...matchingRules(engine, 'ingress', d.endpoint, s.endpoint, d.endpoint, proto, a.port),
      ])
        hits.set(r, (hits.get(r) ?? 0) + a.flows);
    } else if (forwarded) {
      byOutcome.unenforced += a.flows;
      unenforced.add(path);
    } else if (allowed) {
      byOutcome.droppedAllowed += a.flows;
      droppedAllowed.add(path);
    } else {
      byOutcome.enforced += a.flows;
      const denied: ['egress' | 'ingress', string[]][] = [];
      if (!egressOk) denied.push(['egress', decidingPolicies(engine, 'egress', s.endpoint)]);
      if (!ingressOk) denied.push(['ingress', decidingPolicies(engine, 'ingress', d.endpoint)]);
      for (const [direction, policies] of denied)
        for (const policy of policies) {
          const k = `${policy}\u0000${direction}`;
          let e = enforcement.get(k);
          if (!e) {
            e = { e: { policy, direction }, flows: 0, ex: new PathTally() };
            enforcement.set(k, e);
          }
          e.flows += a.flows;
          e.ex.add(path);
        }
    }
  }

  const ruleHits = [...hits.entries()]
    .map(([rule, n]) => ({ rule, hits: n }))
    .sort((x, y) => (x.rule < y.rule ? -1 : x.rule > y.rule ? 1 : 0));
  const section: FlowsSection = {
    sources: obs.sources,
    window: { ...(from ? { from } : {}), ...(to ? { to } : {}) },
    counts: {
      flows,
      records: obs.records,
      malformed: obs.malformed,
      otherEvents: obs.otherEvents,
      byVerdict,
      replies,
      notComparable,
      unresolved,
      byOutcome,
    },
    unenforced: unenforced.listed(MAX_LISTED_PATHS),
    droppedAllowed: droppedAllowed.listed(MAX_LISTED_PATHS),
    enforcement: [...enforcement.values()]
      .map((x) => ({ ...x.e, flows: x.flows, examples: x.ex.listed(MAX_EXAMPLES).items }))
      .sort(
        (x, y) =>
          y.flows - x.flows ||
          (x.policy < y.policy ? -1 : x.policy > y.policy ? 1 : 0) ||
          (x.direction < y.direction ? -1 : 1),
      ),
    ruleHits,
    unusedRules: ruleHits.filter((r) => r.hits === 0).map((r) => r.rule),
    unobserved: unobservedPaths(reach, observedPairs, MAX_LISTED_PATHS),
    unresolvedExamples: [...unresolvedExamples].sort(),
  };
  return {
    section,
    unenforced: unenforced.listed(Infinity).items,
    droppedAllowed: droppedAllowed.listed(Infinity).items,
  };
}
