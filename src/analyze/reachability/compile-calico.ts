// Calico NetworkPolicy / GlobalNetworkPolicy compiled against the universe: which pod classes each selects,
// and its rules as matchers over endpoints (Calico reference: NetworkPolicy, GlobalNetworkPolicy, EntityRule).
import type { Snapshot } from '../../model/snapshot.js';
import { calicoNetworkSets, calicoTiers, type CalicoTier } from '../calico-objects.js';
import {
  calicoRef,
  isCalicoPolicy,
  readCalicoPolicy,
  type CalicoAction,
  type CalicoPolicy,
  type CalicoRule,
} from '../calico-policy.js';
import type { IpSet } from '../ip-blocks.js';
import { ALL_PORTS, type CompiledRule } from './rules.js';
import { CalicoContext, CalicoPorts, EntityMatcher } from './calico-match.js';
import type { Universe } from './universe.js';

type Dir = 'ingress' | 'egress';

export interface CompiledCalicoRule {
  readonly action: CalicoAction;
  /** The other end: the source of an ingress rule, the destination of an egress rule. */
  readonly peer: EntityMatcher;
  /** This endpoint's end: the destination of an ingress rule, the source of an egress rule. */
  readonly self: EntityMatcher;
  readonly ports: CalicoPorts;
  /** "Calico NetworkPolicy ns/name spec.ingress[0]". */
  readonly path: string;
  /** The rule also matches on HTTP or ICMP fields, which this analysis does not model. */
  readonly l7: boolean;
  /** The pods its peer side can match, as the engine's candidate rules hold them (ports left open). */
  readonly candidate: CompiledRule;
}

export interface CompiledCalico {
  readonly policy: CalicoPolicy;
  readonly ref: string;
  readonly tier: CalicoTier;
  /** Pod classes the policy applies to. */
  readonly classes: readonly number[];
  readonly ingress?: readonly CompiledCalicoRule[];
  readonly egress?: readonly CompiledCalicoRule[];
  /** Why the policy is not applied to pods (pre-DNAT / do-not-track policies act on host endpoints only). */
  readonly notAnalysed?: string;
}

function compileRules(
  ctx: CalicoContext,
  p: CalicoPolicy,
  ref: string,
  dir: Dir,
  rules: readonly CalicoRule[],
  scopeNs: number | undefined,
): CompiledCalicoRule[] {
  return rules.map((r, i) => {
    const m = (e: CalicoRule['source']): EntityMatcher => new EntityMatcher(ctx, e, scopeNs, p.namespace);
    const src = m(r.source);
    const dst = m(r.destination);
    const peer = dir === 'ingress' ? src : dst;
    const path = `${ref} spec.${dir}[${i}]`;
    return {
      action: r.action,
      candidate: { peers: [peer.candidatePeer(path)], ports: ALL_PORTS, path, action: 'Allow' as const },
      peer,
      self: dir === 'ingress' ? dst : src,
      ports: new CalicoPorts(r.protocol, r.notProtocol, r.destination.ports, r.destination.notPorts),
      path,
      // IPv6-only rules match no IPv4 traffic; http/icmp matches narrow what the rule matches.
      l7: r.http || r.ipVersion === 6,
    };
  });
}

/** Policies the engine evaluates, sorted as Calico orders them within a tier: `order` (missing last), then name. */
export function compileCalico(
  u: Universe,
  snapshot: Pick<Snapshot, 'otherPolicies'>,
): {
  ctx: CalicoContext;
  tiers: Map<string, CalicoTier>;
  policies: CompiledCalico[];
} {
  const objects = snapshot.otherPolicies;
  const ctx = new CalicoContext(u, calicoNetworkSets(objects));
  const tiers = calicoTiers(objects);
  const policies: CompiledCalico[] = [];
  for (const o of objects) {
    if (!isCalicoPolicy(o)) continue;
    const { policy: p } = readCalicoPolicy(o);
    const ref = calicoRef(p);
    const tier = tiers.get(p.tier) ?? { name: p.tier, defaultAction: 'Deny' as const };
    const scopeNs = p.namespace === undefined ? undefined : (u.nsIndex.get(p.namespace) ?? -1);
    if (p.doNotTrack || p.preDNAT) {
      policies.push({
        policy: p,
        ref,
        tier,
        classes: [],
        notAnalysed: p.doNotTrack ? 'doNotTrack' : 'preDNAT',
      });
      continue;
    }
    const sel = ctx.sel(p.selector);
    const nsSel = p.namespaceSelector ? ctx.sel(p.namespaceSelector) : undefined;
    const classes: number[] = [];
    const nss = scopeNs === undefined ? u.namespaces.map((_, i) => i) : scopeNs >= 0 ? [scopeNs] : [];
    for (const ns of nss) {
      if (nsSel && !nsSel.ns(ns)) continue;
      for (const c of u.classesByNs[ns] ?? []) {
        const pc = u.classes[c];
        // serviceAccountSelector: the snapshot records no service accounts, so such a policy selects no pod.
        if (pc && sel.cls(pc) && !p.serviceAccountSelector) classes.push(c);
      }
    }
    policies.push({
      policy: p,
      ref,
      tier,
      classes,
      ...(p.ingress ? { ingress: compileRules(ctx, p, ref, 'ingress', p.ingress, scopeNs) } : {}),
      ...(p.egress ? { egress: compileRules(ctx, p, ref, 'egress', p.egress, scopeNs) } : {}),
    });
  }
  policies.sort(
    (a, b) =>
      (a.policy.order ?? Infinity) - (b.policy.order ?? Infinity) ||
      cmp(a.policy.name, b.policy.name) ||
      cmp(a.ref, b.ref),
  );
  return { ctx, tiers, policies };
}

/** Address sets a direction's Calico rules name on their peer side. */
export function calicoIpSets(policies: readonly CompiledCalico[], dir: Dir): IpSet[] {
  return policies.flatMap((p) => (p[dir] ?? []).flatMap((r) => r.peer.ipSets()));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
