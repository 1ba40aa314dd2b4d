// How much connectivity detail a bundle holds. Connections are pulled lazily in sort order, so each output
// costs what it writes: evidence.json the first rows, connectivity.csv at most CSV_CONNECTION_LIMIT rows.
import { CSV_CONNECTION_LIMIT, type Connection, type Connectivity } from '../model/connectivity.js';
import type { ConnectivitySummary } from '../model/evidence.js';

/** Connections listed in evidence.json (the first ones in sort order). */
export const EVIDENCE_CONNECTION_LIMIT = 20_000;
/** Namespace pairs listed in evidence.json. */
export const EVIDENCE_NAMESPACE_PAIR_LIMIT = 50_000;
export { CSV_CONNECTION_LIMIT } from '../model/connectivity.js';

export interface ConnectivityView {
  /** The first EVIDENCE_CONNECTION_LIMIT connections. */
  readonly listed: readonly Connection[];
  /** The connections connectivity.csv holds (pulled lazily, at most CSV_CONNECTION_LIMIT). */
  readonly csvRows: () => Iterable<Connection>;
  readonly summary: ConnectivitySummary;
}

/** The first `limit` items of an iterable, pulled lazily (the producer stops when the consumer does). */
export function* take<T>(items: Iterable<T>, limit: number): Generator<T> {
  if (limit <= 0) return;
  let n = 0;
  for (const x of items) {
    yield x;
    if (++n >= limit) return;
  }
}

export function limitConnectivity(c: Connectivity): ConnectivityView {
  const all = (): Iterable<Connection> => c.iterate?.() ?? c.connections;
  const total = c.total ?? c.connections.length;
  const listed = [...take(all(), EVIDENCE_CONNECTION_LIMIT)];
  return {
    listed,
    csvRows: () => take(all(), CSV_CONNECTION_LIMIT),
    summary: {
      total,
      listed: listed.length,
      csvComplete: total <= CSV_CONNECTION_LIMIT,
      // pairsLimited never builds the full list (millions of pairs on a 10,000-namespace cluster).
      namespacePairs: c.namespaces?.pairsLimited(EVIDENCE_NAMESPACE_PAIR_LIMIT) ?? [],
      namespacePairsTotal: c.namespaces?.pairTotal ?? 0,
      workloadPairs: c.namespaces?.workloadPairs ?? 0,
    },
  };
}
