// `egress-deny-without-dns`: a policy isolates pods for egress and no egress rule for them allows DNS (UDP 53).
import { selectorKey, isEmptySelector } from '../../selectors.js';
import type { LintHit, LintRule } from '../context.js';
import { effectiveTypes, networkPolicies, portAllows, rulesOf } from '../policy-shapes.js';

export const egressDenyWithoutDns: LintRule = (ctx) => {
  const hits: LintHit[] = [];
  const nps = networkPolicies(ctx.objects).filter((o) => effectiveTypes(o.networkPolicy.spec).egress);
  for (const o of nps) {
    const { namespace, spec } = o.networkPolicy;
    const mine = new Set(ctx.podsIn(namespace, spec.podSelector).map((w) => w.id));
    // The policies that also apply to these pods: the same selector, an empty one, or (with workloads) any overlap.
    const peers = nps.filter(
      (p) =>
        p.networkPolicy.namespace === namespace &&
        (selectorKey(p.networkPolicy.spec.podSelector) === selectorKey(spec.podSelector) ||
          isEmptySelector(p.networkPolicy.spec.podSelector) ||
          ctx.podsIn(namespace, p.networkPolicy.spec.podSelector).some((w) => mine.has(w.id))),
    );
    const dns = peers.some((p) =>
      rulesOf(p.networkPolicy.spec, 'egress').some(
        (r) => !r.ports || r.ports.some((port) => portAllows(port, 'UDP', 53)),
      ),
    );
    if (dns) continue;
    const path = spec.policyTypes ? ['spec', 'policyTypes'] : ['spec', 'egress'];
    hits.push({
      object: o,
      path,
      message: `egress is denied for the selected pods and no egress rule for them allows DNS (UDP 53): name resolution breaks`,
    });
  }
  return hits;
};
