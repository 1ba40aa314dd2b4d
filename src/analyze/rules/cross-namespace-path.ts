// cross-namespace-path: which namespaces can reach which (one finding per source namespace, bounded sample).
import type { Finding } from '../../model/finding.js';
import { finding, MAX_PAIRS, type Rule } from './context.js';
import { counted } from '../../model/words.js';

export const crossNamespacePath: Rule = (ctx) => {
  const summary = ctx.reach.connectivity.namespaces;
  if (!summary) return [];
  const out: Finding[] = [];
  for (const src of summary.namespaces) {
    const all = summary.outgoing(src);
    const self = summary.pairCount(src, src);
    const count = all.namespaces - (self > 0 ? 1 : 0);
    if (count === 0) continue;
    const total = all.workloadPairs - self;
    const dsts = summary
      .destinations(src, MAX_PAIRS + 1)
      .filter((d) => d.namespace !== src)
      .slice(0, MAX_PAIRS);
    // Namespace pairs: "conns" carries the number of allowed workload pairs, not a port list.
    const pairs = dsts.map((d) => ({ src, dst: d.namespace, conns: `${d.workloadPairs} workload pairs` }));
    out.push({
      ...finding(
        'cross-namespace-path',
        'low',
        { kind: 'Namespace', name: src },
        {
          message: `Workloads in ${src} can reach ${counted(count, 'other namespace')} (${counted(total, 'workload pair')}).`,
          explanation: `Allowed paths leave ${src} towards ${dsts.map((d) => d.namespace).join(', ')}${count > dsts.length ? ', ...' : ''}: the destinations' ingress and ${src}'s egress policies both allow them (or do not isolate the pods).`,
          remediation: `Confirm each namespace path is needed; restrict with namespaceSelector + podSelector peers and a default-deny in ${src} (egress) and in the destinations (ingress).`,
        },
      ),
      pairs,
      pairCount: count,
    });
  }
  return out;
};
