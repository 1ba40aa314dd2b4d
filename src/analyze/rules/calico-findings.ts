// The policy-level finding rules for Calico NetworkPolicy / GlobalNetworkPolicy: a policy that selects no
// workload, rule selectors that match nothing, and rules that allow every source or destination. Each
// explanation names the Calico kind, the policy and the rule index.
import type { Finding, ResourceRef } from '../../model/finding.js';
import { catchAll } from '../calico-default-deny.js';
import type { CalicoEntity } from '../calico-policy.js';
import { calicoSelectorKey } from '../calico-selector.js';
import type { CompiledCalico } from '../reachability/compile-calico.js';
import type { Engine } from '../reachability/engine.js';
import { finding, type RuleContext } from './context.js';
import { pairsFrom, pairsInto } from './pairs.js';

type Dir = 'ingress' | 'egress';

export function calicoResource(p: CompiledCalico): ResourceRef {
  const pol = p.policy;
  return {
    kind: `${pol.kind}.projectcalico.org`,
    ...(pol.namespace !== undefined ? { namespace: pol.namespace } : {}),
    name: pol.name,
  };
}

const live = (e: Engine, classes: readonly number[]): boolean =>
  classes.some((c) => e.u.classes[c]!.peers.length > 0);

/** policy-selects-nothing for Calico policies (pre-DNAT / do-not-track ones act on hosts and are skipped). */
export function calicoSelectsNothing(ctx: RuleContext): Finding[] {
  const e = ctx.reach.engine;
  return e.calico.policies
    .filter((p) => !p.notAnalysed && !live(e, p.classes))
    .map((p) => {
      const pol = p.policy;
      const where = pol.namespace !== undefined ? `namespace ${pol.namespace}` : 'any namespace';
      const sa = pol.serviceAccountSelector
        ? ' (it has a serviceAccountSelector, and the snapshot records no service accounts)'
        : '';
      return finding('policy-selects-nothing', 'low', calicoResource(p), {
        message: `${p.ref} selects no workload, so it protects nothing.`,
        explanation: `${p.ref} spec.selector "${calicoSelectorKey(pol.selector)}"${pol.namespaceSelector ? ` with spec.namespaceSelector "${calicoSelectorKey(pol.namespaceSelector)}"` : ''} matches no pod in ${where}${sa}.`,
        remediation:
          'Fix the selector labels (a typo is the usual cause) or delete the policy if the workload is gone.',
      });
    });
}

/** Whether a rule side's selector (in its scope) matches any workload or network set. */
function sideMatchesNothing(e: Engine, p: CompiledCalico, side: CalicoEntity): boolean {
  if (!side.selector && !side.namespaceSelector) return false;
  const ctx = e.calico.ctx;
  const sel = side.selector ? ctx.sel(side.selector) : undefined;
  const nsSel = side.namespaceSelector ? ctx.sel(side.namespaceSelector) : undefined;
  const scopeNs = p.policy.namespace !== undefined ? e.u.nsIndex.get(p.policy.namespace) : undefined;
  const podHit = e.u.classes.some(
    (c) =>
      c.peers.length > 0 &&
      (nsSel ? nsSel.ns(c.ns) : scopeNs === undefined || c.ns === scopeNs) &&
      (!sel || sel.cls(c)),
  );
  if (podHit) return false;
  return !ctx.sets.some((s) => {
    const inScope = nsSel
      ? s.namespace === undefined
        ? nsSel.labels({}, true)
        : (() => {
            const ns = e.u.nsIndex.get(s.namespace);
            return ns !== undefined && nsSel.ns(ns);
          })()
      : p.policy.namespace === undefined || s.namespace === p.policy.namespace;
    return inScope && (!sel || sel.labels(s.labels, s.namespace === undefined));
  });
}

/** peer-matches-nothing for Calico rules: a source or destination selector that matches no pod or set. */
export function calicoPeersMatchNothing(ctx: RuleContext): Finding[] {
  const e = ctx.reach.engine;
  const out: Finding[] = [];
  for (const p of e.calico.policies) {
    if (p.notAnalysed) continue;
    const paths: string[] = [];
    for (const dir of ['ingress', 'egress'] as const)
      (p.policy[dir] ?? []).forEach((r, i) => {
        for (const side of ['source', 'destination'] as const)
          if (sideMatchesNothing(e, p, r[side]))
            paths.push(`${p.ref} spec.${dir}[${i}].${side}: no pod or network set matches`);
      });
    if (paths.length === 0) continue;
    out.push(
      finding('peer-matches-nothing', 'medium', calicoResource(p), {
        message: `${p.ref} has ${paths.length} rule side(s) that match nothing, so those rules match no traffic.`,
        explanation: paths.join('; '),
        remediation:
          'Check the label keys and values in these selectors against the namespaces, pods and network sets.',
      }),
    );
  }
  return out;
}

/** allow-all-rule for Calico: an Allow rule with no source (ingress) or destination (egress) criteria, or nets 0.0.0.0/0. */
export function calicoAllowAll(ctx: RuleContext): Finding[] {
  const e = ctx.reach.engine;
  const out: Finding[] = [];
  for (const p of e.calico.policies) {
    if (p.notAnalysed) continue;
    const reasons: string[] = [];
    let ingress = false;
    for (const dir of ['ingress', 'egress'] as const)
      (p.policy[dir] ?? []).forEach((r, i) => {
        if (r.action !== 'Allow') return;
        const peer = dir === 'ingress' ? r.source : r.destination;
        const at = `${p.ref} spec.${dir}[${i}]`;
        const before = reasons.length;
        if (catchAll(r)) reasons.push(`${at}: no source, destination or protocol, so it allows everything`);
        else if (Object.keys(peer).filter((k) => k !== 'ports' && k !== 'notPorts').length === 0)
          reasons.push(
            `${at}: no ${dir === 'ingress' ? 'source' : 'destination'} selector or nets, so every ${dir === 'ingress' ? 'source' : 'destination'} matches`,
          );
        else if ((peer.nets ?? []).some((n) => /\/0$/.test(n)))
          reasons.push(`${at}: nets ${peer.nets?.join(', ')} match every outside address`);
        if (reasons.length > before && dir === 'ingress') ingress = true;
      });
    if (reasons.length === 0) continue;
    const dir: Dir = ingress ? 'ingress' : 'egress';
    const pairs = dir === 'ingress' ? pairsInto(ctx, p.classes) : pairsFrom(ctx, p.classes);
    out.push(
      finding(
        'allow-all-rule',
        ingress ? 'high' : 'medium',
        calicoResource(p),
        {
          message: `${p.ref} has a rule that allows ${ingress ? 'any source' : 'any destination'}; it reaches ${pairs.complete ? '' : 'at least '}${pairs.sample.count} pairs.`,
          explanation: reasons.join('; '),
          remediation:
            'Replace the catch-all rule with source/destination selectors (and namespaceSelector) or nets that really need access, and list the ports.',
        },
        pairs.sample,
      ),
    );
  }
  return out;
}
