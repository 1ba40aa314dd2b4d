// Every lint rule's id, default level, title and help (docs/rules.md "Lint rules" has a section for each).
import type { LintRuleInfo } from '../../model/lint.js';

export const LINT_RULE_INFO: readonly LintRuleInfo[] = [
  {
    id: 'schema',
    level: 'error',
    title: 'Field the API server would refuse',
    help: 'An unknown field (with the nearest known name), a wrong type or a value outside the API reference. kubectl applies with strict field validation, and other tools drop unknown fields silently, which changes what the policy allows. Fix the field name or value.',
  },
  {
    id: 'selector-matches-nothing',
    level: 'warning',
    title: 'Policy selects no workload',
    help: 'The podSelector of a NetworkPolicy (or the subject of an AdminNetworkPolicy/BaselineAdminNetworkPolicy) matches no workload in the paths or in --snapshot. The policy protects nothing; usually a label typo. Checked only when some workload is known.',
  },
  {
    id: 'peer-matches-nothing',
    level: 'warning',
    title: 'Rule peer matches nothing',
    help: 'A from/to peer whose namespaceSelector matches no namespace, or whose selectors match no workload. The rule silently allows nothing, usually because of a label typo. Checked only when some workload is known.',
  },
  {
    id: 'allow-all-peers',
    level: 'warning',
    title: 'Rule allows every peer',
    help: 'A rule with no from/to (or an empty list), an empty peer {}, namespaceSelector {} without a narrower podSelector, an ipBlock or ANP network of 0.0.0.0/0 or ::/0, or an ANP Allow rule with namespaces {}. Such a rule defeats segmentation; name the peers.',
  },
  {
    id: 'allow-all-ports',
    level: 'note',
    title: 'Rule allows every port',
    help: 'A rule with peers but no ports (every port and protocol), or a port range from 1 to 65535. List the ports the peers need.',
  },
  {
    id: 'no-default-deny',
    level: 'warning',
    title: 'Namespace without default deny',
    help: 'A namespace in the paths has workloads and no NetworkPolicy with podSelector: {} for Ingress (warning) or Egress (note). Pods no policy selects accept any traffic, including workloads added later. Add a default-deny policy and allow what is needed.',
  },
  {
    id: 'named-port-undefined',
    level: 'warning',
    title: 'Named port no destination pod defines',
    help: 'A rule port given by name that none of the destination pods (the selected pods for ingress, the peer pods for egress) defines with that protocol. The rule allows nothing on it. Use the container port name as written in the pod template.',
  },
  {
    id: 'rule-shadowed',
    level: 'warning',
    title: 'Rule contained in another rule',
    help: 'Every peer and port of the rule is already allowed by another rule for the same pods (in the same policy, or in a policy of the namespace with the same podSelector). It adds nothing, and edits to one of the two mislead reviewers. Remove it or merge the two.',
  },
  {
    id: 'duplicate-policy',
    level: 'error',
    title: 'Duplicate policy',
    help: 'The same kind, namespace and name defined twice (error: one replaces the other when applied), or two policies with identical specs under different names (warning).',
  },
  {
    id: 'egress-deny-without-dns',
    level: 'warning',
    title: 'Egress denied without DNS',
    help: 'A NetworkPolicy isolates pods for egress and no egress rule of the policies for those pods allows UDP port 53. Name resolution breaks, and teams then tend to open egress wide. Allow UDP and TCP 53 to kube-dns.',
  },
  {
    id: 'namespace-not-found',
    level: 'error',
    title: 'Policy in a namespace that does not exist',
    help: 'The policy namespace is declared neither by a Namespace in the paths nor in --snapshot (default, kube-system, kube-public and kube-node-lease always exist). Applying it fails, or it lands in a namespace created later by someone else. Checked only when the paths declare namespaces or --snapshot is given.',
  },
  {
    id: 'anp-priority-overlap',
    level: 'warning',
    title: 'AdminNetworkPolicies with the same priority overlap',
    help: 'Two AdminNetworkPolicies share a priority and their subjects select common workloads (or one selects every namespace). The API leaves the order between them undefined. Give each a distinct priority.',
  },
];
