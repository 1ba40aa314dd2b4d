// Class pairs a change altered, expanded to workload pairs: counts of all of them, and the top rows
// (outside world first, then across namespaces; opened before changed before closed).
import type { Engine } from '../../analyze/reachability/engine.js';
import { diffPaths } from '../../diff/paths.js';
import type { ChangedPath, PathCounts } from '../../model/change-impact.js';
import type { Connection } from '../../model/connectivity.js';
import { pathsByConcern } from '../impact.js';
import type { ClassPairChange } from './class-delta.js';

/** Rows kept per bucket (scope and kind of change) before sorting: enough for any top-N asked. */
const BUCKET_ROWS = 2_000;

const byPair = (a: ChangedPath, b: ChangedPath): number =>
  a.src < b.src ? -1 : a.src > b.src ? 1 : a.dst < b.dst ? -1 : a.dst > b.dst ? 1 : 0;

export function pathChanges(
  engine: Engine,
  pairs: readonly ClassPairChange[],
  externalBefore: readonly Connection[],
  externalAfter: readonly Connection[],
  topRows: number,
): PathCounts & { top: ChangedPath[] } {
  const u = engine.u;
  const counts = { opened: 0, closed: 0, changed: 0, external: 0, crossNamespace: 0 };
  const buckets = new Map<string, ChangedPath[]>();
  for (const p of pairs) {
    const s = u.classes[p.src]!;
    const d = u.classes[p.dst]!;
    const n = s.peers.length * d.peers.length - (p.src === p.dst ? s.peers.length : 0);
    if (n === 0) continue;
    const change = p.before.isEmpty() ? 'opened' : p.after.isEmpty() ? 'closed' : 'changed';
    const scope = s.ns === d.ns ? 'same-namespace' : 'cross-namespace';
    counts[change] += n;
    if (scope === 'cross-namespace') counts.crossNamespace += n;
    const key = `${scope}/${change}`;
    const bucket = buckets.get(key) ?? [];
    buckets.set(key, bucket);
    for (const ps of s.peers)
      for (const pd of d.peers) {
        if (ps === pd) continue;
        if (bucket.length >= BUCKET_ROWS) break;
        bucket.push({
          src: u.peers[ps]!.id,
          dst: u.peers[pd]!.id,
          change,
          ...(change !== 'opened' ? { before: p.before.toString() } : {}),
          ...(change !== 'closed' ? { after: p.after.toString() } : {}),
          scope,
        });
      }
  }
  const external = diffPaths(externalBefore, externalAfter);
  for (const e of external) {
    counts[e.change]++;
    counts.external++;
  }
  const rows = [...external, ...[...buckets.values()].flatMap((b) => b.sort(byPair).slice(0, topRows))];
  return { ...counts, top: pathsByConcern(rows.sort(byPair)).slice(0, topRows) };
}
