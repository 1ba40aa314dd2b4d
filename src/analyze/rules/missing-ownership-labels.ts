// missing-ownership-labels: workloads without an owner/team label or a data-classification label.
import type { Finding } from '../../model/finding.js';
import { finding, peerResource, type Rule } from './context.js';

export const missingOwnershipLabels: Rule = (ctx) => {
  const u = ctx.reach.engine.u;
  const nsLabels = new Map(ctx.snapshot.namespaces.map((n) => [n.name, n.labels]));
  const out: Finding[] = [];
  u.peers.forEach((p, i) => {
    // Labels count wherever teams put them: the workload object, its pods, or its namespace.
    const labels = { ...(nsLabels.get(p.namespace) ?? {}), ...p.podLabels, ...p.objectLabels };
    const missing: string[] = [];
    if (!ctx.options.ownerLabels.some((k) => labels[k]))
      missing.push(`an owner label (${ctx.options.ownerLabels.join(', ')})`);
    if (!ctx.options.classificationLabels.some((k) => labels[k]))
      missing.push(`a data-classification label (${ctx.options.classificationLabels.join(', ')})`);
    if (missing.length === 0) return;
    out.push(
      finding('missing-ownership-labels', 'low', peerResource(ctx, i), {
        message: `Workload ${p.id} has no ${missing.length === 2 ? 'owner or classification' : missing[0]!.startsWith('an owner') ? 'owner' : 'classification'} label.`,
        explanation: `Neither the workload, its pods nor namespace ${p.namespace} carries ${missing.join(' or ')}.`,
        remediation:
          'Label the workload (or its namespace) with its owning team and the classification of the data it handles.',
      }),
    );
  });
  return out;
};
