// `selector-matches-nothing`: a policy whose pod selector (or ANP/BANP subject) selects no workload.
import type { LabelSelector } from '../../../model/kube.js';
import type { FieldPathPart, LintObject } from '../../../model/lint.js';
import { isEmptySelector } from '../../selectors.js';
import type { LintContext, LintHit, LintRule } from '../context.js';
import { ciliumSelectsNothing } from './cilium-selects-nothing.js';

type Raw = Readonly<Record<string, unknown>>;
const rec = (v: unknown): Raw | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : undefined;

/** An ANP-style target (`namespaces` or `pods`): the first selector that leaves nothing, or undefined. */
export function adminTargetEmpty(
  ctx: LintContext,
  o: LintObject,
  target: Raw,
  path: readonly FieldPathPart[],
): LintHit | undefined {
  const nsSel = rec(target.namespaces);
  if (nsSel) {
    const nss = ctx.namespacesMatching(nsSel as LabelSelector);
    if (nss.length === 0)
      return {
        object: o,
        path: [...path, 'namespaces'],
        message: 'namespaces selector matches no namespace',
      };
    if (!nss.some((n) => ctx.podsIn(n, {}).length > 0))
      return {
        object: o,
        path: [...path, 'namespaces'],
        message: 'the selected namespaces hold no workload',
      };
    return undefined;
  }
  const pods = rec(target.pods);
  if (!pods) return undefined;
  const nss = ctx.namespacesMatching((rec(pods.namespaceSelector) ?? {}) as LabelSelector);
  if (nss.length === 0)
    return {
      object: o,
      path: [...path, 'pods', 'namespaceSelector'],
      message: 'namespaceSelector matches no namespace',
    };
  const sel = (rec(pods.podSelector) ?? {}) as LabelSelector;
  if (!nss.some((n) => ctx.podsIn(n, sel).length > 0))
    return {
      object: o,
      path: [...path, 'pods', 'podSelector'],
      message: 'podSelector matches no workload in the selected namespaces',
    };
  return undefined;
}

export const selectorMatchesNothing: LintRule = (ctx) => {
  if (ctx.workloads.length === 0) return [];
  const hits: LintHit[] = [];
  for (const o of ctx.objects) {
    // An empty selector in a namespace without workloads is a harmless default deny, not a typo.
    if (o.networkPolicy && o.namespace && !isEmptySelector(o.networkPolicy.spec.podSelector)) {
      if (ctx.podsIn(o.namespace, o.networkPolicy.spec.podSelector).length === 0)
        hits.push({
          object: o,
          path: ['spec', 'podSelector'],
          message: `podSelector selects no workload in namespace ${o.namespace}: the policy protects nothing`,
        });
    }
    const spec = o.admin?.spec ?? o.baseline?.spec;
    const subject = rec(spec?.subject);
    if (subject) {
      const hit = adminTargetEmpty(ctx, o, subject, ['spec', 'subject']);
      if (hit) hits.push({ ...hit, message: `subject: ${hit.message}; the policy applies to nothing` });
    }
    hits.push(...ciliumSelectsNothing(ctx, o));
  }
  return hits;
};
