// `anp-priority-overlap`: two AdminNetworkPolicies with the same priority whose subjects overlap; the API leaves
// their order undefined (policy.networking.k8s.io/v1alpha1: "the behavior is undefined").
import type { LabelSelector } from '../../../model/kube.js';
import type { LintObject } from '../../../model/lint.js';
import { isEmptySelector } from '../../selectors.js';
import type { LintContext, LintHit, LintRule } from '../context.js';

type Raw = Readonly<Record<string, unknown>>;
const rec = (v: unknown): Raw | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : undefined;

/** Workload ids a subject selects. */
function subjectWorkloads(ctx: LintContext, subject: Raw): Set<string> {
  const ns = rec(subject.namespaces);
  const pods = rec(subject.pods);
  const nss = ctx.namespacesMatching((ns ?? rec(pods?.namespaceSelector) ?? {}) as LabelSelector);
  const sel = (rec(pods?.podSelector) ?? {}) as LabelSelector;
  return new Set(nss.flatMap((n) => ctx.podsIn(n, sel).map((w) => w.id)));
}

function selectsAll(subject: Raw): boolean {
  const ns = rec(subject.namespaces);
  return ns !== undefined && isEmptySelector(ns);
}

export const anpPriorityOverlap: LintRule = (ctx) => {
  const hits: LintHit[] = [];
  const anps = ctx.objects.filter(
    (o): o is LintObject & { admin: NonNullable<LintObject['admin']> } => !!o.admin,
  );
  anps.forEach((b, j) => {
    const sb = rec(b.admin.spec.subject) ?? {};
    const wb = subjectWorkloads(ctx, sb);
    const a = anps.slice(0, j).find((x) => {
      if (x.admin.priority !== b.admin.priority || x.name === b.name) return false;
      const sa = rec(x.admin.spec.subject) ?? {};
      if (selectsAll(sa) || selectsAll(sb) || JSON.stringify(sa) === JSON.stringify(sb)) return true;
      return [...subjectWorkloads(ctx, sa)].some((id) => wb.has(id));
    });
    if (a)
      hits.push({
        object: b,
        path: ['spec', 'priority'],
        message: `priority ${b.admin.priority} is also the priority of AdminNetworkPolicy ${a.name} (${a.file}:${a.locate(['spec', 'priority']).line}) and their subjects overlap: which one wins is undefined`,
      });
  });
  return hits;
};
