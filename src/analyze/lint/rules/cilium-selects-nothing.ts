// The Cilium part of `selector-matches-nothing`: an endpointSelector (CNP in its namespace, CCNP anywhere) selecting no workload.
import type { LintObject } from '../../../model/lint.js';
import { isCilium, readSel } from '../../reachability/compile-cilium.js';
import { splitSelector } from '../../reachability/cilium-selector.js';
import type { LintContext, LintHit } from '../context.js';

type Raw = Readonly<Record<string, unknown>>;

export function ciliumSelectsNothing(ctx: LintContext, o: LintObject): LintHit[] {
  const p = o.other;
  if (!p || !isCilium(p)) return [];
  const rules: { spec: Raw; at: (string | number)[] }[] = [
    ...(p.spec.endpointSelector !== undefined ? [{ spec: p.spec, at: ['spec'] }] : []),
    ...(p.specs ?? []).map((spec, i) => ({ spec, at: ['specs', i] })),
  ];
  const hits: LintHit[] = [];
  for (const { spec, at } of rules) {
    if (spec.endpointSelector === undefined) continue;
    const s = splitSelector(readSel(spec.endpointSelector));
    if (s.unknown.length || s.reserved.length) continue;
    const nss = ctx.namespacesMatching(s.ns).filter((n) => p.namespace === undefined || n === p.namespace);
    if (nss.some((n) => ctx.podsIn(n, s.pod).length > 0)) continue;
    hits.push({
      object: o,
      path: [...at, 'endpointSelector'],
      message: `endpointSelector selects no workload${p.namespace !== undefined ? ` in namespace ${p.namespace}` : ''}: the rule protects nothing`,
    });
  }
  return hits;
}
