// Allowed workload pairs per ordered namespace pair, kept up to date from the class pairs a change alters,
// so the namespace-path findings of the namespaces a change touches can be recomputed without the whole summary.
import type { Engine } from '../../analyze/reachability/engine.js';
import type { NamespaceSummary } from '../../model/connectivity.js';
import type { ClassPairChange } from './class-delta.js';

/** src namespace -> dst namespace -> allowed workload pairs (self pairs excluded, zero entries removed). */
export type NsPairs = Map<string, Map<string, number>>;

/** The table of a full namespace summary. */
export function nsPairsOf(summary: NamespaceSummary): NsPairs {
  const out: NsPairs = new Map();
  for (const src of summary.namespaces) {
    const row = new Map<string, number>();
    for (const d of summary.destinations(src, Number.MAX_SAFE_INTEGER))
      if (d.workloadPairs > 0) row.set(d.namespace, d.workloadPairs);
    if (row.size) out.set(src, row);
  }
  return out;
}

/** The table after the pairs whose allowed ports went from none to some, or from some to none. */
export function updateNsPairs(table: NsPairs, engine: Engine, pairs: readonly ClassPairChange[]): NsPairs {
  const u = engine.u;
  const out: NsPairs = new Map(table);
  const copied = new Set<string>();
  for (const p of pairs) {
    const was = !p.before.isEmpty();
    const is = !p.after.isEmpty();
    if (was === is) continue;
    const s = u.classes[p.src]!;
    const d = u.classes[p.dst]!;
    const n = s.peers.length * d.peers.length - (p.src === p.dst ? s.peers.length : 0);
    if (n === 0) continue;
    const src = u.namespaces[s.ns]!.name;
    const dst = u.namespaces[d.ns]!.name;
    if (!copied.has(src)) {
      out.set(src, new Map(out.get(src) ?? []));
      copied.add(src);
    }
    const row = out.get(src)!;
    const next = (row.get(dst) ?? 0) + (is ? n : -n);
    if (next > 0) row.set(dst, next);
    else row.delete(dst);
    if (row.size === 0) out.delete(src);
  }
  return out;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A NamespaceSummary over the table whose `namespaces` (the sources the path rules visit) are only `sources`:
 * the namespace-path rules then report exactly those namespaces, as a full summary would.
 */
export function summaryFor(table: NsPairs, sources: readonly string[]): NamespaceSummary {
  const destinations = (src: string, limit = Number.MAX_SAFE_INTEGER) =>
    [...(table.get(src) ?? new Map<string, number>()).entries()]
      .sort(([a], [b]) => byName(a, b))
      .slice(0, limit)
      .map(([namespace, workloadPairs]) => ({ namespace, workloadPairs }));
  const unsupported = (what: string): never => {
    throw new Error(`${what} is not available on a change-impact summary`);
  };
  return {
    namespaces: [...sources].sort(byName),
    get workloadPairs(): number {
      return unsupported('workloadPairs');
    },
    pairCount: (src, dst) => table.get(src)?.get(dst) ?? 0,
    destinations,
    outgoing: (src) => {
      const row = [...(table.get(src)?.values() ?? [])];
      return { namespaces: row.length, workloadPairs: row.reduce((s, n) => s + n, 0) };
    },
    pairsLimited: () => unsupported('pairsLimited'),
    get pairTotal(): number {
      return unsupported('pairTotal');
    },
    get pairs(): never {
      return unsupported('pairs');
    },
  };
}
