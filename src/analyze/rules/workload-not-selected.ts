// workload-not-selected: workloads that no NetworkPolicy selects in either direction.
import type { Finding } from '../../model/finding.js';
import { finding, type Rule } from './context.js';

export const workloadNotSelected: Rule = (ctx) => {
  const u = ctx.reach.engine.u;
  const index = new Map(u.peers.map((p, i) => [p.id, i]));
  const out: Finding[] = [];
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
    for (const id of c.unselected) {
      const p = u.peers[index.get(id)!]!;
      out.push(
        finding(
          'workload-not-selected',
          adminBoth ? 'low' : 'medium',
          { kind: p.kind, namespace: p.namespace, name: p.name },
          {
            message: `Workload ${id} is selected by no NetworkPolicy: ${open}.`,
            explanation: `No NetworkPolicy in ${p.namespace} has a podSelector matching the labels ${JSON.stringify(p.podLabels)}, so the pods are non-isolated in both directions.`,
            remediation: `Select it with a NetworkPolicy (a namespace default-deny with podSelector: {} covers it) and allow only its needed flows.`,
          },
        ),
      );
    }
  }
  return out;
};
