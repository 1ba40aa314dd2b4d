// Observed traffic: flows read from a CNI's flow logs (Hubble, Calico, generic), before and after comparison
// with what the policies allow (owned by src/collect/flows and src/analyze/flows).
import type { Labels, Protocol } from './kube.js';

export type FlowFormat = 'hubble' | 'calico' | 'generic-json' | 'generic-csv';

/** One end of a flow as the flow source reported it; mapped to a snapshot workload by the analysis. */
export interface FlowEndpoint {
  readonly namespace?: string;
  readonly pod?: string;
  /** An aggregated pod name (Calico "frontend-5c7b8d7f9d-*"): every pod whose name starts with it. */
  readonly podPrefix?: string;
  /** The controller the source names (Hubble `workloads`, generic `src_workload` "Deployment/web"). */
  readonly workload?: { readonly kind: string; readonly name: string };
  readonly labels?: Labels;
  readonly ip?: string;
  /** The source says it is outside the cluster (Hubble reserved:world, Calico net/pub). */
  readonly world?: boolean;
  /**
   * The pod's own node (Hubble reserved:host): Kubernetes always allows traffic between a pod and its node,
   * whatever the policies say, so such flows are not compared.
   */
  readonly host?: boolean;
}

/**
 * What the data plane did: forwarded, dropped by a policy, or dropped for another reason (not a policy
 * verdict, so never compared with the policies).
 */
export type FlowVerdict = 'forwarded' | 'policy-dropped' | 'other-dropped';

/** One flow record as read, before aggregation. */
export interface ObservedFlow {
  readonly src: FlowEndpoint;
  readonly dst: FlowEndpoint;
  /** TCP/UDP/SCTP with a destination port; anything else (ICMP, no L4) is not comparable. */
  readonly protocol?: Protocol;
  readonly port?: number;
  readonly verdict: FlowVerdict;
  /** True for a reply packet; absent when the source does not say (treated as connection-initiating). */
  readonly reply?: boolean;
  /** ISO-8601 time of the record, when it has one. */
  readonly time?: string;
  /** How many flows the record stands for (Calico aggregates; 1 elsewhere). */
  readonly count: number;
  /** Drop reason as the source names it (Hubble drop_reason_desc). */
  readonly dropReason?: string;
}

/** Flows with the same ends, protocol, port, verdict and reply bit, counted while reading. */
export interface FlowAggregate {
  readonly src: FlowEndpoint;
  readonly dst: FlowEndpoint;
  readonly protocol?: Protocol;
  readonly port?: number;
  readonly verdict: FlowVerdict;
  readonly reply: boolean;
  readonly flows: number;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
}

/** Where flows came from: a file (with its digest) or a Hubble Relay window. */
export type FlowSource =
  | {
      readonly type: 'file';
      readonly path: string;
      readonly format: FlowFormat;
      readonly sha256: string;
      readonly records: number;
      readonly malformed: number;
    }
  | {
      readonly type: 'hubble-relay';
      readonly address: string;
      readonly since: string;
      readonly until: string;
      readonly records: number;
      readonly malformed: number;
    };

/** Everything the readers return: aggregates, sources, and counts of what was not a flow. */
export interface FlowObservations {
  readonly sources: readonly FlowSource[];
  readonly aggregates: readonly FlowAggregate[];
  /** Records read in total (valid flows, skipped events and malformed lines). */
  readonly records: number;
  /** Lines that are not valid records; named (file:line) in `warnings`, the first ones at least. */
  readonly malformed: number;
  /** Valid records that are not flows (Hubble node_status, lost_events): counted, not compared. */
  readonly otherEvents: number;
  readonly warnings: readonly string[];
}

/** One observed path between two peers (connlist ids) on one port, with how many flows took it. */
export interface FlowPath {
  readonly src: string;
  readonly dst: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly flows: number;
  readonly firstSeen?: string;
  readonly lastSeen?: string;
}

/** Dropped flows the policies deny, per policy and direction: the blocked connections an auditor asks for. */
export interface EnforcementSeen {
  /** "ns/name" of a NetworkPolicy, "Kind/ns/name" of a Cilium policy, or "admin network policies" when ANP/BANP decide. */
  readonly policy: string;
  readonly direction: 'ingress' | 'egress';
  readonly flows: number;
  readonly examples: readonly FlowPath[];
}

/** A bounded list with its full size. */
export interface Listed<T> {
  readonly total: number;
  readonly items: readonly T[];
}

export interface FlowCounts {
  /** Flows in all records read (Calico records may stand for several). */
  readonly flows: number;
  readonly records: number;
  readonly malformed: number;
  readonly otherEvents: number;
  readonly byVerdict: {
    readonly forwarded: number;
    readonly policyDropped: number;
    readonly otherDropped: number;
  };
  /** Reply packets: never compared (only connection-initiating flows are). */
  readonly replies: number;
  /** No TCP/UDP/SCTP port (ICMP, L7 without L4), or both ends outside the cluster. */
  readonly notComparable: number;
  /** An end that is neither a snapshot workload nor an IPv4 address outside the cluster. */
  readonly unresolved: number;
  readonly byOutcome: {
    readonly allowedForwarded: number;
    readonly unenforced: number;
    readonly droppedAllowed: number;
    readonly enforced: number;
  };
}

/** evidence.json `flows`: observed traffic compared with what the policies allow. */
export interface FlowsSection {
  readonly sources: readonly FlowSource[];
  /** First and last record time seen (a relay's requested window is in its source). */
  readonly window: { readonly from?: string; readonly to?: string };
  readonly counts: FlowCounts;
  /** Forwarded although the policies deny it (finding unenforced-flow). */
  readonly unenforced: Listed<FlowPath>;
  /** Dropped by a policy although the collected policies allow it (finding dropped-allowed-flow). */
  readonly droppedAllowed: Listed<FlowPath>;
  readonly enforcement: readonly EnforcementSeen[];
  /** Allowed, forwarded flows per NetworkPolicy rule ("ns/name spec.ingress[0]"); every rule, 0 included. */
  readonly ruleHits: readonly { readonly rule: string; readonly hits: number }[];
  /** NetworkPolicy rules that allowed no observed flow. */
  readonly unusedRules: readonly string[];
  /**
   * Allowed workload-to-workload paths with no observed flow (least-privilege candidates); `complete` is false
   * when the cluster was too large to list its pairs.
   */
  readonly unobserved: Listed<{ readonly src: string; readonly dst: string; readonly conns: string }> & {
    readonly complete: boolean;
  };
  /** Ends that could not be mapped, as the source named them (a sample). */
  readonly unresolvedExamples: readonly string[];
}
