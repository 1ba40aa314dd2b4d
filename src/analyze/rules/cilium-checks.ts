// The Cilium side of policy-selects-nothing, peer-matches-nothing and allow-all-rule: same checks, CRD paths.
import type { Finding, ResourceRef } from '../../model/finding.js';
import type { CiliumRule, CompiledCilium } from '../reachability/compile-cilium.js';
import type { PeerMatcher } from '../reachability/rules.js';
import { isEmptySelector } from '../selectors.js';
import { finding, type RuleContext } from './context.js';
import { pairsFrom, pairsInto } from './pairs.js';

export function ciliumResource(p: CompiledCilium): ResourceRef {
  const x = p.policy;
  return { kind: x.kind, ...(x.namespace !== undefined ? { namespace: x.namespace } : {}), name: x.name };
}

/** Classes with workloads that a Cilium rule's endpointSelector selects. */
function selected(ctx: RuleContext, r: CompiledCilium['rules'][number]): number[] {
  const e = ctx.reach.engine;
  return r.subject ? e.subjectClasses(r.subject).filter((c) => e.u.classes[c]!.peers.length > 0) : [];
}

/** Policies none of whose rules selects a workload (node-only rules are named elsewhere, as not analysed). */
export function ciliumSelectsNothing(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.reach.engine.cilium?.policies ?? []) {
    const withSubject = p.rules.filter((r) => r.subject);
    if (withSubject.length === 0 || withSubject.some((r) => selected(ctx, r).length > 0)) continue;
    out.push(
      finding('policy-selects-nothing', 'low', ciliumResource(p), {
        message: `${p.ref} selects no workload, so it protects nothing.`,
        explanation: withSubject
          .map(
            (r) =>
              `${r.path}.endpointSelector matches no pod or pod template${p.policy.namespace !== undefined ? ` in namespace ${p.policy.namespace}` : ''}`,
          )
          .join('; '),
        remediation:
          'Fix the endpointSelector labels (a typo is the usual cause) or delete the policy if the workload is gone.',
      }),
    );
  }
  return out;
}

/** Pod peers (fromEndpoints, toEndpoints, toServices) of Cilium rules that match no workload. */
export function ciliumDeadPeers(ctx: RuleContext): { resource: ResourceRef; ref: string; paths: string[] }[] {
  const e = ctx.reach.engine;
  return (e.cilium?.policies ?? []).map((p) => ({
    resource: ciliumResource(p),
    ref: p.ref,
    paths: p.rules.flatMap((r) =>
      [...r.ingress.allow, ...r.ingress.deny, ...r.egress.allow, ...r.egress.deny].flatMap((x) =>
        x.peers.flatMap((m) =>
          m.kind === 'pods' && !e.subjectClasses(m).some((c) => e.u.classes[c]!.peers.length > 0)
            ? [`${m.path}: no pod matches`]
            : [],
        ),
      ),
    ),
  }));
}

/** Why a Cilium peer lets everything through, or undefined. */
function broad(m: PeerMatcher): string | undefined {
  if (m.kind === 'any')
    return 'matches every peer inside and outside the cluster (no peer field, or entity all)';
  if (m.kind === 'ip' && m.set.length === 1 && m.set[0]!.first === 0 && m.set[0]!.last === 0xffffffff)
    return 'matches every outside address (world or 0.0.0.0/0)';
  if (m.kind === 'pods' && m.ns.type === 'all' && (!m.pod || isEmptySelector(m.pod.selector)))
    return 'matches every pod in every namespace';
  return undefined;
}

/** Cilium allow rules that admit any source or destination: one finding per policy, like NetworkPolicies. */
export function ciliumAllowAll(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.reach.engine.cilium?.policies ?? []) {
    const reasons: string[] = [];
    let ingress = false;
    const hits: { classes: number[]; rules: CiliumRule[]; dir: 'ingress' | 'egress' }[] = [];
    for (const r of p.rules)
      for (const dir of ['ingress', 'egress'] as const) {
        const rules = r[dir].allow.filter((x) =>
          x.peers.some((m) => {
            const why = broad(m);
            if (why) reasons.push(`${m.kind === 'any' ? x.path : m.path}: ${why}`);
            return why !== undefined;
          }),
        );
        if (rules.length === 0) continue;
        if (dir === 'ingress') ingress = true;
        hits.push({ classes: selected(ctx, r), rules, dir });
      }
    if (reasons.length === 0) continue;
    const first = hits.find((h) => h.dir === (ingress ? 'ingress' : 'egress'))!;
    const pairs = ingress
      ? pairsInto(ctx, first.classes, first.rules)
      : pairsFrom(ctx, first.classes, first.rules);
    out.push(
      finding(
        'allow-all-rule',
        ingress ? 'high' : 'medium',
        ciliumResource(p),
        {
          message: `${p.ref} has a rule that allows ${ingress ? 'any source' : 'any destination'}; it reaches ${pairs.complete ? '' : 'at least '}${pairs.sample.count} pairs.`,
          explanation: [...new Set(reasons)].join('; '),
          remediation:
            'Replace the catch-all peer with the endpoints (fromEndpoints/toEndpoints), entities or CIDRs that really need access, and list toPorts.',
        },
        pairs.sample,
      ),
    );
  }
  return out;
}
