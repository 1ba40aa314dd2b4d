// Which NetworkPolicy rules allowed an observed flow, and which policies denied a dropped one.
import type { Protocol } from '../../model/kube.js';
import { PortSet } from '../port-set.js';
import type { Engine } from '../reachability/engine.js';
import { resolvePorts, ruleMatches, type Endpoint } from '../reachability/rules.js';

export function hasPort(set: PortSet, protocol: Protocol, port: number): boolean {
  return PortSet.range(protocol, port, port).subtract(set).isEmpty();
}

type Dir = 'ingress' | 'egress';

/** Is the flow allowed in one direction of the workload at `self` (true when `self` is outside the cluster)? */
export function directionAllows(
  engine: Engine,
  dir: Dir,
  self: Endpoint,
  peer: Endpoint,
  dst: Endpoint,
  protocol: Protocol,
  port: number,
): boolean {
  if (self.type !== 'class') return true;
  return hasPort(engine.direction(self.c.index, dir, peer, dst), protocol, port);
}

/** The NetworkPolicy rules of `self`'s selecting policies (in `dir`) that match `peer` and the port. */
export function matchingRules(
  engine: Engine,
  dir: Dir,
  self: Endpoint,
  peer: Endpoint,
  dst: Endpoint,
  protocol: Protocol,
  port: number,
): string[] {
  if (self.type !== 'class') return [];
  const nps = (dir === 'ingress' ? engine.npIngress : engine.npEgress)[self.c.index] ?? [];
  const out: string[] = [];
  const rules = [
    ...nps.flatMap((p) => p[dir] ?? []),
    ...(engine.cilium?.allowRules(self.c.index, dir) ?? []),
  ];
  for (const r of rules)
    if (ruleMatches(r, peer) && hasPort(resolvePorts(r.ports, dst), protocol, port)) out.push(r.path);
  return out;
}

/** The policies that decide `self`'s traffic in `dir`: its isolating NetworkPolicies, or the admin tiers. */
export function decidingPolicies(engine: Engine, dir: Dir, self: Endpoint): string[] {
  if (self.type !== 'class') return [];
  const c = self.c.index;
  const nps = ((dir === 'ingress' ? engine.npIngress : engine.npEgress)[c] ?? []).map((p) => p.ref);
  const cilium = engine.cilium?.refs(c, dir) ?? [];
  if (engine.npOnly(c, dir)) return [...nps, ...cilium];
  return [
    ...nps,
    ...cilium,
    ...(engine.calico.applies(c, dir) ? ['Calico policies'] : []),
    ...(engine.hasAdmin(c, dir) ? ['admin network policies'] : []),
  ];
}
