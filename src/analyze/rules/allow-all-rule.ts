// allow-all-rule: rules that allow every source or destination ({} rules, namespaceSelector {}, 0.0.0.0/0).
import type { Finding } from '../../model/finding.js';
import type { NetworkPolicyPeer } from '../../model/kube.js';
import { isEmptySelector } from '../selectors.js';
import { ciliumAllowAll } from './cilium-checks.js';
import { calicoAllowAll } from './calico-findings.js';
import { finding, type Rule } from './context.js';
import { pairsFrom, pairsInto } from './pairs.js';

/** Why a peer allows everything, or undefined when it does not. */
function broadPeer(p: NetworkPolicyPeer): string | undefined {
  if (p.ipBlock && /\/0$/.test(p.ipBlock.cidr))
    return `ipBlock ${p.ipBlock.cidr} matches every outside address`;
  if (
    p.namespaceSelector &&
    isEmptySelector(p.namespaceSelector) &&
    (!p.podSelector || isEmptySelector(p.podSelector))
  )
    return 'namespaceSelector: {} without a pod selector matches every pod in every namespace';
  if (!p.ipBlock && !p.namespaceSelector && !p.podSelector)
    return 'an empty peer {} (the API server rejects it; it was meant to allow everything)';
  return undefined;
}

export const allowAllRule: Rule = (ctx) => {
  const out: Finding[] = [];
  const { engine } = ctx.reach;
  for (const np of engine.netpols) {
    if (ctx.scope && !ctx.scope.policies.has(`NetworkPolicy/${np.ref}`)) continue;
    const reasons: string[] = [];
    let ingress = false;
    for (const dir of ['ingress', 'egress'] as const) {
      // Rules of a direction the policy's effective policyTypes leave out have no effect.
      if (!np[dir]) continue;
      const field = dir === 'ingress' ? 'from' : 'to';
      (np.policy.spec[dir] ?? []).forEach((r, i) => {
        const peers = (r as { from?: NetworkPolicyPeer[]; to?: NetworkPolicyPeer[] })[field];
        const at = `${np.ref} spec.${dir}[${i}]`;
        const before = reasons.length;
        if (!peers || peers.length === 0)
          reasons.push(
            `${at}: no "${field}", so every ${dir === 'ingress' ? 'source' : 'destination'} is allowed`,
          );
        else
          peers.forEach((p, j) => {
            const why = broadPeer(p);
            if (why) reasons.push(`${at}.${field}[${j}]: ${why}`);
          });
        if (reasons.length > before && dir === 'ingress') ingress = true;
      });
    }
    if (reasons.length === 0) continue;
    const selected =
      engine.u.classesByNs[np.ns]?.filter((c) => np.selector.matches(engine.u.classes[c]!)) ?? [];
    const pairs = ingress
      ? pairsInto(ctx, selected, np.ingress ?? [])
      : pairsFrom(ctx, selected, np.egress ?? []);
    out.push(
      finding(
        'allow-all-rule',
        ingress ? 'high' : 'medium',
        { kind: 'NetworkPolicy', namespace: np.policy.namespace, name: np.policy.name },
        {
          message: `NetworkPolicy ${np.ref} has a rule that allows ${ingress ? 'any source' : 'any destination'}; it reaches ${pairs.complete ? '' : 'at least '}${pairs.sample.count} pairs.`,
          explanation: reasons.join('; '),
          remediation:
            'Replace the catch-all peer with the namespaces and pods (namespaceSelector + podSelector) or CIDRs that really need access, and list the ports.',
        },
        pairs.sample,
      ),
    );
  }
  out.push(...ciliumAllowAll(ctx));
  out.push(...calicoAllowAll(ctx));
  return out;
};
