// `namespace-not-found`: a policy in a namespace that neither the paths nor the live snapshot declare.
import type { LintHit, LintRule } from '../context.js';

/** Namespaces every cluster has. */
const BUILT_IN = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

export const namespaceNotFound: LintRule = (ctx) => {
  const known = ctx.knownNamespaces;
  if (!known) return [];
  const hits: LintHit[] = [];
  for (const o of ctx.objects) {
    if (!o.networkPolicy || !o.namespace || BUILT_IN.has(o.namespace) || known.has(o.namespace)) continue;
    hits.push({
      object: o,
      path: o.namespaceWritten ? ['metadata', 'namespace'] : ['metadata'],
      message: `namespace ${o.namespace} does not exist (declared neither in the paths nor in --snapshot): applying the policy would fail`,
    });
  }
  return hits;
};
