// workload-not-selected: workloads that no NetworkPolicy selects in either direction.
import type { Finding } from '../../model/finding.js';
import { finding, MAX_PAIRS, type Rule } from './context.js';
import { counted } from '../../model/words.js';

export const workloadNotSelected: Rule = (ctx) => {
  const u = ctx.reach.engine.u;
  const index = new Map(u.peers.map((p, i) => [p.id, i]));
  const out: Finding[] = [];
  const cilium = ctx.reach.engine.cilium;
  const withPolicy = new Set([
    ...ctx.snapshot.networkPolicies.map((p) => p.namespace),
    ...(cilium?.policies ?? []).flatMap((p) =>
      p.policy.namespace !== undefined ? [p.policy.namespace] : [],
    ),
    ...ctx.reach.engine.calico.policies.flatMap((p) => p.policy.namespace ?? []),
  ]);
  // Named as the user wrote them: Cilium is mentioned only where Cilium policies exist.
  const kinds = cilium ? 'NetworkPolicy or Cilium policy' : 'NetworkPolicy';
  for (const c of ctx.coverage) {
    // Admin policies (ANP/BANP) may deny what no NetworkPolicy governs; then the workload is not wide open.
    const admin = [...c.ingressDenyPolicies, ...c.egressDenyPolicies].filter((x) =>
      x.includes('AdminNetworkPolicy/'),
    );
    const adminBoth =
      admin.length > 0 &&
      c.ingressDenyPolicies.some((x) => x.includes('AdminNetworkPolicy/')) &&
      c.egressDenyPolicies.some((x) => x.includes('AdminNetworkPolicy/'));
    const open =
      admin.length === 0
        ? 'all its ingress and egress traffic is allowed'
        : `only the admin policies ${[...new Set(admin)].sort().join(', ')} restrict its traffic`;
    // One root cause, one finding: a namespace without any NetworkPolicy is one finding listing its workloads.
    if (c.unselected.length > 0 && !withPolicy.has(c.namespace)) {
      const shown = c.unselected.slice(0, MAX_PAIRS);
      const more = c.unselected.length - shown.length;
      out.push(
        finding(
          'workload-not-selected',
          adminBoth ? 'low' : 'medium',
          { kind: 'Namespace', name: c.namespace },
          {
            message: `Namespace ${c.namespace} has no ${kinds} at all: ${c.unselected.length === 1 ? 'its only workload is not selected' : `none of its ${counted(c.unselected.length, 'workload')} is selected`}, so ${open}.`,
            explanation: `No ${kinds} exists in ${c.namespace}. Workloads: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`,
            remediation: `Add a default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress, Egress]) in ${c.namespace}, then allow only the needed flows.`,
          },
        ),
      );
      continue;
    }
    for (const id of c.unselected) {
      const p = u.peers[index.get(id)!]!;
      out.push(
        finding(
          'workload-not-selected',
          adminBoth ? 'low' : 'medium',
          { kind: p.kind, namespace: p.namespace, name: p.name },
          {
            message: `Workload ${id} is selected by no ${kinds}: ${open}.`,
            explanation: `No ${kinds} in ${p.namespace}${cilium ? ' (or clusterwide)' : ''} has a ${cilium ? 'selector' : 'podSelector'} matching the labels ${JSON.stringify(p.podLabels)}, so the pods are non-isolated in both directions.`,
            remediation: `Select it with a NetworkPolicy (a namespace default-deny with podSelector: {} covers it) and allow only its needed flows.`,
          },
        ),
      );
    }
  }
  return out;
};
