// default-deny-ingress-missing / default-deny-egress-missing: namespaces where unlisted traffic is allowed.
import type { Finding } from '../../model/finding.js';
import { finding, type Rule, type RuleContext } from './context.js';

function missing(ctx: RuleContext, dir: 'ingress' | 'egress'): Finding[] {
  const rule = `default-deny-${dir}-missing`;
  const out: Finding[] = [];
  for (const c of ctx.coverage) {
    if (c.workloads === 0) continue;
    if (dir === 'ingress' ? c.ingressDefaultDeny : c.egressDefaultDeny) continue;
    const open = c.workloads - (dir === 'ingress' ? c.selectedIngress : c.selectedEgress);
    out.push(
      finding(
        rule,
        open === 0 ? 'low' : dir === 'ingress' ? 'high' : 'medium',
        { kind: 'Namespace', name: c.namespace },
        {
          message:
            open === 0
              ? `Namespace ${c.namespace} has no default-deny ${dir} policy; every workload is selected for ${dir}, so its policies' allow rules alone decide (new workloads may be open).`
              : `Namespace ${c.namespace} has no default-deny ${dir} policy; ${open} of ${c.workloads} ${c.workloads === 1 ? 'workload accepts' : 'workloads accept'} any ${dir} traffic.`,
          explanation: `No NetworkPolicy in ${c.namespace} has podSelector {} with ${dir === 'ingress' ? 'Ingress' : 'Egress'} in its effective policyTypes${ctx.reach.engine.cilium ? `, and no Cilium policy selecting every pod there enables default deny for ${dir}` : ''}, so pods no policy selects for ${dir} are non-isolated (Kubernetes allows all their ${dir} traffic)${ctx.reach.engine.calico.policies.length ? `; no Calico policy selecting all() there has ${dir === 'ingress' ? 'Ingress' : 'Egress'} in its types and a tier that denies what it leaves undecided` : ''}.`,
          remediation: `Add a NetworkPolicy in ${c.namespace} with podSelector: {} and policyTypes: [${dir === 'ingress' ? 'Ingress' : 'Egress'}] and no rules, then allow the needed flows explicitly.`,
        },
      ),
    );
  }
  return out;
}

export const defaultDenyIngressMissing: Rule = (ctx) => missing(ctx, 'ingress');
export const defaultDenyEgressMissing: Rule = (ctx) => missing(ctx, 'egress');
