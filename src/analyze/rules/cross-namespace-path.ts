// cross-namespace-path: which namespaces can reach which (one finding per source namespace, bounded sample).
import type { Finding } from '../../model/finding.js';
import { finding, MAX_PAIRS, PairSample, type Rule } from './context.js';
import { PortSet } from '../port-set.js';

export const crossNamespacePath: Rule = (ctx) => {
  const summary = ctx.reach.connectivity.namespaces;
  if (!summary) return [];
  const out: Finding[] = [];
  for (const src of summary.namespaces) {
    const dsts = summary.destinations(src).filter((d) => d.namespace !== src);
    if (dsts.length === 0) continue;
    const sample = new PairSample();
    for (const d of dsts) sample.add(src, d.namespace, PortSet.empty);
    // Namespace pairs: "conns" carries the number of allowed workload pairs, not a port list.
    const pairs = sample.pairs.map((p, i) => ({ ...p, conns: `${dsts[i]!.workloadPairs} workload pairs` }));
    const total = dsts.reduce((n, d) => n + d.workloadPairs, 0);
    out.push({
      ...finding(
        'cross-namespace-path',
        'low',
        { kind: 'Namespace', name: src },
        {
          message: `Workloads in ${src} can reach ${dsts.length} other namespace(s) (${total} workload pairs).`,
          explanation: `Allowed paths leave ${src} towards ${dsts
            .slice(0, MAX_PAIRS)
            .map((d) => d.namespace)
            .join(
              ', ',
            )}${dsts.length > MAX_PAIRS ? ', ...' : ''}: the destinations' ingress and ${src}'s egress policies both allow them (or do not isolate the pods).`,
          remediation: `Confirm each namespace path is needed; restrict with namespaceSelector + podSelector peers and a default-deny in ${src} (egress) and in the destinations (ingress).`,
        },
      ),
      pairs,
      pairCount: dsts.length,
    });
  }
  return out;
};
