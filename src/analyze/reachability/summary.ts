// Namespace-to-namespace summary without pod pairs: free-to-free pairs by counting, the rest by rule enumeration.
import type { NamespacePair, NamespaceSummary } from '../../model/connectivity.js';
import type { Engine } from './engine.js';
import { resolvePorts, type PeerMatcher } from './rules.js';
import type { PodClass } from './universe.js';

/** Classes a rule peer can match; undefined when it can match every class (an `any` peer). */
function candidates(
  engine: Engine,
  peers: readonly PeerMatcher[],
  cache: Map<PeerMatcher, number[]>,
): number[] | undefined {
  const out: number[] = [];
  for (const p of peers) {
    if (p.kind === 'any') return undefined;
    if (p.kind !== 'pods') continue;
    let list = cache.get(p);
    if (!list) {
      list = engine.subjectClasses(p);
      cache.set(p, list);
    }
    for (const c of list) out.push(c);
  }
  return out;
}

/** Computes allowed workload pairs per ordered namespace pair; cost follows the policies, not pods squared. */
export function summarizeNamespaces(engine: Engine): NamespaceSummary {
  const u = engine.u;
  const nsCount = u.namespaces.length;
  const real = u.classes.filter((c) => c.peers.length > 0).map((c) => c.index);
  const all = real;
  const freeOut = new Float64Array(nsCount);
  const freeIn = new Float64Array(nsCount);
  const freeBoth = new Float64Array(nsCount);
  const eFree = new Uint8Array(u.classes.length);
  const iFree = new Uint8Array(u.classes.length);
  for (const c of real) {
    const cl = u.classes[c] as PodClass;
    const n = cl.peers.length;
    eFree[c] = engine.isFree(c, 'egress') ? 1 : 0;
    iFree[c] = engine.isFree(c, 'ingress') ? 1 : 0;
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
  // Per egress-isolated source: the classes its egress rules can match (null: any), shared by equal policy sets.
  const reachCache = new Map<string, Set<number> | null>();
  const perClass = new Map<number, Set<number> | null>();
  const egressTargets = (s: number): Set<number> | null => {
    const known = perClass.get(s);
    if (known !== undefined) return known;
    const t = targetsOf(s);
    perClass.set(s, t);
    return t;
  };
  const targetsOf = (s: number): Set<number> | null => {
    if (!engine.npOnly(s, 'egress')) return null;
    const nps = engine.npEgress[s] ?? [];
    const k = nps.map((p) => p.ref).join('\u0000');
    let t = reachCache.get(k);
    if (t === undefined) {
      const c = candidates(
        engine,
        engine.egressRules(s).flatMap((r) => r.peers),
        cache,
      );
      t = c ? new Set(c) : null;
      reachCache.set(k, t);
    }
    return t;
  };
  const cache = new Map<PeerMatcher, number[]>();
  // Destinations isolated for ingress: only sources some rule can match are candidates.
  for (const d of real) {
    if (iFree[d]) continue;
    const dEp = engine.classEndpoint(d);
    const npOnly = engine.npOnly(d, 'ingress');
    // With NetworkPolicies only, a source matched by a rule with ports left at d is allowed on the ingress side.
    const rules = npOnly
      ? engine.ingressRules(d).filter((r) => !resolvePorts(r.ports, dEp).isEmpty())
      : engine.ingressRules(d);
    let cands: number[] | undefined = [];
    for (const r of rules) {
      const c = candidates(engine, r.peers, cache);
      if (!c) {
        cands = undefined;
        break;
      }
      for (const x of c) cands.push(x);
    }
    for (const s of cands ?? all) {
      if (stamp[s] === d) continue;
      stamp[s] = d;
      if (npOnly && eFree[s] && cands) add(s, d);
      else if (!eFree[s] && egressTargets(s)?.has(d) === false) continue;
      else if (!engine.conns(engine.classEndpoint(s), dEp).isEmpty()) add(s, d);
    }
  }
  stamp.fill(-1);
  // Sources isolated for egress towards destinations open for ingress.
  for (const s of real) {
    if (eFree[s]) continue;
    const sEp = engine.classEndpoint(s);
    const c = candidates(
      engine,
      engine.egressRules(s).flatMap((r) => r.peers),
      cache,
    );
    for (const d of c ?? all) {
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
