// `rule-shadowed`: a rule fully contained in another rule for the same pods (the same policy, or a policy with
// the same pod selector in the namespace): it adds nothing, and a later edit to one of them misleads reviewers.
import { lintFieldPath } from '../../../model/lint.js';
import { selectorKey } from '../../selectors.js';
import type { LintHit, LintRule } from '../context.js';
import { ruleContained } from '../containment.js';
import { networkPolicies, rulesOf } from '../policy-shapes.js';

export const ruleShadowed: LintRule = (ctx) => {
  const hits: LintHit[] = [];
  const nps = networkPolicies(ctx.objects);
  const groups = new Map<string, typeof nps>();
  for (const o of nps) {
    const key = `${o.networkPolicy.namespace}\u0000${selectorKey(o.networkPolicy.spec.podSelector)}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  for (const group of groups.values()) {
    for (const dir of ['ingress', 'egress'] as const) {
      const all = group.flatMap((o, pi) => rulesOf(o.networkPolicy.spec, dir).map((r) => ({ o, pi, r })));
      for (const [ai, a] of all.entries()) {
        // A rule equal to an earlier one is the shadowed one; a strictly contained rule is shadowed wherever it is.
        const by = all.find(
          (b, bi) => bi !== ai && ruleContained(a.r, b.r) && (bi < ai || !ruleContained(b.r, a.r)),
        );
        if (!by) continue;
        const where = lintFieldPath(['spec', dir, by.r.index]);
        const whose = by.o === a.o ? 'rule' : `rule of NetworkPolicy ${by.o.name}`;
        hits.push({
          object: a.o,
          path: ['spec', dir, a.r.index],
          message: `${dir} rule is fully contained in ${whose} ${where}: it allows nothing more`,
        });
      }
    }
  }
  return hits;
};
