// Allowed workload-to-workload paths that no observed flow took: least-privilege candidates.
import type { FlowsSection } from '../../model/flows.js';
import type { Reachability } from '../reachability/index.js';

/** Above this many allowed workload pairs the pairs are not expanded; the list says it is incomplete. */
export const MAX_UNOBSERVED_SCAN = 50_000;

export function unobservedPaths(
  reach: Reachability,
  observedPairs: ReadonlySet<string>,
  limit: number,
): FlowsSection['unobserved'] {
  const pairs = reach.connectivity.namespaces?.workloadPairs ?? 0;
  if (pairs > MAX_UNOBSERVED_SCAN) return { complete: false, total: 0, items: [] };
  const workloads = new Set(reach.engine.u.peers.map((p) => p.id));
  const items: { src: string; dst: string; conns: string }[] = [];
  let total = 0;
  for (const c of reach.connectivity.connections) {
    if (c.src === c.dst || !workloads.has(c.src) || !workloads.has(c.dst)) continue;
    if (observedPairs.has(`${c.src}\u0000${c.dst}`)) continue;
    total++;
    if (items.length < limit) items.push({ src: c.src, dst: c.dst, conns: c.text });
  }
  return { complete: true, total, items };
}
