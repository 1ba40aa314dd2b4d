// Kubernetes API shapes the snapshot keeps, as the API reference defines them (only the fields we read).

export type Labels = Readonly<Record<string, string>>;

/** meta/v1 LabelSelector: matchLabels AND every matchExpression. */
export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** A port as written in a policy rule: a number or a named container port. */
export type IntOrString = number | string;

/** networking.k8s.io/v1 NetworkPolicyPort. */
export interface NetworkPolicyPort {
  readonly protocol?: Protocol;
  readonly port?: IntOrString;
  readonly endPort?: number;
}

export interface IPBlock {
  readonly cidr: string;
  readonly except?: readonly string[];
}

/** networking.k8s.io/v1 NetworkPolicyPeer. */
export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: IPBlock;
}

export interface NetworkPolicyIngressRule {
  readonly from?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  readonly to?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

/** networking.k8s.io/v1 NetworkPolicySpec, kept exactly as written (policyTypes not defaulted). */
export interface NetworkPolicySpec {
  readonly podSelector: LabelSelector;
  readonly policyTypes?: readonly ('Ingress' | 'Egress')[];
  readonly ingress?: readonly NetworkPolicyIngressRule[];
  readonly egress?: readonly NetworkPolicyEgressRule[];
}

/** policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy spec, kept as data. */
export type AdminPolicySpec = Readonly<Record<string, unknown>>;
