// Who can reach whom: the result of the reachability analysis (owned by src/analyze/reachability).
import type { Protocol } from './kube.js';

/** Rows of connectivity.csv (the first ones in sort order): about 300 MB, what grep and databases still take. */
export const CSV_CONNECTION_LIMIT = 5_000_000;

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** Allowed connections between two peers: port ranges per protocol, sorted and merged. */
export interface ConnectionSet {
  /** True when every port of TCP, UDP and SCTP is allowed ("All Connections"). */
  readonly all: boolean;
  readonly ports: Readonly<Record<Protocol, readonly PortRange[]>>;
}

export type PeerKind = 'workload' | 'external' | 'ingress-controller';

export interface Peer {
  /** Connlist notation: "ns/name[Kind]", "a.b.c.d-e.f.g.h[External]" or "{ingress-controller}". */
  readonly id: string;
  readonly kind: PeerKind;
  readonly namespace?: string;
  readonly name?: string;
  /** Deployment, StatefulSet, ..., or Pod for bare pods. */
  readonly workloadKind?: string;
}

export interface Connection {
  readonly src: string;
  readonly dst: string;
  readonly conns: ConnectionSet;
  /** Connlist text of conns ("All Connections", "TCP 80,UDP 53"). */
  readonly text: string;
  /** Part of conns that only L7-restricted rules (Cilium rules.http, rules.dns, ...) allow; absent when none. */
  readonly l7?: L7Restriction;
}

/** Ports allowed only through an L7 proxy: what passes on them depends on requests, not on addresses. */
export interface L7Restriction {
  /** "HTTP", "DNS", "Kafka", ..., sorted. */
  readonly protocols: readonly string[];
  /** Connlist text of the restricted ports ("TCP 80"). */
  readonly text: string;
}

export interface Connectivity {
  readonly peers: readonly Peer[];
  /**
   * Only allowed pairs, sorted by src then dst as byte strings. May be computed on first read: for very
   * large clusters prefer `namespaces` (the list grows with the square of the workloads).
   */
  readonly connections: readonly Connection[];
  /** The same connections in the same order, computed as they are pulled (outputs use this: no full list). */
  readonly iterate?: () => Iterable<Connection>;
  /** How many connections there are, counted at class level without listing them. */
  readonly total?: number;
  /** Workload-to-outside-world connections only, in the same order (classes x blocks, cheap at any size). */
  readonly externalEgress?: () => Iterable<Connection>;
  /** Namespace-to-namespace summary computed at class level (the report's heat map). */
  readonly namespaces?: NamespaceSummary;
}

/** Workload pairs allowed from one namespace to another (any connection). */
export interface NamespacePair {
  readonly src: string;
  readonly dst: string;
  readonly workloadPairs: number;
}

export interface NamespaceSummary {
  /** Namespace names, sorted. */
  readonly namespaces: readonly string[];
  /** Allowed workload-to-workload pairs in the whole cluster (self-pairs excluded). */
  readonly workloadPairs: number;
  /** Allowed workload pairs from namespace `src` to namespace `dst` (0 when none). */
  pairCount(src: string, dst: string): number;
  /** Namespaces `src` can reach (itself included when it can), sorted, with the allowed workload pairs; at most `limit`. */
  destinations(
    src: string,
    limit?: number,
  ): readonly { readonly namespace: string; readonly workloadPairs: number }[];
  /** How many namespaces `src` reaches (itself included when it can) and the workload pairs in total. */
  outgoing(src: string): { readonly namespaces: number; readonly workloadPairs: number };
  /** The first `limit` ordered pairs of `pairs` (same order), without building the rest: use this on large clusters. */
  pairsLimited(limit: number): readonly NamespacePair[];
  /** How many ordered namespace pairs have at least one allowed workload pair (computed on first read). */
  readonly pairTotal: number;
  /**
   * Every ordered pair with at least one allowed workload pair, sorted; built on first read. Dense: up to
   * namespaces squared entries, so prefer pairsLimited/pairTotal/destinations on clusters with thousands of namespaces.
   */
  readonly pairs: readonly NamespacePair[];
}

/** Per namespace: is it default-denied in each direction, and which workloads no policy selects. */
export interface NamespaceCoverage {
  readonly namespace: string;
  readonly ingressDefaultDeny: boolean;
  readonly egressDefaultDeny: boolean;
  /** The policies that make it default-deny, "ns/name". */
  readonly ingressDenyPolicies: readonly string[];
  readonly egressDenyPolicies: readonly string[];
  readonly workloads: number;
  /** Workload ids selected by at least one NetworkPolicy, per direction. */
  readonly selectedIngress: number;
  readonly selectedEgress: number;
  /** Workload ids that no NetworkPolicy selects in either direction. */
  readonly unselected: readonly string[];
}
