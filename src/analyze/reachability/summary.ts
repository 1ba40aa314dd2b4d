// Namespace-to-namespace summary without pod pairs: free-to-free pairs by counting, the rest by rule enumeration.
import type { NamespacePair, NamespaceSummary } from '../../model/connectivity.js';
import type { Engine } from './engine.js';
import { Candidates } from './candidates.js';
import type { PodClass } from './universe.js';

/** Computes allowed workload pairs per ordered namespace pair; cost follows the policies, not pods squared. */
export function summarizeNamespaces(engine: Engine): NamespaceSummary {
  const u = engine.u;
  const nsCount = u.namespaces.length;
  const real = u.classes.filter((c) => c.peers.length > 0).map((c) => c.index);
  const all = real;
  const freeOut = new Float64Array(nsCount);
  const freeIn = new Float64Array(nsCount);
  const freeBoth = new Float64Array(nsCount);
  const cands = new Candidates(engine);
  const { eFree, iFree } = cands;
  for (const c of real) {
    const cl = u.classes[c] as PodClass;
    const n = cl.peers.length;
    if (eFree[c]) freeOut[cl.ns]! += n;
    if (iFree[c]) freeIn[cl.ns]! += n;
    if (eFree[c] && iFree[c]) freeBoth[cl.ns]! += n;
  }
  /** Pairs beyond free-to-free, per source namespace then destination namespace. */
  const rows = new Map<number, Map<number, number>>();
  // Pending counts per (source namespace) for one destination class, flushed into rows in one go.
  const pending = new Float64Array(nsCount);
  const touched: number[] = [];
  let pendingDst = -1;
  const flush = (): void => {
    for (const a of touched) {
      const row = rows.get(a) ?? new Map<number, number>();
      row.set(pendingDst, (row.get(pendingDst) ?? 0) + pending[a]!);
      rows.set(a, row);
      pending[a] = 0;
    }
    touched.length = 0;
  };
  const add = (s: number, d: number): void => {
    const cs = u.classes[s] as PodClass;
    const cd = u.classes[d] as PodClass;
    const n = cs.peers.length * cd.peers.length - (s === d ? cs.peers.length : 0);
    if (n === 0) return;
    if (cd.ns !== pendingDst) {
      flush();
      pendingDst = cd.ns;
    }
    if (pending[cs.ns] === 0) touched.push(cs.ns);
    pending[cs.ns]! += n;
  };
  const stamp = new Int32Array(u.classes.length).fill(-1);
  // Destinations isolated for ingress: only sources some rule can match are candidates.
  for (const d of real) {
    if (iFree[d]) continue;
    const dEp = engine.classEndpoint(d);
    const src = cands.ingressSources(d);
    for (const s of src.list ?? all) {
      if (stamp[s] === d) continue;
      stamp[s] = d;
      if (src.sure && src.list && eFree[s]) add(s, d);
      else if (!cands.mayReach(s, d)) continue;
      else if (!engine.conns(engine.classEndpoint(s), dEp).isEmpty()) add(s, d);
    }
  }
  stamp.fill(-1);
  // Sources isolated for egress towards destinations open for ingress.
  for (const s of real) {
    if (eFree[s]) continue;
    const sEp = engine.classEndpoint(s);
    for (const d of cands.egressTargets(s) ?? all) {
      if (!iFree[d] || stamp[d] === s) continue;
      stamp[d] = s;
      if (!engine.conns(sEp, engine.classEndpoint(d)).isEmpty()) add(s, d);
    }
  }
  flush();
  const names = u.namespaces.map((n) => n.name);
  const count = (a: number, b: number): number =>
    freeOut[a]! * freeIn[b]! - (a === b ? freeBoth[a]! : 0) + (rows.get(a)?.get(b) ?? 0);
  const sum = (x: Float64Array): number => x.reduce((acc, v) => acc + v, 0);
  let total = sum(freeOut) * sum(freeIn) - sum(freeBoth);
  for (const row of rows.values()) for (const v of row.values()) total += v;
  let list: NamespacePair[] | undefined;
  let pairTotal: number | undefined;
  const tmp = new Float64Array(nsCount);
  /** Visits the destinations of `src` in name order with their pair counts; stops when `visit` returns false. */
  const row = (src: string, visit: (b: number, n: number) => boolean): void => {
    const a = u.nsIndex.get(src);
    if (a === undefined) return;
    const extra = rows.get(a);
    if (freeOut[a] === 0) {
      // Only the sparse entries can be non-zero: no scan of every namespace.
      const bs = [...(extra?.keys() ?? [])].sort((x, y) => (names[x]! < names[y]! ? -1 : 1));
      for (const b of bs) if (!u.namespaces[b]!.synthetic && !visit(b, extra!.get(b)!)) return;
      return;
    }
    for (const [b, n] of extra ?? []) tmp[b] = n;
    try {
      for (const b of byName) {
        const n = freeOut[a]! * freeIn[b]! - (a === b ? freeBoth[a]! : 0) + tmp[b]!;
        if (n > 0 && !visit(b, n)) return;
      }
    } finally {
      for (const b of extra?.keys() ?? []) tmp[b] = 0;
    }
  };
  const visible = u.namespaces.map((n, i) => ({ n, i })).filter((x) => !x.n.synthetic);
  const byName = [...visible]
    .sort((x, y) => (x.n.name < y.n.name ? -1 : x.n.name > y.n.name ? 1 : 0))
    .map((x) => x.i);
  return {
    namespaces: visible.map((x) => x.n.name).sort(),
    workloadPairs: total,
    pairCount: (src, dst) => {
      const a = u.nsIndex.get(src);
      const b = u.nsIndex.get(dst);
      return a === undefined || b === undefined ? 0 : count(a, b);
    },
    destinations: (src, limit = Infinity) => {
      const out: { namespace: string; workloadPairs: number }[] = [];
      row(src, (b, n) => {
        out.push({ namespace: names[b]!, workloadPairs: n });
        return out.length < limit;
      });
      return out;
    },
    outgoing: (src) => {
      let namespaces = 0;
      let workloadPairs = 0;
      row(src, (_b, n) => {
        namespaces++;
        workloadPairs += n;
        return true;
      });
      return { namespaces, workloadPairs };
    },
    pairsLimited: (limit) => {
      const out: NamespacePair[] = [];
      for (const a of byName) {
        if (out.length >= limit) break;
        row(names[a]!, (b, n) => {
          out.push({ src: names[a]!, dst: names[b]!, workloadPairs: n });
          return out.length < limit;
        });
      }
      return out;
    },
    get pairTotal(): number {
      if (pairTotal === undefined) {
        let n = 0;
        for (const a of byName)
          row(names[a]!, () => {
            n++;
            return true;
          });
        pairTotal = n;
      }
      return pairTotal;
    },
    get pairs(): readonly NamespacePair[] {
      if (!list) {
        list = [];
        const sorted = [...visible].sort((x, y) => (x.n.name < y.n.name ? -1 : x.n.name > y.n.name ? 1 : 0));
        for (const a of sorted)
          for (const b of sorted) {
            const n = count(a.i, b.i);
            if (n > 0) list.push({ src: names[a.i]!, dst: names[b.i]!, workloadPairs: n });
          }
      }
      return list;
    },
  };
}
