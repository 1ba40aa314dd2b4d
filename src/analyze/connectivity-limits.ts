// How much connectivity detail a bundle can hold: evidence.json is one JSON string (V8 caps strings near
// 512 MB), and expanding every pair of a very large cluster costs memory the CronJob does not have.
import type { Connection, Connectivity } from '../model/connectivity.js';
import type { ConnectivitySummary } from '../model/evidence.js';

/** Connections listed in evidence.json (the first ones in sort order); all go to connectivity.csv. */
export const EVIDENCE_CONNECTION_LIMIT = 20_000;
/** Namespace pairs listed in evidence.json. */
export const EVIDENCE_NAMESPACE_PAIR_LIMIT = 50_000;
/** Above this many workload pairs the peer-to-peer list is not expanded at all (namespace level only). */
export const EXPANSION_LIMIT = 5_000_000;

export interface ConnectivityView {
  /** Every connection, or none when the cluster is too large to expand. */
  readonly all: readonly Connection[];
  readonly summary: ConnectivitySummary;
}

export function limitConnectivity(c: Connectivity): ConnectivityView {
  const workloadPairs = c.namespaces?.workloadPairs ?? 0;
  const expand = workloadPairs <= EXPANSION_LIMIT;
  const all = expand ? c.connections : [];
  return {
    all,
    summary: {
      total: expand ? all.length : workloadPairs,
      listed: Math.min(all.length, EVIDENCE_CONNECTION_LIMIT),
      csvComplete: expand,
      // pairsLimited never builds the full list (millions of pairs on a 10,000-namespace cluster).
      namespacePairs: c.namespaces?.pairsLimited(EVIDENCE_NAMESPACE_PAIR_LIMIT) ?? [],
      namespacePairsTotal: c.namespaces?.pairTotal ?? 0,
      workloadPairs,
    },
  };
}
