// Structural containment of NetworkPolicy rules: does rule A allow nothing that rule B does not already allow?
import type { LabelSelector, NetworkPolicyPeer, NetworkPolicyPort } from '../../model/kube.js';
import { containsRange, ipBlockSet } from '../ip-blocks.js';
import { isEmptySelector, selectorKey } from '../selectors.js';
import type { RuleView } from './policy-shapes.js';

/** True when every requirement of `wide` is also a requirement of `narrow` (so wide selects a superset). */
function selectorWider(wide: LabelSelector | undefined, narrow: LabelSelector | undefined): boolean {
  const w = wide ?? {};
  const n = narrow ?? {};
  for (const [k, v] of Object.entries(w.matchLabels ?? {})) if ((n.matchLabels ?? {})[k] !== v) return false;
  const nExprs = new Set((n.matchExpressions ?? []).map((e) => selectorKey({ matchExpressions: [e] })));
  return (w.matchExpressions ?? []).every((e) => nExprs.has(selectorKey({ matchExpressions: [e] })));
}

function peerContained(a: NetworkPolicyPeer, b: NetworkPolicyPeer): boolean {
  if (a.ipBlock || b.ipBlock) {
    if (!a.ipBlock || !b.ipBlock) return false;
    const as = ipBlockSet(a.ipBlock);
    const bs = ipBlockSet(b.ipBlock);
    return !!as && !!bs && as.every((r) => containsRange(bs, r));
  }
  // namespaceSelector absent = the policy's own namespace; present = the selected namespaces.
  if (b.namespaceSelector === undefined) {
    if (a.namespaceSelector !== undefined) return false;
  } else if (a.namespaceSelector === undefined) {
    if (!isEmptySelector(b.namespaceSelector)) return false;
  } else if (!selectorWider(b.namespaceSelector, a.namespaceSelector)) return false;
  return selectorWider(b.podSelector, a.podSelector);
}

function portContained(a: NetworkPolicyPort, b: NetworkPolicyPort): boolean {
  if ((a.protocol ?? 'TCP') !== (b.protocol ?? 'TCP')) return false;
  if (b.port === undefined) return true;
  if (a.port === undefined) return false;
  if (typeof a.port === 'string' || typeof b.port === 'string')
    return a.port === b.port && b.endPort === undefined;
  return a.port >= b.port && (a.endPort ?? a.port) <= (b.endPort ?? b.port);
}

/** True when rule `a` allows no peer/port pair that rule `b` does not (same direction, same selected pods). */
export function ruleContained(a: RuleView, b: RuleView): boolean {
  const peersOk = !b.peers || (!!a.peers && a.peers.every((p) => b.peers!.some((q) => peerContained(p, q))));
  if (!peersOk) return false;
  return !b.ports || (!!a.ports && a.ports.every((p) => b.ports!.some((q) => portContained(p, q))));
}
