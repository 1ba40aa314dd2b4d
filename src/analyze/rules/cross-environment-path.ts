// cross-environment-path: paths between namespaces labelled with different environments (ISO A.8.31).
import type { Finding } from '../../model/finding.js';
import type { Namespace } from '../../model/snapshot.js';
import { finding, MAX_PAIRS, type Rule } from './context.js';
import { counted } from '../../model/words.js';

/** Label keys that name a namespace's environment, first match wins. */
export const ENVIRONMENT_LABELS: readonly string[] = ['environment', 'env', 'app.kubernetes.io/environment'];

function environmentOf(n: Namespace): string | undefined {
  for (const k of ENVIRONMENT_LABELS) {
    const v = n.labels[k];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

/**
 * A.8.31 asks that development, test and production be kept apart; a path between two namespaces says
 * that only when both are labelled with an environment and the labels differ. Unlabelled namespaces are
 * left to cross-namespace-path.
 */
export const crossEnvironmentPath: Rule = (ctx) => {
  const summary = ctx.reach.connectivity.namespaces;
  if (!summary) return [];
  const env = new Map<string, string>();
  for (const n of ctx.snapshot.namespaces) {
    const e = environmentOf(n);
    if (e !== undefined) env.set(n.name, e);
  }
  const out: Finding[] = [];
  for (const src of summary.namespaces) {
    const from = env.get(src);
    if (from === undefined) continue;
    const crossing = summary
      .destinations(src)
      .filter((d) => env.get(d.namespace) !== undefined && env.get(d.namespace) !== from);
    if (crossing.length === 0) continue;
    const total = crossing.reduce((s, d) => s + d.workloadPairs, 0);
    const shown = crossing.slice(0, MAX_PAIRS);
    const names = shown.map((d) => `${d.namespace} (${env.get(d.namespace) ?? ''})`);
    out.push({
      ...finding(
        'cross-environment-path',
        'high',
        { kind: 'Namespace', name: src },
        {
          message: `Workloads in ${src} (environment ${from}) can reach ${counted(crossing.length, 'namespace')} of another environment (${counted(total, 'workload pair')}).`,
          explanation: `${src} is labelled environment ${from}; allowed paths lead to ${names.join(', ')}${crossing.length > shown.length ? ', ...' : ''}. Environment labels read: ${ENVIRONMENT_LABELS.join(', ')}.`,
          remediation: `Deny traffic between environments: a default-deny in ${src} (egress) and in the destinations (ingress), and peers that select namespaces by their environment label.`,
        },
      ),
      pairs: shown.map((d) => ({ src, dst: d.namespace, conns: `${d.workloadPairs} workload pairs` })),
      pairCount: crossing.length,
    });
  }
  return out;
};
