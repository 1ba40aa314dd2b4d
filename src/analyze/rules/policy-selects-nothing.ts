// policy-selects-nothing: policies whose pod selector (or ANP/BANP subject) matches no workload.
import type { Finding } from '../../model/finding.js';
import { ciliumSelectsNothing } from './cilium-checks.js';
import { calicoSelectsNothing } from './calico-findings.js';
import { finding, type Rule } from './context.js';

export const policySelectsNothing: Rule = (ctx) => {
  const { engine } = ctx.reach;
  const u = engine.u;
  const out: Finding[] = [];
  for (const np of engine.netpols) {
    const hit = (u.classesByNs[np.ns] ?? []).some(
      (c) => u.classes[c]!.peers.length > 0 && np.selector.matches(u.classes[c]!),
    );
    if (hit) continue;
    out.push(
      finding(
        'policy-selects-nothing',
        'low',
        { kind: 'NetworkPolicy', namespace: np.policy.namespace, name: np.policy.name },
        {
          message: `NetworkPolicy ${np.ref} selects no workload, so it protects nothing.`,
          explanation: `${np.ref} spec.podSelector ${JSON.stringify(np.policy.spec.podSelector)} matches no pod or pod template in namespace ${np.policy.namespace}.`,
          remediation:
            'Fix the podSelector labels (a typo is the usual cause) or delete the policy if the workload is gone.',
        },
      ),
    );
  }
  for (const a of [...engine.admins, ...engine.baselines]) {
    if (engine.subjectClasses(a.subject).some((c) => u.classes[c]!.peers.length > 0)) continue;
    const [kind, name] = a.ref.split('/') as [string, string];
    out.push(
      finding(
        'policy-selects-nothing',
        'low',
        { kind, name },
        {
          message: `${a.ref} selects no workload, so it has no effect.`,
          explanation: `${a.ref} spec.subject matches no pod in any namespace.`,
          remediation: 'Fix the subject selectors or delete the policy.',
        },
      ),
    );
  }
  out.push(...ciliumSelectsNothing(ctx));
  out.push(...calicoSelectsNothing(ctx));
  return out;
};
