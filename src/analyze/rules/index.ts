// Every rule, in a fixed order; each lives in its own file and returns Finding[].
import { allowAllRule } from './allow-all-rule.js';
import type { Rule } from './context.js';
import { crossEnvironmentPath } from './cross-environment-path.js';
import { crossNamespacePath } from './cross-namespace-path.js';
import { defaultDenyEgressMissing, defaultDenyIngressMissing } from './default-deny-missing.js';
import { dnsBlockedByDefaultDeny } from './dns-blocked.js';
import { internetEgress, reachableFromInternet } from './internet.js';
import { missingOwnershipLabels } from './missing-ownership-labels.js';
import { peerMatchesNothing } from './peer-matches-nothing.js';
import { policySelectsNothing } from './policy-selects-nothing.js';
import { workloadNotSelected } from './workload-not-selected.js';

export const RULES: Readonly<Record<string, Rule>> = {
  'default-deny-ingress-missing': defaultDenyIngressMissing,
  'default-deny-egress-missing': defaultDenyEgressMissing,
  'workload-not-selected': workloadNotSelected,
  'allow-all-rule': allowAllRule,
  'reachable-from-internet': reachableFromInternet,
  'internet-egress': internetEgress,
  'cross-namespace-path': crossNamespacePath,
  'cross-environment-path': crossEnvironmentPath,
  'policy-selects-nothing': policySelectsNothing,
  'peer-matches-nothing': peerMatchesNothing,
  'dns-blocked-by-default-deny': dnsBlockedByDefaultDeny,
  'missing-ownership-labels': missingOwnershipLabels,
};

export * from './context.js';
