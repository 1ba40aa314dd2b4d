// `no-default-deny`: a namespace with workloads and no NetworkPolicy that selects every pod for ingress (or egress).
import type { LintObject } from '../../../model/lint.js';
import { isEmptySelector } from '../../selectors.js';
import type { LintHit, LintRule } from '../context.js';
import { effectiveTypes, networkPolicies } from '../policy-shapes.js';

/** Where a namespace-level result points: its Namespace manifest, else its first object in the paths. */
function anchor(objects: readonly LintObject[], ns: string): LintObject | undefined {
  return (
    objects.find((o) => o.kind === 'Namespace' && o.name === ns) ??
    objects.find((o) => o.namespace === ns && o.networkPolicy) ??
    objects.find((o) => o.namespace === ns)
  );
}

export const noDefaultDeny: LintRule = (ctx) => {
  const hits: LintHit[] = [];
  const nps = networkPolicies(ctx.objects);
  const inPaths = new Set(
    ctx.objects.flatMap((o) => (o.kind === 'Namespace' ? [o.name] : o.namespace ? [o.namespace] : [])),
  );
  for (const ns of [...inPaths].sort()) {
    if (ctx.podsIn(ns, {}).length === 0) continue;
    const all = nps.filter((o) => o.namespace === ns && isEmptySelector(o.networkPolicy.spec.podSelector));
    const ingress = all.some((o) => effectiveTypes(o.networkPolicy.spec).ingress);
    const egress = all.some((o) => effectiveTypes(o.networkPolicy.spec).egress);
    const at = anchor(ctx.objects, ns);
    if (!at) continue;
    const path =
      at.kind === 'Namespace'
        ? ['metadata', 'name']
        : at.namespaceWritten
          ? ['metadata', 'namespace']
          : ['metadata'];
    if (!ingress)
      hits.push({
        object: at,
        path,
        message: `namespace ${ns} has workloads and no ingress default deny (a NetworkPolicy with podSelector: {} and Ingress)`,
      });
    if (!egress)
      hits.push({
        object: at,
        path,
        level: 'note',
        message: `namespace ${ns} has workloads and no egress default deny (a NetworkPolicy with podSelector: {} and Egress)`,
      });
  }
  return hits;
};
